import { type KeyedFigure, crossFieldViolations, dataKeyString } from '@oise/catalog';
import { formatQuarterFr } from '@oise/core';
import type { DataValue, Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { CLOSED_QUARTER_CODE, closedLineMessage } from './closed-quarter.js';
import type { EntryScope } from './entry-scope.js';
import { expectedRange, isOutlier, outlierMessage, pastValues } from './outlier.js';
import type { ValueInput } from './value-input.js';
import { type CheckedValue, addFinding, checkValueRow, hasError } from './value-row-check.js';
import { valueChangeOf } from './value-store.js';

/** Stored data_value rows (tombstones included) of the given quarters and communes, by key. */
export async function loadStoredValues(
  db: Kysely<Database>,
  periods: string[],
  units: string[],
): Promise<Map<string, DataValue>> {
  const out = new Map<string, DataValue>();
  if (periods.length === 0 || units.length === 0) return out;
  const rows = await db
    .selectFrom('data_value')
    .selectAll()
    .where('period', 'in', periods)
    .where('org_unit_code', 'in', units)
    .execute();
  for (const r of rows)
    out.set(
      dataKeyString({
        orgUnit: r.org_unit_code,
        indicator: r.indicator_code,
        period: r.period,
        category: r.category,
      }),
      r,
    );
  return out;
}

/**
 * Checks every value of an import together: each row on its own, then duplicates (the later
 * line is refused), then whether its quarter is still open (a closed one refuses only what
 * would change it), then the rules between figures on the stored values overlaid by the
 * accepted incoming ones, then outliers against each commune's history (warnings).
 */
export async function checkValues(
  scope: EntryScope,
  inputs: ValueInput[],
): Promise<{ checked: CheckedValue[]; stored: Map<string, DataValue> }> {
  const checked: CheckedValue[] = [];
  for (const input of inputs) checked.push(await checkValueRow(scope, input));

  const seen = new Map<string, CheckedValue>();
  for (const c of checked) {
    if (!c.key) continue;
    const k = dataKeyString(c.key);
    const first = seen.get(k);
    if (!first) {
      seen.set(k, c);
      continue;
    }
    const where = first.input.file === c.input.file ? '' : ` du fichier ${first.input.file}`;
    addFinding(
      c,
      'orgUnit',
      'error',
      'DUPLICATE_ROW',
      `cette valeur (${c.key.orgUnit}, ${c.key.indicator}, ${formatQuarterFr(c.key.period)}${c.key.category ? `, ${c.key.category}` : ''}) est déjà donnée à la ligne ${first.input.line}${where} : gardez une seule ligne.`,
    );
  }

  const all = checked.filter((c) => c.key);
  const periods = [...new Set(all.map((c) => c.key!.period))];
  const units = [...new Set(all.map((c) => c.key!.orgUnit))];
  const stored = await loadStoredValues(scope.db, periods, units);

  // A closed quarter (submitted, validated, consolidated) takes no change: a value that would
  // change it is refused with QUARTER_READ_ONLY alone (what else is wrong with it matters once
  // the region returns the quarter); one that matches what is stored passes, and changes nothing.
  const keyed: CheckedValue[] = [];
  for (const c of all) {
    const lock = await scope.lockFor(scope.node.code, c.key!.period);
    if (!lock) {
      keyed.push(c);
      continue;
    }
    const changes = hasError(c) || valueChangeOf(c, stored.get(dataKeyString(c.key!))) !== 'unchanged';
    c.findings = [];
    if (changes)
      addFinding(
        c,
        'value',
        'error',
        CLOSED_QUARTER_CODE,
        await closedLineMessage(scope, c.key!.period, lock),
      );
  }

  // Merged state: stored live values, overlaid by the incoming values that passed their own checks.
  const merged = new Map<string, KeyedFigure & { incoming?: CheckedValue }>();
  for (const r of stored.values()) {
    if (r.deleted || r.value === null) continue;
    const key = {
      orgUnit: r.org_unit_code,
      indicator: r.indicator_code,
      period: r.period,
      category: r.category,
    };
    merged.set(dataKeyString(key), { key, value: r.value });
  }
  for (const c of keyed) {
    if (hasError(c)) continue;
    const k = dataKeyString(c.key!);
    if (c.input.clear || c.value === null) merged.delete(k);
    else merged.set(k, { key: c.key!, value: c.value, incoming: c });
  }
  for (const v of crossFieldViolations(scope.catalog, merged.values())) {
    for (const key of v.keys) {
      const incoming = merged.get(dataKeyString(key))?.incoming;
      if (incoming && !incoming.findings.some((f) => f.code === v.code))
        addFinding(incoming, 'value', 'error', v.code, v.message);
    }
  }

  await addOutlierWarnings(
    scope,
    keyed.filter((c) => !hasError(c) && !c.input.clear && c.value !== null),
  );
  return { checked, stored };
}

async function addOutlierWarnings(scope: EntryScope, candidates: CheckedValue[]): Promise<void> {
  const numeric = candidates.filter((c) => scope.catalog.get(c.key!.indicator)?.valueType !== 'boolean');
  if (numeric.length === 0) return;
  const units = [...new Set(numeric.map((c) => c.key!.orgUnit))];
  const indicators = [...new Set(numeric.map((c) => c.key!.indicator))];
  const rows = await scope.db
    .selectFrom('data_value')
    .select(['org_unit_code', 'indicator_code', 'category', 'period', 'value'])
    .where('org_unit_code', 'in', units)
    .where('indicator_code', 'in', indicators)
    .where('deleted', '=', 0)
    .where('value', 'is not', null)
    .execute();
  const history = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const k = `${r.org_unit_code}|${r.indicator_code}|${r.category}`;
    const byPeriod = history.get(k) ?? new Map<string, number>();
    byPeriod.set(r.period, r.value!);
    history.set(k, byPeriod);
  }
  for (const c of numeric) {
    const key = c.key!;
    const byPeriod = history.get(`${key.orgUnit}|${key.indicator}|${key.category}`);
    if (!byPeriod) continue;
    const range = expectedRange(pastValues(byPeriod, key.period));
    if (range && isOutlier(c.value!, range)) {
      const name = (await scope.hierarchyFor(key.period)).get(key.orgUnit)?.name ?? key.orgUnit;
      addFinding(c, 'value', 'warning', 'VALUE_OUTLIER', outlierMessage(c.value!, range, name));
    }
  }
}
