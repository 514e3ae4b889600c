import { type IndicatorDefinition, categoriesOf, listIndicators } from '@oise/catalog';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/**
 * "Nothing let in": every live value a cercle node holds after an accepted import is one the
 * rules allow — a commune of the cercle, an entered (not computed) indicator, a known category,
 * a quarter, the node as owner, and a value of the right type within the indicator's bounds.
 * Returns one French-free line per violation (for the failure list); empty when all hold.
 */
export async function storedValueViolations(
  db: Kysely<Database>,
  owner: string,
  communes: ReadonlySet<string>,
): Promise<string[]> {
  const catalog = new Map<string, IndicatorDefinition>((await listIndicators(db)).map((d) => [d.code, d]));
  const rows = await db.selectFrom('data_value').selectAll().where('deleted', '=', 0).execute();
  const out: string[] = [];
  for (const r of rows) {
    const key = `${r.org_unit_code}|${r.indicator_code}|${r.period}|${r.category}`;
    const def = catalog.get(r.indicator_code);
    const bad = (why: string) =>
      out.push(`${key}: ${why} (value ${String(r.value)}, text ${String(r.value_text)})`);
    if (!communes.has(r.org_unit_code)) bad('unit outside the cercle');
    if (r.owner !== owner) bad(`owner ${r.owner}`);
    if (!/^\d{4}Q[1-4]$/.test(r.period)) bad('period is not a quarter');
    if (!def) {
      bad('unknown indicator');
      continue;
    }
    if (def.aggregation === 'ratio') bad('computed (ratio) indicator stored');
    if (r.category !== '' && !categoriesOf(def).includes(r.category)) bad('category not allowed');
    if (def.valueType === 'text') {
      if (typeof r.value_text !== 'string') bad('text indicator without text');
      continue;
    }
    const v = r.value;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      bad('not a finite number');
      continue;
    }
    if (def.valueType === 'integer' && !Number.isInteger(v)) bad('integer indicator with a fraction');
    if (def.valueType === 'boolean' && v !== 0 && v !== 1) bad('boolean other than 0/1');
    if (def.min !== null && v < def.min) bad(`below min ${def.min}`);
    if (def.max !== null && v > def.max) bad(`above max ${def.max}`);
  }
  return out;
}
