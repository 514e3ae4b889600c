import { type DataKey, isComputed } from '@oise/catalog';
import {
  type Finding,
  type Severity,
  compareQuarters,
  formatNumberFr,
  formatQuarter,
  formatQuarterFr,
  makeFinding,
  quarterLabel,
  tryParseQuarter,
} from '@oise/core';
import { parseIndicatorValue } from './cell-value.js';
import { type EntryScope, outsideCercleMessage } from './entry-scope.js';
import type { ValueColumns, ValueInput } from './value-input.js';

/** A value input after checking: its key and value when readable, and what was found. */
export interface CheckedValue {
  input: ValueInput;
  key: DataKey | undefined;
  value: number | null;
  valueText: string | null;
  findings: Finding[];
}

export function hasError(c: { findings: Finding[] }): boolean {
  return c.findings.some((f) => f.severity === 'error');
}

export function addFinding(
  c: CheckedValue,
  column: keyof ValueColumns,
  severity: Severity,
  code: string,
  message: string,
): void {
  const { input } = c;
  // A field the file has no column for (a workbook's period) points at the whole line, never at an internal name.
  const ref = { file: input.file, line: input.line, column: input.columns[column] };
  c.findings.push(makeFinding(input.sheet ? { ...ref, sheet: input.sheet } : ref, severity, code, message));
}

const CATEGORY_WORDS: Record<string, string> = {
  '': '',
  total: '',
  t: '',
  ensemble: '',
  f: 'F',
  femme: 'F',
  femmes: 'F',
  feminin: 'F',
  m: 'M',
  h: 'M',
  homme: 'M',
  hommes: 'M',
  masculin: 'M',
};

/**
 * Checks one value on its own: period, commune (known, a commune, inside the node's cercle),
 * indicator (known, not computed), category, value type, bounds. Stops at the first problem of the key (a value of an unknown indicator cannot be
 * typed), so one bad line gives one finding.
 */
