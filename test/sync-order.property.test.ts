import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Node, openNode } from '@oise/node';
import { ingestBundles } from '@oise/sync';
import { makeTempDir } from '@oise/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type Entry,
  NOW,
  closeAll,
  dumpTable,
  enterValues,
  makeCountry,
  send,
  submit,
  totals,
  validate,
} from './sync-fixtures.js';

/*
 * Property (SPEC §4, §5): whatever the order, duplication or delay of the bundles of several
 * cercles and quarters, the region and the national database end up the same as with in-order
 * delivery, and national totals equal the sum of what the cercles entered.
 * Fixed seed, overridable: FC_SEED=123 FC_RUNS=50 pnpm vitest run test/sync-order.property.test.ts
 */
const SEED = Number(process.env.FC_SEED ?? 20250420);
const RUNS = Number(process.env.FC_RUNS ?? 10);

const LAYOUT = { ML04: ['ML0401', 'ML0402'], ML03: ['ML0301'] };
const CERCLES = ['ML0401', 'ML0402', 'ML0301'];
const INDICATORS = ['SAN_CSCOM', 'SAN_MEDECINS'];
const QUARTERS = ['2025Q1', '2025Q2'];
const CATEGORIES = ['', 'F'];
const regionOf = (cercle: string) => cercle.slice(0, 4);

let template: string;
const communes = new Map<string, string[]>();

beforeAll(async () => {
  template = makeTempDir('oise-sync-prop-');
  const country = await makeCountry(template, LAYOUT);
  for (const c of CERCLES) {
    const rows = await country.national.db
      .selectFrom('org_unit')
      .select('code')
      .where('parent_code', '=', c)
      .orderBy('code')
      .execute();
    communes.set(
      c,
      rows.slice(0, 2).map((r) => r.code),
    );
  }
  await country.close();
});

afterAll(() => rmSync(template, { recursive: true, force: true }));

const entryArb = fc.record({
  cercle: fc.nat(CERCLES.length - 1),
  commune: fc.nat(1),
  indicator: fc.nat(INDICATORS.length - 1),
  quarter: fc.nat(QUARTERS.length - 1),
  category: fc.nat(CATEGORIES.length - 1),
  value: fc.option(fc.integer({ min: 0, max: 1000 }), { freq: 6 }),
});
const roundArb = fc.array(entryArb, { minLength: 1, maxLength: 12 });
const deliveryArb = fc.record({
  keys: fc.array(fc.nat(1000), { minLength: 1, maxLength: 16 }),
  dups: fc.array(fc.nat(1000), { maxLength: 4 }),
});

/** A delivery order: a permutation of the files with some of them again, anywhere. */
function deliveryOrder(files: string[], d: { keys: number[]; dups: number[] }): string[] {
  const order = files
    .map((f, i) => ({ f, k: d.keys[i % d.keys.length] ?? 0, i }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.f);
  for (const dup of d.dups) {
    if (files.length) order.splice(dup % (order.length + 1), 0, files[dup % files.length]!);
  }
  return order;
}

async function openAll(root: string, codes: string[]): Promise<Map<string, Node>> {
  const nodes = new Map<string, Node>();
  for (const code of codes) nodes.set(code, await openNode(join(root, code)));
  return nodes;
}

describe('order-independence of bundles', () => {
  test('any order, duplication or delay gives the in-order databases; national totals = sum of cercles', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(roundArb, { minLength: 2, maxLength: 3 }),
        deliveryArb,
        async (rounds, delivery) => {
          const root = makeTempDir('oise-sync-run-');
          cpSync(template, root, { recursive: true });
          const nodes = await openAll(root, ['ML', 'ML04', 'ML03', ...CERCLES]);
          const fresh: Node[] = [];
          try {
            const national = nodes.get('ML')!;
            const keep = join(root, 'courier');
            // In-order delivery, round by round; copies of every bundle kept by destination.
            for (const [index, round] of rounds.entries()) {
              const touched = new Set<string>();
              for (const [i, cercle] of CERCLES.entries()) {
                const entries: Entry[] = round
                  .filter((e) => e.cercle === i)
                  .map((e) => ({
                    unit: communes.get(cercle)![e.commune]!,
                    indicator: INDICATORS[e.indicator]!,
                    period: QUARTERS[e.quarter]!,
                    category: CATEGORIES[e.category]!,
                    value: e.value,
                  }));
                if (entries.length === 0) continue;
                await enterValues(nodes.get(cercle)!, entries);
                for (const q of new Set(entries.map((e) => e.period))) {
                  await submit(nodes.get(cercle)!, q);
                  touched.add(`${cercle}|${q}`);
                }
                await send(nodes.get(cercle)!, nodes.get(regionOf(cercle))!, {
                  keep: join(keep, regionOf(cercle)),
                });
              }
              for (const region of ['ML04', 'ML03']) {
                // The CSR validates each touched quarter, some of them only in the last round.
                for (const t of touched) {
                  const [cercle, q] = t.split('|') as [string, string];
                  const last = index === rounds.length - 1;
                  if (regionOf(cercle) === region && (last || round.length % 2 === 0)) {
                    await validate(nodes.get(region)!, cercle, q);
                  }
                }
                await send(nodes.get(region)!, national, { keep: join(keep, 'ML') });
                await send(national, nodes.get(region)!);
              }
            }
            for (const region of ['ML04', 'ML03']) {
              for (const t of CERCLES.filter((c) => regionOf(c) === region)) {
                for (const q of QUARTERS) {
                  const has = await nodes
                    .get(region)!
                    .db.selectFrom('quarter_submission')
                    .select('number')
                    .where('org_unit_code', '=', t)
                    .where('period', '=', q)
                    .executeTakeFirst();
                  if (has) await validate(nodes.get(region)!, t, q);
                }
              }
              await send(nodes.get(region)!, national, { keep: join(keep, 'ML') });
            }

            // Conservation: national holds exactly what the cercles entered.
            const cercleTotals = await totals(CERCLES.map((c) => nodes.get(c)!));
            expect(await totals([national])).toEqual(cercleTotals);

            // Out of order, duplicated, delayed: fresh copies of the receivers get the same files.
            for (const receiver of ['ML04', 'ML03', 'ML']) {
              const folder = join(keep, receiver);
              const files = readdirSync(folder)
                .sort()
                .map((f) => join(folder, f));
              const copy = join(root, `fresh-${receiver}`);
              cpSync(join(template, receiver), copy, { recursive: true });
              const node = await openNode(copy);
              fresh.push(node);
              for (const file of deliveryOrder(files, delivery)) {
                const [r] = await ingestBundles(node, { now: NOW, files: [file] });
                expect(['applied', 'duplicate']).toContain(r?.status);
              }
              const tables =
                receiver === 'ML'
                  ? ['data_value', 'quarter_submission', 'quarter_decision']
                  : ['data_value', 'quarter_submission'];
              for (const table of tables) {
                expect(await dumpTable(node, table)).toEqual(await dumpTable(nodes.get(receiver)!, table));
              }
            }
          } finally {
            await closeAll([...nodes.values(), ...fresh]);
            rmSync(root, { recursive: true, force: true });
          }
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });
});
