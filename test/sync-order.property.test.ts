import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Node, openNode } from '@oise/node';
import { ingestBundles } from '@oise/sync';
import { makeTempDir } from '@oise/testkit';
import { quarterStatus } from '@oise/workflow';
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
  sendBack,
  submit,
  totals,
  validate,
} from './sync-fixtures.js';

/*
 * Property (SPEC §4, §5): whatever the order, duplication or delay of the bundles of several
 * cercles and quarters, the region and the national database end up the same as with in-order
 * delivery, and national totals equal the sum of what the cercles entered.
 * The quarters follow the real workflow: Awa imports and submits, the CSR validates or returns,
 * a return travels down and reopens the quarter, a validated quarter is closed for good.
 * Fixed seed, overridable: FC_SEED=123 FC_RUNS=50 pnpm vitest run test/sync-order.property.test.ts
 */
const SEED = Number(process.env.FC_SEED ?? 20250420);
const RUNS = Number(process.env.FC_RUNS ?? 10);

const LAYOUT = { ML04: ['ML0401', 'ML0402'], ML03: ['ML0301'] };
const REGIONS = Object.keys(LAYOUT) as (keyof typeof LAYOUT)[];
const CERCLES = ['ML0401', 'ML0402', 'ML0301'];
/** Integers disaggregated by sex, part of no other indicator: any value 0–1000 is accepted. */
const INDICATORS = ['EDU_ENSEIGNANTS', 'CUL_PARTICIPANTS'];
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
  value: fc.option(fc.integer({ min: 0, max: 1000 }), { freq: 3 }),
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

/** The figures a cercle holds (not deleted), in key order. */
async function storedKeys(node: Node): Promise<Omit<Entry, 'value'>[]> {
  const rows = await node.db
    .selectFrom('data_value')
    .select(['org_unit_code', 'indicator_code', 'period', 'category'])
    .where('deleted', '=', 0)
    .orderBy(['org_unit_code', 'indicator_code', 'period', 'category'])
    .execute();
  return rows.map((r) => ({
    unit: r.org_unit_code,
    indicator: r.indicator_code,
    period: r.period,
    category: r.category,
  }));
}

const sameKey = (a: Omit<Entry, 'value'>, b: Omit<Entry, 'value'>) =>
  a.unit === b.unit && a.indicator === b.indicator && a.period === b.period && a.category === b.category;

/** The status of a cercle's quarter as `node` knows it. */
async function statusAt(node: Node, cercle: string, period: string) {
  return (await quarterStatus(node.db, cercle, period)).status;
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
          const nodes = await openAll(root, ['ML', ...REGIONS, ...CERCLES]);
          const fresh: Node[] = [];
          try {
            const national = nodes.get('ML')!;
            const keep = join(root, 'courier');
            const up = (cercle: string) =>
              send(nodes.get(cercle)!, nodes.get(regionOf(cercle))!, { keep: join(keep, regionOf(cercle)) });
            // In-order delivery, round by round; copies of every bundle kept by destination.
            for (const [index, round] of rounds.entries()) {
              const submitted = new Set<string>();
              for (const [i, cercle] of CERCLES.entries()) {
                const node = nodes.get(cercle)!;
                const entries: Entry[] = [];
                const stored = await storedKeys(node);
                for (const e of round.filter((x) => x.cercle === i)) {
                  const period = QUARTERS[e.quarter]!;
                  // A validated quarter is closed for good: Awa can no longer change it.
                  if ((await statusAt(node, cercle, period)) === 'validated') continue;
                  let key: Omit<Entry, 'value'> = {
                    unit: communes.get(cercle)![e.commune]!,
                    indicator: INDICATORS[e.indicator]!,
                    period,
                    category: CATEGORIES[e.category]!,
                  };
                  // A deletion empties one of the quarter's stored figures: the one drawn, else another.
                  const mine = stored.filter((k) => k.period === period);
                  if (e.value === null && mine.length > 0 && !mine.some((k) => sameKey(k, key)))
                    key = mine[(e.commune + 2 * e.indicator + 4 * e.category) % mine.length]!;
                  entries.push({ ...key, value: e.value });
                }
                if (entries.length === 0) continue;
                await enterValues(node, entries);
                for (const q of new Set(entries.map((e) => e.period))) {
                  await submit(node, q);
                  submitted.add(`${cercle}|${q}`);
                }
                await up(cercle);
              }
              for (const region of REGIONS) {
                // The CSR decides on every submission: validated, some only in the last round,
                // the others returned (the return reaches the cercle with the next bundle down).
                const last = index === rounds.length - 1;
                for (const t of submitted) {
                  const [cercle, q] = t.split('|') as [string, string];
                  if (regionOf(cercle) !== region) continue;
                  if (last || round.length % 2 === 0) await validate(nodes.get(region)!, cercle, q);
                  else await sendBack(nodes.get(region)!, cercle, q);
                }
                await send(nodes.get(region)!, national, { keep: join(keep, 'ML') });
                await send(national, nodes.get(region)!);
                for (const cercle of LAYOUT[region]) await send(nodes.get(region)!, nodes.get(cercle)!);
              }
            }
            // A quarter returned and left so: Awa submits it again, the CSR validates it.
            for (const cercle of CERCLES) {
              let again = false;
              for (const q of QUARTERS)
                if ((await statusAt(nodes.get(cercle)!, cercle, q)) === 'returned') {
                  await submit(nodes.get(cercle)!, q);
                  again = true;
                }
              if (again) await up(cercle);
            }
            for (const region of REGIONS) {
              for (const cercle of LAYOUT[region])
                for (const q of QUARTERS)
                  if ((await statusAt(nodes.get(region)!, cercle, q)) === 'submitted')
                    await validate(nodes.get(region)!, cercle, q);
              await send(nodes.get(region)!, national, { keep: join(keep, 'ML') });
            }

            // Conservation: national holds exactly what the cercles entered.
            const cercleTotals = await totals(CERCLES.map((c) => nodes.get(c)!));
            expect(await totals([national])).toEqual(cercleTotals);

            // Out of order, duplicated, delayed: fresh copies of the receivers get the same files.
            for (const receiver of [...REGIONS, 'ML']) {
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