export async function checkValueRow(scope: EntryScope, input: ValueInput): Promise<CheckedValue> {
  const c: CheckedValue = { input, key: undefined, value: null, valueText: null, findings: [] };
  const quarter = tryParseQuarter(input.period);
  if (!input.period) {
    addFinding(
      c,
      'period',
      'error',
      'PERIOD_MISSING',
      'période manquante : écrivez le trimestre, par exemple 2025T1.',
    );
    return c;
  }
  if (!quarter) {
    addFinding(
      c,
      'period',
      'error',
      'PERIOD_INVALID',
      `« ${input.period} » n'est pas un trimestre : écrivez l'année puis le trimestre, par exemple 2025T1.`,
    );
    return c;
  }
  const period = formatQuarter(quarter);
  if (input.expectedQuarter && period !== input.expectedQuarter) {
    addFinding(
      c,
      'period',
      'error',
      'PERIOD_MISMATCH',
      `le trimestre ${formatQuarterFr(period)} n'est pas celui du classeur (${formatQuarterFr(input.expectedQuarter)}) : saisissez ce trimestre dans son propre classeur (oise template --quarter ${formatQuarterFr(period)}).`,
    );
    return c;
  }
  if (compareQuarters(quarter, scope.currentQuarter) > 0) {
    addFinding(
      c,
      'period',
      'error',
      'PERIOD_FUTURE',
      `le ${quarterLabel(quarter)} n'est pas encore commencé : vérifiez l'année et le trimestre.`,
    );
    return c;
  }
  const unitCode = input.orgUnit.trim().toUpperCase();
  if (!unitCode) {
    addFinding(
      c,
      'orgUnit',
      'error',
      'ORG_UNIT_MISSING',
      'code de la collectivité manquant : écrivez le code de la commune, par exemple ML040101.',
    );
    return c;
  }
  const hierarchy = await scope.hierarchyFor(period);
  const unit = hierarchy.get(unitCode);
  if (!unit) {
    addFinding(
      c,
      'orgUnit',
      'error',
      'ORG_UNIT_UNKNOWN',
      `la collectivité « ${input.orgUnit} » est inconnue au ${quarterLabel(quarter)} : vérifiez le code (oise status liste le territoire) ou utilisez le classeur d'oise template.`,
    );
    return c;
  }
  if (unit.level !== 'commune') {
    addFinding(
      c,
      'orgUnit',
      'error',
      'ORG_UNIT_NOT_COMMUNE',
      `${unit.name} (${unit.code}) n'est pas une commune : les indicateurs se saisissent par commune.`,
    );
    return c;
  }
  if (!hierarchy.isWithin(unit.code, scope.node.code)) {
    addFinding(
      c,
      'orgUnit',
      'error',
      'ORG_UNIT_OUTSIDE_SCOPE',
      outsideCercleMessage(hierarchy, unit, scope.node.code),
    );
    return c;
  }
  const def = scope.catalog.get(input.indicator.trim().toUpperCase());
  if (!def) {
    addFinding(
      c,
      'indicator',
      'error',
      input.indicator.trim() ? 'INDICATOR_UNKNOWN' : 'INDICATOR_MISSING',
      input.indicator.trim()
        ? `l'indicateur « ${input.indicator} » n'existe pas au catalogue : vérifiez son code (oise indicators list).`
        : "code de l'indicateur manquant : écrivez-le, par exemple SAN_CSCOM.",
    );
    return c;
  }
  if (isComputed(def)) {
    addFinding(
      c,
      'indicator',
      'error',
      'INDICATOR_COMPUTED',
      `« ${def.labelFr} » (${def.code}) est un taux calculé à partir de ${def.numeratorCode} et ${def.denominatorCode} : saisissez ces deux indicateurs, pas le taux.`,
    );
    return c;
  }
  const category = CATEGORY_WORDS[input.category.trim().toLowerCase()];
  if (category === undefined || (category !== '' && def.disaggregation !== 'sex')) {
    addFinding(
      c,
      'category',
      'error',
      'CATEGORY_INVALID',
      def.disaggregation === 'sex'
        ? `catégorie « ${input.category} » inconnue : laissez vide pour le total, ou écrivez F ou M.`
        : `« ${def.labelFr} » n'est pas ventilé par sexe : laissez la catégorie vide.`,
    );
    return c;
  }
  // Whether the quarter is still open is checked on the whole import (checkValues): a closed
  // quarter refuses only what would change it, in one finding per quarter.
  c.key = { orgUnit: unit.code, indicator: def.code, period, category };
  if (input.clear) return c;
  const parsed = parseIndicatorValue(input.raw, def.valueType);
  if (parsed.kind === 'empty') {
    addFinding(
      c,
      'value',
      'error',
      'VALUE_MISSING',
      "valeur manquante : écrivez la valeur, ou supprimez la ligne si la donnée n'est pas connue.",
    );
    return c;
  }
  if (parsed.kind === 'error') {
    addFinding(c, 'value', 'error', parsed.code, parsed.message);
    return c;
  }
  c.value = parsed.value;
  c.valueText = parsed.valueText;
  const v = parsed.value;
  if (v !== null && ((def.min !== null && v < def.min) || (def.max !== null && v > def.max))) {
    addFinding(
      c,
      'value',
      'error',
      'VALUE_OUT_OF_BOUNDS',
      `${formatNumberFr(v)} est hors des bornes de « ${def.labelFr} » (${boundsText(def.min, def.max)}${def.unit ? `, ${def.unit}` : ''}) : corrigez la saisie.`,
    );
  }
  return c;
}

export function boundsText(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `de ${formatNumberFr(min)} à ${formatNumberFr(max)}`;
  if (min !== null) return `au moins ${formatNumberFr(min)}`;
  if (max !== null) return `au plus ${formatNumberFr(max)}`;
  return 'sans borne';
}
