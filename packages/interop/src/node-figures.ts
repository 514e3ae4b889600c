import { loadHierarchy } from '@oise/catalog';
import { readAggregates } from '@oise/consolidate';
import { OiseError, type OrgUnitLevel, formatNumberFr, parseQuarter } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/** A figure the node holds, as DHIS2 exchange needs it. */
export interface NodeFigure {
  indicator: string;
  unit: string;
  period: string;
  category: string;
  value: number | null;
  text: string | null;
  /** The stored comment (communes) or how complete the aggregate is (other levels). */
  comment: string | null;
  storedBy: string | null;
  lastUpdated: string | null;
}

export interface NodeFigureOptions {
  /** `2025Q1` or `2025`. */
  period: string;
  level: OrgUnitLevel;
  /** Only units within this one (itself included). */
  within?: string | undefined;
  indicators?: string[] | undefined;
}

/**
 * What the node holds for a period at a level: on communes of a quarter, the stored rows
 * themselves (not a recomputed total, so that an export imports back to the same rows); on a
 * year of communes, their yearly figures; on cercles, regions and the country, the consolidated
 * aggregates (the node's own, else national's published ones). Empty figures are left out.
 */
export async function nodeFigures(db: Kysely<Database>, options: NodeFigureOptions): Promise<NodeFigure[]> {
  const { period, level } = options;
  const quarterly = /^\d{4}Q[1-4]$/.test(period);
  if (!quarterly && !/^\d{4}$/.test(period))
    throw new OiseError(
      'PERIOD_INVALID',
      `« ${period} » n'est pas une période d'échange DHIS2 : écrivez un trimestre (par exemple 2025T1) ou une année (2025).`,
    );
  if (level === 'commune' && quarterly) return storedCommuneRows(db, options);
  const figures = await readAggregates(db, {
    periods: [period],
    level,
    ...(options.within ? { within: options.within } : {}),
    ...(options.indicators ? { indicators: options.indicators } : {}),
  });
  const updated = new Map<string, string>();
  if (level !== 'commune') {
    const rows = await db
      .selectFrom('aggregate_value')
      .select(['indicator_code', 'org_unit_code', 'category', 'source', 'updated_at'])
      .where('period', '=', period)
      .execute();
    for (const r of rows)
      updated.set(`${r.indicator_code}|${r.org_unit_code}|${r.category}|${r.source}`, r.updated_at);
  }
  return figures
    .filter((f) => f.value !== null)
    .map((f) => ({
      indicator: f.indicator,
      unit: f.unit,
      period: f.period,
      category: f.category,
      value: f.value,
      text: null,
      comment:
        level === 'commune'
          ? null
          : `OISE : ${formatNumberFr(f.reporting)} commune(s) sur ${formatNumberFr(f.expected)} ont répondu${f.source === 'published' ? ' (chiffre publié par le national)' : ''}`,
      storedBy: f.computedBy,
      lastUpdated: updated.get(`${f.indicator}|${f.unit}|${f.category}|${f.source}`) ?? null,
    }));
}

async function storedCommuneRows(db: Kysely<Database>, options: NodeFigureOptions): Promise<NodeFigure[]> {
  const hierarchy = await loadHierarchy(db, parseQuarter(options.period));
  const communes = options.within
    ? hierarchy.descendantsAt(options.within, 'commune').map((u) => u.code)
    : [...hierarchy.units.values()].filter((u) => u.level === 'commune').map((u) => u.code);
  if (communes.length === 0) return [];
  let query = db
    .selectFrom('data_value')
    .select(['indicator_code', 'org_unit_code', 'period', 'category', 'value', 'value_text', 'comment'])
    .select(['author', 'updated_at'])
    .where('period', '=', options.period)
    .where('deleted', '=', 0)
    .where('org_unit_code', 'in', communes);
  if (options.indicators) query = query.where('indicator_code', 'in', options.indicators);
  const rows = await query.execute();
  return rows
    .filter((r) => r.value !== null || r.value_text !== null)
    .map((r) => ({
      indicator: r.indicator_code,
      unit: r.org_unit_code,
      period: r.period,
      category: r.category,
      value: r.value,
      text: r.value_text,
      comment: r.comment,
      storedBy: r.author,
      lastUpdated: r.updated_at,
    }));
}
