import {
  type Hierarchy,
  type IndicatorDefinition,
  type KeyedFigure,
  crossFieldViolations,
  isComputed,
} from '@oise/catalog';
import { formatNumberFr } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/** A stored figure that forbids submitting the quarter, and what to do about it. */
export interface BlockingFinding {
  orgUnit: string;
  indicator: string;
  period: string;
  category: string;
  code: string;
  message: string;
}

/** An expected entry with no stored figure: a commune × an entered indicator, or (region) a cercle not validated. */
export interface MissingEntry {
  orgUnit: string;
  indicator: string | null;
}

/**
 * Re-checks the cercle's stored figures of a quarter against the catalog as it stands now
 * (it may have changed since the import): known, entered (not computed) indicators, value
 * type, bounds, and the rules between figures (F + M = total, a part never above its whole).
 * Also lists the entries expected but missing: every commune × every entered indicator.
 */
export async function checkStoredQuarter(
  db: Kysely<Database>,
  catalog: IndicatorDefinition[],
  hierarchy: Hierarchy,
  cercle: string,
  period: string,
): Promise<{ blocking: BlockingFinding[]; missing: MissingEntry[]; expected: number }> {
  const communes = hierarchy.descendantsAt(cercle, 'commune').map((c) => c.code);
  const defs = new Map(catalog.map((d) => [d.code, d]));
  const rows = communes.length
    ? await db
        .selectFrom('data_value')
        .selectAll()
        .where('period', '=', period)
        .where('org_unit_code', 'in', communes)
        .where('deleted', '=', 0)
        .execute()
    : [];
  const blocking: BlockingFinding[] = [];
  const figures: KeyedFigure[] = [];
  for (const r of rows) {
    const key = {
      orgUnit: r.org_unit_code,
      indicator: r.indicator_code,
      period: r.period,
      category: r.category,
    };
    const def = defs.get(r.indicator_code);
    const block = (code: string, message: string) => blocking.push({ ...key, code, message });
    if (!def) {
      block(
        'INDICATOR_UNKNOWN',
        `l'indicateur ${r.indicator_code} n'est plus au catalogue : supprimez cette valeur.`,
      );
      continue;
    }
    if (isComputed(def)) {
      block('INDICATOR_COMPUTED', `« ${def.labelFr} » est calculé : supprimez la valeur saisie.`);
      continue;
    }
    const v = r.value;
    if (v === null) continue;
    if (def.valueType === 'integer' && !Number.isInteger(v))
      block(
        'VALUE_NOT_INTEGER',
        `« ${def.labelFr} » doit être un nombre entier (${formatNumberFr(v)}) : corrigez la valeur.`,
      );
    if ((def.min !== null && v < def.min) || (def.max !== null && v > def.max))
      block(
        'VALUE_OUT_OF_BOUNDS',
        `${formatNumberFr(v)} est hors des bornes de « ${def.labelFr} » (${def.min ?? '…'} à ${def.max ?? '…'}) : corrigez la valeur.`,
      );
    figures.push({ key, value: v });
  }
  for (const violation of crossFieldViolations(defs, figures))
    blocking.push({ ...violation.keys[0]!, code: violation.code, message: violation.message });
  const present = new Set(rows.map((r) => `${r.org_unit_code}|${r.indicator_code}`));
  const missing = missingEntries(communes, catalog, (c, i) => present.has(`${c}|${i}`));
  return { blocking, missing, expected: communes.length * catalog.filter((d) => !isComputed(d)).length };
}

/**
 * The entries a quarter expects and lacks: every commune × every entered (not computed)
 * indicator of the catalog without a stored row (`stored`), as `checkStoredQuarter` counts them.
 * For a caller that has already read the quarter's rows.
 */
export function missingEntries(
  communes: readonly string[],
  catalog: readonly IndicatorDefinition[],
  stored: (commune: string, indicator: string) => boolean,
): MissingEntry[] {
  const entered = catalog.filter((d) => !isComputed(d));
  const missing: MissingEntry[] = [];
  for (const orgUnit of communes)
    for (const d of entered) if (!stored(orgUnit, d.code)) missing.push({ orgUnit, indicator: d.code });
  return missing;
}
