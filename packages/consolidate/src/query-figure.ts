import { OiseError, type QuarterCalendar } from '@oise/core';
import { getCalendar, getNodeCode } from '@oise/node';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { computeCommuneFigures } from './commune-figures.js';
import { type Figure, type FigurePeriod, figureFromRow, parseFigurePeriod } from './figure.js';
import { unreportedFigures } from './unreported-figure.js';

export interface QueryOptions {
  indicator: string;
  unit: string;
  /** `2025Q1`, `2025T1` or `2025`. */
  period: string;
  /** `F`, `M`, or absent/empty for the total over categories. */
  category?: string | undefined;
  /** The node answering (default: the database's own `node_info`). */
  nodeCode?: string;
  calendar?: QuarterCalendar;
}

/** A figure with, for a text indicator on a commune, the text stored. */
export type QueryAnswer = Figure & { text?: string | null };

/**
 * One figure as this node sees it. On a commune: its stored rows (source `raw`). On a cercle, a
 * region or the country: the aggregate this node computed (`local`), else the one national
 * published (`published`); when there is neither, the figure nobody reported
 * (`unreportedFigures`: value null, reporting 0 out of the communes expected). Unknown
 * indicator, unit, period or category: OiseError in French.
 */
export async function queryFigure(db: Kysely<Database>, options: QueryOptions): Promise<QueryAnswer> {
  const indicator = await db
    .selectFrom('indicator')
    .select(['code', 'value_type', 'disaggregation'])
    .where('code', '=', options.indicator.trim())
    .where('deleted', '=', 0)
    .executeTakeFirst();
  if (!indicator) {
    throw new OiseError(
      'QUERY_UNKNOWN_INDICATOR',
      `Indicateur « ${options.indicator} » inconnu : vérifiez le code avec « oise indicators list ».`,
    );
  }
  const unit = await db
    .selectFrom('org_unit')
    .select(['code', 'level'])
    .where('code', '=', options.unit.trim())
    .where('deleted', '=', 0)
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
  if (!unit) {
    throw new OiseError(
      'QUERY_UNKNOWN_UNIT',
      `Collectivité « ${options.unit} » inconnue dans le territoire du nœud : donnez un code de commune, de cercle, de région ou du pays (par exemple ML0402).`,
    );
  }
  const period = parseFigurePeriod(options.period);
  const category = figureCategory(indicator, options.category);
  const nodeCode = options.nodeCode ?? (await getNodeCode(db)) ?? null;
  const key = { indicator: indicator.code, unit: unit.code, period: period.code, category };
  const unreported = (await unreportedFigures(db, { units: [unit.code], periods: [period], nodeCode }))(key);

  if (unit.level === 'commune') {
    if (indicator.value_type === 'text') return communeText(db, unreported, period);
    const calendar = options.calendar ?? (await getCalendar(db));
    const figures = await computeCommuneFigures(db, {
      communes: [unit.code],
      periods: [period],
      indicators: [indicator.code],
      calendar,
      nodeCode,
    });
    return figures.find((f) => f.category === category) ?? unreported;
  }

  const rows = await db
    .selectFrom('aggregate_value')
    .selectAll()
    .where('indicator_code', '=', indicator.code)
    .where('org_unit_code', '=', unit.code)
    .where('period', '=', period.code)
    .where('category', '=', category)
    .execute();
  const row = rows.find((r) => r.source === 'local') ?? rows.find((r) => r.source === 'published');
  return row ? figureFromRow(row, { source: row.source, computedBy: row.computed_by }) : unreported;
}

/**
 * The category of a figure as asked (`F`, `M`, or empty for the total), upper-cased; a French
 * `OiseError` (`QUERY_BAD_CATEGORY`) for an unknown one or F/M of an indicator not split by sex.
 */
export function figureCategory(
  indicator: { code: string; disaggregation: string },
  asked: string | undefined,
): string {
  const category = (asked ?? '').trim().toUpperCase();
  if (category !== '' && !(indicator.disaggregation === 'sex' && (category === 'F' || category === 'M'))) {
    throw new OiseError(
      'QUERY_BAD_CATEGORY',
      indicator.disaggregation === 'sex'
        ? `Catégorie « ${asked} » inconnue : écrivez F, M, ou rien pour le total.`
        : `L'indicateur ${indicator.code} n'est pas ventilé par sexe : retirez --category pour avoir le total.`,
    );
  }
  return category;
}

async function communeText(
  db: Kysely<Database>,
  unreported: Figure,
  period: FigurePeriod,
): Promise<QueryAnswer> {
  // A text is not aggregated: over a year, the last quarter's text.
  const row = await db
    .selectFrom('data_value')
    .select(['value_text', 'period'])
    .where('org_unit_code', '=', unreported.unit)
    .where('indicator_code', '=', unreported.indicator)
    .where('category', '=', unreported.category)
    .where('period', 'in', period.quarters)
    .where('deleted', '=', 0)
    .where('value_text', 'is not', null)
    .orderBy('period', 'desc')
    .executeTakeFirst();
  return row ? { ...unreported, reporting: 1, text: row.value_text } : { ...unreported, text: null };
}
