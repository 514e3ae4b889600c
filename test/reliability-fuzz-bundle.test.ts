import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Node } from '@oise/node';
import { UP_TABLES, exportBundles, ingestBundles } from '@oise/sync';
import { makeTestNode, test } from '@oise/testkit';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { type BundleCase, bundleCaseArb, editManifest, editRows } from './reliability/bundle-arbitrary.js';
import { genuinelySigned, openBundle, sealBundle } from './reliability/bundle-tools.js';
import { changedTables, fingerprint } from './reliability/db-fingerprint.js';
import {
  FC_SEED,
  Hang,
  Tally,
  describeThrown,
  fcRuns,
  isFrench,
  watchUnhandled,
  withinTimeLimit,
} from './reliability/harness.js';
import { NOW, enterQuarter, makeSmallCountry, signerOf } from './reliability/small-country.js';

/**
 * Bundles truncated, bit-flipped, re-compressed, or opened and re-sealed with edits (manifest
 * fields, rows reordered, duplicated, dropped, rewritten), signed by the sender, an impostor or
 * nobody. Each is applied or refused with a French reason; a refusal changes nothing; nothing
 * the sender did not sign, and nothing outside its territory, is ever applied.
 */
describe('fuzz: bundles', () => {
  test('every damaged or tampered bundle is applied whole or refused whole, never forged in', async ({
    tmp,
  }) => {
    const watch = watchUnhandled();
    const country = await makeSmallCountry(tmp);
    const impostor = await makeTestNode(join(tmp, 'imposteur'), 'cercle', 'ML0401');
    const { region, cercle } = country;
    try {
      await enterQuarter(cercle, '2025Q1', [
        { indicator: 'SAN_CSCOM', base: 1 },
        { indicator: 'SAN_CPN', base: 40 },
        { indicator: 'SAN_ACC_ATTENDUS', base: 20 },
      ]);
      const [written] = (await exportBundles(cercle, { now: NOW, to: 'ML04' })).written;
      const genuine = readFileSync(written!.file);
      const opened = openBundle(genuine);
      const senderKey = readFileSync(cercle.paths.publicKey, 'utf8');
      const reference = await fingerprint(region.db, [
        'org_unit',
        'indicator',
        'aggregate_value',
        'trusted_key',
      ]);

      const runs = fcRuns(300);
      const tally = new Tally('bundle', runs);
      let n = 0;
      await fc.assert(
        fc.asyncProperty(bundleCaseArb, async (c) => {
          const describeCase = JSON.stringify(c, (_k, v) =>
            v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
          ).slice(0, 600);
          const bytes = build(c, genuine, opened, { sender: signerOf(cercle), impostor: signerOf(impostor) });
          const name = `ML0401-ML04-${String(++n).padStart(6, '0')}.oise.gz`;
          writeFileSync(join(region.paths.inbox, name), bytes);
          const before = await fingerprint(region.db);
          try {
            const results = await withinTimeLimit(() => ingestBundles(region, { now: NOW }), 'ingest');
            const r = results[0];
            if (results.length !== 1 || !r) {
              tally.fail('crashes', `expected one result, got ${results.length} — ${describeCase}`);
              return;
            }
            if (r.status === 'rejected') {
              if (!r.code || !isFrench(r.reason))
                tally.fail('crashes', `rejected without a French reason — ${describeCase}`);
              else tally.refused(r.code);
              const changed = changedTables(before, await fingerprint(region.db));
              if (changed.length > 0) tally.fail('partialWrites', `${changed.join(',')} — ${describeCase}`);
              return;
            }
            tally.accepted();
            tally.counts.codes[r.status.toUpperCase()] =
              (tally.counts.codes[r.status.toUpperCase()] ?? 0) + 1;
            if (!genuinelySigned(bytes, senderKey)) {
              tally.fail('forgeriesAccepted', `${r.status} without the sender's signature — ${describeCase}`);
            }
            const problems = await scopeViolations(region, reference);
            if (problems.length > 0)
              tally.fail('forgeriesAccepted', `${problems.slice(0, 3).join('; ')} — ${describeCase}`);
          } catch (error) {
            if (error instanceof Hang) tally.fail('hangs', describeCase);
            else tally.fail('crashes', `${describeThrown(error)} — ${describeCase}`);
          }
        }),
        { seed: FC_SEED, numRuns: runs },
      );
      const counts = tally.report(watch.seen.length);
      expect(counts.failures).toEqual([]);
      expect(tally.clean).toBe(true);
      expect(counts.cases).toBe(runs);
      expect(counts.accepted).toBeGreaterThan(0);
      // The re-sealed cases reach the checks behind the signature.
      expect(Object.keys(counts.codes)).toEqual(
        expect.arrayContaining(['BUNDLE_BAD_SIGNATURE', 'BUNDLE_SCOPE']),
      );
    } finally {
      watch.stop();
      await country.close();
      await impostor.close();
    }
  });
});

function build(
  c: BundleCase,
  genuine: Buffer,
  opened: ReturnType<typeof openBundle>,
  keys: { sender: ReturnType<typeof signerOf>; impostor: ReturnType<typeof signerOf> },
): Buffer {
  if (c.kind === 'raw') {
    let bytes = Buffer.from(genuine);
    for (const e of c.edits) {
      if (e.kind === 'truncate') bytes = bytes.subarray(0, Math.floor(e.at * bytes.length));
      else if (e.kind === 'flip') {
        const i = Math.floor(e.at * bytes.length);
        if (i < bytes.length) bytes[i] = (bytes[i] ?? 0) ^ (1 << e.bit);
      } else if (e.kind === 'append') bytes = Buffer.concat([bytes, e.bytes]);
      else if (e.kind === 'concat') bytes = Buffer.concat([bytes, genuine]);
      else {
        try {
          bytes = gzipSync(gunzipSync(bytes), { level: e.level });
        } catch {
          // already unreadable: leave it so
        }
      }
    }
    return bytes;
  }
  const signer = c.signer === 'sender' ? keys.sender : c.signer === 'impostor' ? keys.impostor : undefined;
  return sealBundle(
    { manifest: editManifest(opened.manifest, c.manifest), rows: editRows(opened.rows, c.rows) },
    { fixHash: c.fixHash, fixCounts: c.fixCounts, level: c.level, ...(signer ? { signer } : {}) },
  );
}

/**
 * What the region may hold from its cercle: rows owned by ML0401 (or below) about units inside
 * ML0401, only in the tables that travel up; reference data and aggregates untouched.
 */
async function scopeViolations(region: Node, reference: Record<string, string>): Promise<string[]> {
  const out: string[] = [];
  const now = await fingerprint(region.db, Object.keys(reference));
  for (const t of changedTables(reference, now)) out.push(`${t} changed by a cercle bundle`);
  for (const table of UP_TABLES) {
    // biome-ignore lint/suspicious/noExplicitAny: every synced table has owner; some have org_unit_code
    const rows = (await (region.db as any).selectFrom(table).selectAll().execute()) as Record<
      string,
      unknown
    >[];
    for (const r of rows) {
      const owner = String(r.owner);
      if (owner === 'ML04') continue;
      if (!owner.startsWith('ML0401')) out.push(`${table}: owner ${owner}`);
      if ('org_unit_code' in r && !String(r.org_unit_code).startsWith('ML0401'))
        out.push(`${table}: unit ${String(r.org_unit_code)}`);
      if (typeof r.revision !== 'number' || !Number.isInteger(r.revision) || r.revision < 1)
        out.push(`${table}: revision ${String(r.revision)}`);
    }
  }
  return out;
}
