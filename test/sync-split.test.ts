import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Node, enroll } from '@oise/node';
import { type WrittenBundle, changeCounter, exportBundles, ingestBundles, readPeer } from '@oise/sync';
import { makeTestNode, test } from '@oise/testkit';
import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { NOW, closeAll, makeCountry } from './sync-fixtures.js';

const AGGREGATES = 120_000;
const MAX_ROWS = 50_000;

/** National's own aggregates: catalog indicators × units × 24 quarters, cut at `count`. */
async function seedAggregates(national: Node, count: number): Promise<void> {
  await sql`
    with recursive q(n) as (select 0 union all select n + 1 from q where n < 23)
    insert into aggregate_value (indicator_code, org_unit_code, period, category, source, value,
      numerator, denominator, reporting, expected, on_time, computed_by, computed_at, owner,
      revision, updated_at)
    select i.code, u.code, (2019 + q.n / 4) || 'Q' || (q.n % 4 + 1), '', 'local',
      (unicode(substr(i.code, 5, 1)) * 31 + length(u.code) * 7 + q.n) % 997, null, null, 2, 3, 2,
      'ML', ${NOW}, 'ML', 1, ${NOW}
    from indicator i cross join (select distinct code from org_unit) u cross join q
    limit ${count}`.execute(national.db);
}

/** A digest of what a region holds from national: aggregates and reference data, by key. */
async function holdings(node: Node): Promise<{ aggregates: number; digest: string }> {
  const hash = createHash('sha256');
  let aggregates = 0;
  for (const [table, key] of [
    ['aggregate_value', 'indicator_code, org_unit_code, period, category, source'],
    ['org_unit', 'code, valid_from'],
    ['indicator', 'code'],
  ] as const) {
    const rows = await sql<Record<string, unknown>>`
      select * from ${sql.table(table)} order by ${sql.raw(key)}`.execute(node.db);
    for (const { local_seq, ...row } of rows.rows) hash.update(`${table}${JSON.stringify(row)}\n`);
    if (table === 'aggregate_value') aggregates = rows.rows.length;
  }
  return { aggregates, digest: hash.digest('hex') };
}

async function ingestOneByOne(node: Node, files: readonly string[], now = NOW): Promise<string[]> {
  const statuses: string[] = [];
  for (const file of files) {
    for (const r of await ingestBundles(node, { now, files: [file] })) statuses.push(r.status);
  }
  return statuses;
}

function keep(bundles: readonly WrittenBundle[], folder: string): string[] {
  mkdirSync(folder, { recursive: true });
  return bundles.map((b) => {
    const copy = join(folder, basename(b.file));
    copyFileSync(b.file, copy);
    return copy;
  });
}

