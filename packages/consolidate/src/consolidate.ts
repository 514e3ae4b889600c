import type { Hierarchy } from '@oise/catalog';
import { OiseError, type QuarterCalendar, countFr, normalizeQuarter, tryParseQuarter } from '@oise/core';
import { changeCounter, getCalendar } from '@oise/node';
import type { Database } from '@oise/schema';
import { type Kysely, sql } from 'kysely';
import { type AggregateWriteCounts, emptyAggregateCounts, writeAggregates } from './aggregate-writer.js';
import { referenceRowsChangedSince, rowsChangedSince } from './consolidation-lag.js';
import { buildPlan, hierarchyOf, quartersOfYear } from './consolidation-plan.js';
import { consolidatedUpTo, markConsolidated } from './consolidation-state.js';
import { computeFigures } from './figure-engine.js';
import { loadIndicatorRules } from './indicator-rules.js';
import { inTransaction } from './transaction.js';

export interface ConsolidateOptions {
  /** The node's code: the root of the units it computes, owner and author of its aggregates. */
  nodeCode: string;
  /** ISO timestamp written as computed_at/updated_at on changed rows. */
  now: string;
  /** Quarter calendar for timeliness (default: the node's `calendar.*` settings over the defaults). */
  calendar?: QuarterCalendar;
  /**
   * Told before each stage of the work (plan, figures, aggregates written), in French; awaited,
   * so a server can answer its pages in between.
   */
  onProgress?: (progress: ConsolidationProgress) => void | Promise<void>;
}

/** How far a consolidation has gone: `done` of `total` stages, and the stage under way. */
export interface ConsolidationProgress {
  done: number;
  total: number;
  step: string;
}

/** What a consolidation did. */
export interface ConsolidationResult extends AggregateWriteCounts {
  /** `quarter`: one quarter and its year; `full`: every period; `incremental`: what changed; `none`: nothing to do. */
  mode: 'quarter' | 'full' | 'incremental' | 'none';
  /** Periods recomputed (quarters, and years `2025` when all their quarters were). */
  periods: string[];
  /** Units recomputed (cercles, regions, the country), sorted. */
  units: string[];
}

async function ensureNodeUnit(db: Kysely<Database>, nodeCode: string): Promise<boolean> {
  const row = await db.selectFrom('org_unit').select('code').where('code', '=', nodeCode).executeTakeFirst();
  return row !== undefined;
}

interface PassOptions extends ConsolidateOptions {
  quarters: string[];
  unitsByYear?: Map<number, Set<string>>;
  hierarchies?: Map<string, Hierarchy>;
  clearScope: 'pairs' | 'periods';
}

async function pass(db: Kysely<Database>, options: PassOptions): Promise<Omit<ConsolidationResult, 'mode'>> {
  const progress = async (done: number, step: string) => options.onProgress?.({ done, total: 3, step });
  await progress(0, 'préparation : les collectivités et les trimestres à recalculer');
  const calendar = options.calendar ?? (await getCalendar(db));
  const plan = await buildPlan(db, {
    quarters: options.quarters,
    calendar,
    scopeRoot: options.nodeCode,
    ...(options.unitsByYear ? { unitsByYear: options.unitsByYear } : {}),
    hierarchies: options.hierarchies ?? new Map(),
  });
  const periods = [...new Set(plan.expected.map((e) => e.period))].sort();
  const units = [...new Set(plan.expected.map((e) => e.unit))].sort();
  await progress(
    1,
    `calcul des chiffres : ${countFr(units.length, 'collectivité')}, ${countFr(periods.length, 'période')}`,
  );
  await computeFigures(db, plan, await loadIndicatorRules(db));
  await progress(2, 'écriture des agrégats');
  const counts = await writeAggregates(db, {
    nodeCode: options.nodeCode,
    now: options.now,
    clearScope: options.clearScope,
  });
  await progress(3, 'agrégats écrits');
  return { ...counts, periods, units };
}

/**
 * Rebuilds from the raw rows the aggregates of one quarter and of its year, for every unit of
 * the node's subtree (the hierarchy valid in each quarter). The year needs its four quarters,
 * so the other quarters of the year are recomputed too (and rewritten only if they changed).
 */
export async function consolidateQuarter(
  db: Kysely<Database>,
  options: ConsolidateOptions & { quarter: string },
): Promise<ConsolidationResult> {
  const quarter = normalizeQuarter(options.quarter);
  if (!(await ensureNodeUnit(db, options.nodeCode))) {
    throw new OiseError(
      'CONSOLIDATE_NO_TERRITORY',
      `Le territoire du nœud « ${options.nodeCode} » n'est pas chargé : rien à consolider. Appliquez d'abord le paquet descendant du niveau national (oise ingest) ou importez le territoire (oise territory import).`,
      { node: options.nodeCode, quarter },
    );
  }
  const year = Number(quarter.slice(0, 4));
  return inTransaction(db, async (trx) => ({
    mode: 'quarter' as const,
    ...(await pass(trx, { ...options, quarters: quartersOfYear(year), clearScope: 'periods' })),
  }));
}

/** Quarter codes with raw rows or local aggregates, widened to whole years. */
async function periodsToRebuild(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ period: string }>`
    select distinct period from data_value
    union select distinct period from aggregate_value where source = 'local'`.execute(db);
  const years = new Set<number>();
  for (const { period } of rows.rows) {
    const q = /^\d{4}$/.test(period) ? { year: Number(period) } : tryParseQuarter(period);
    if (q) years.add(q.year);
  }
  return [...years].sort().flatMap(quartersOfYear);
}

/**
 * Rebuilds every aggregate of the node from its raw rows (every year with data), in one pass,
 * and records the change counter so that `consolidateChanges` starts from there.
 */
export async function consolidateAll(
  db: Kysely<Database>,
  options: ConsolidateOptions,
): Promise<ConsolidationResult> {
  return inTransaction(db, async (trx) => {
    if (!(await ensureNodeUnit(trx, options.nodeCode))) return noneResult();
    const quarters = await periodsToRebuild(trx);
    const result = quarters.length
      ? await pass(trx, { ...options, quarters, clearScope: 'periods' })
      : { ...emptyAggregateCounts(), periods: [], units: [] };
    await markConsolidated(trx, await changeCounter(trx));
    return { mode: 'full' as const, ...result };
  });
}

function noneResult(): ConsolidationResult {
  return { mode: 'none', ...emptyAggregateCounts(), periods: [], units: [] };
}

/**
 * Incremental consolidation: finds the raw rows and submissions that changed since the last
 * consolidation (their `local_seq` above the recorded change counter) and recomputes only the
 * units above them (in the node's subtree) for the years they fall in. A change of territory or
 * catalog, or a first run, rebuilds everything. Returns what it recomputed.
 */
export async function consolidateChanges(
  db: Kysely<Database>,
  options: ConsolidateOptions,
): Promise<ConsolidationResult> {
  return inTransaction(db, async (trx) => {
    const mark = await consolidatedUpTo(trx);
    if (mark === undefined) return consolidateAll(trx, options);
    if ((await referenceRowsChangedSince(trx, mark)) > 0) return consolidateAll(trx, options);
    if (!(await ensureNodeUnit(trx, options.nodeCode))) return noneResult();

    const hierarchies = new Map<string, Hierarchy>();
    const unitsByYear = new Map<number, Set<string>>();
    for (const { period, unit } of await rowsChangedSince(trx, mark)) {
      const quarter = tryParseQuarter(period);
      if (!quarter) continue;
      const h = await hierarchyOf(trx, `${quarter.year}Q${quarter.quarter}`, hierarchies);
      const chain = h.ancestorsOf(unit);
      if (!chain.some((u) => u.code === options.nodeCode)) continue;
      const units = unitsByYear.get(quarter.year) ?? new Set<string>();
      for (const u of chain) {
        if (u.level !== 'commune') units.add(u.code);
        if (u.code === options.nodeCode) break;
      }
      unitsByYear.set(quarter.year, units);
    }
    let result: ConsolidationResult = noneResult();
    if (unitsByYear.size > 0) {
      const quarters = [...unitsByYear.keys()].sort().flatMap(quartersOfYear);
      result = {
        mode: 'incremental',
        ...(await pass(trx, { ...options, quarters, unitsByYear, hierarchies, clearScope: 'pairs' })),
      };
    }
    await markConsolidated(trx, await changeCounter(trx));
    return result;
  });
}