describe('a DOWN export larger than maxRows (SPEC [B5], [A2], [A3])', () => {
  test('is split into contiguous signed bundles; any order gives the same region; a lost one goes again from the gap', async ({
    tmp,
  }) => {
    const country = await makeCountry(tmp, { ML04: [] });
    const national = country.national;
    const region = country.nodes.get('ML04') as Node;
    // Two more copies of the region, which only read national's bundles.
    const inOrder = await makeTestNode(join(tmp, 'dans-l-ordre'), 'region', 'ML04');
    const reversed = await makeTestNode(join(tmp, 'a-l-envers'), 'region', 'ML04');
    try {
      for (const copy of [inOrder, reversed]) await enroll(copy, join(tmp, 'public-keys', 'ML.json'), NOW);
      await seedAggregates(national, AGGREGATES);

      const first = await exportBundles(national, { now: NOW, to: 'ML04', maxRows: MAX_ROWS });
      const bundles = first.written;
      const counter = await changeCounter(national.db);
      // [B5] three bundles, consecutive sequences, each at most maxRows, ranges contiguous.
      expect(bundles.map((b) => b.sequence)).toEqual([1, 2, 3]);
      expect(bundles.map((b) => b.rowCount).slice(0, 2)).toEqual([MAX_ROWS, MAX_ROWS]);
      expect(bundles[2]?.rowCount).toBeGreaterThan(AGGREGATES - 2 * MAX_ROWS);
      expect(bundles[2]?.rowCount).toBeLessThanOrEqual(MAX_ROWS);
      expect(bundles.reduce((n, b) => n + b.counts.aggregate_value, 0)).toBe(AGGREGATES);
      expect(bundles[0]?.changes.from).toBe(0);
      expect(bundles[1]?.changes.from).toBe(bundles[0]?.changes.to);
      expect(bundles[2]?.changes.from).toBe(bundles[1]?.changes.to);
      expect(bundles[2]?.changes.to).toBe(counter);
      const files = keep(bundles, join(tmp, 'cle-usb'));

      // In order, and in reverse order: the same region, acknowledged up to the counter.
      expect(await ingestOneByOne(inOrder, files)).toEqual(['applied', 'applied', 'applied']);
      const expected = await holdings(inOrder);
      expect(expected.aggregates).toBe(AGGREGATES);
      expect((await readPeer(inOrder.db, 'ML')).applied_peer_local_seq).toBe(counter);

      expect(await ingestOneByOne(reversed, [files[2] as string, files[1] as string])).toEqual([
        'applied',
        'applied',
      ]);
      // [A2] the later ranges are applied, but the acknowledgement waits for the first one.
      expect((await readPeer(reversed.db, 'ML')).applied_peer_local_seq).toBe(0);
      expect(await ingestOneByOne(reversed, [files[0] as string])).toEqual(['applied']);
      expect(await holdings(reversed)).toEqual(expected);
      // [A3] … and then jumps over the ranges already applied.
      expect((await readPeer(reversed.db, 'ML')).applied_peer_local_seq).toBe(counter);

      // The middle bundle is lost on the way to the real region.
      expect(await ingestOneByOne(region, [files[0] as string, files[2] as string])).toEqual([
        'applied',
        'applied',
      ]);
      const gapAt = bundles[0]?.changes.to as number;
      expect((await readPeer(region.db, 'ML')).applied_peer_local_seq).toBe(gapAt);
      expect((await holdings(region)).aggregates).toBe(AGGREGATES - MAX_ROWS);

      // Nothing new at national and no acknowledgement yet: nothing goes again.
      expect((await exportBundles(national, { now: NOW, to: 'ML04', maxRows: MAX_ROWS })).written).toEqual(
        [],
      );
      // The region acknowledges (up to the gap, though it applied bundle 3) …
      const ack = await exportBundles(region, { now: NOW, to: 'ML' });
      expect(ack.written.map((b) => b.ackOnly)).toEqual([true]);
      expect(
        await ingestOneByOne(
          national,
          ack.written.map((b) => b.file),
        ),
      ).toEqual(['applied']);
      // … so national sees the gap and sends again from it at once, not after a week.
      const again = await exportBundles(national, { now: NOW, to: 'ML04', maxRows: MAX_ROWS });
      expect(again.written.map((b) => b.sequence)).toEqual([4, 5]);
      expect(again.written[0]?.changes.from).toBe(gapAt);
      expect(again.written[1]?.changes.to).toBe(counter);
      expect(
        await ingestOneByOne(
          region,
          again.written.map((b) => b.file),
        ),
      ).toEqual(['applied', 'applied']);
      expect(await holdings(region)).toEqual(expected);
      expect((await readPeer(region.db, 'ML')).applied_peer_local_seq).toBe(counter);

      // Once acknowledged whole, nobody writes anything more.
      const lastAck = await exportBundles(region, { now: NOW, to: 'ML' });
      expect(
        await ingestOneByOne(
          national,
          lastAck.written.map((b) => b.file),
        ),
      ).toEqual(['applied']);
      expect((await readPeer(national.db, 'ML04')).acked_local_seq).toBe(counter);
      expect((await exportBundles(national, { now: NOW, to: 'ML04', maxRows: MAX_ROWS })).written).toEqual(
        [],
      );
      expect((await exportBundles(region, { now: NOW, to: 'ML' })).written).toEqual([]);
    } finally {
      await closeAll([...country.all, inOrder, reversed]);
    }
  });
});
