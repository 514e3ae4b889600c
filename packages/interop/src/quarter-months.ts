import type { Aggregation, ValueType } from '@oise/catalog';
import {
  type Finding,
  makeFinding,
  monthLabelFr,
  monthsOfPeriod,
  monthsOfQuarter,
  parseQuarter,
} from '@oise/core';
import { dhis2Boolean, dhis2Number } from './dhis2-values.js';
import type { MappedEntry } from './entry-mapping.js';
import { plainNumber } from './export-value-set.js';
import { entryRefPhrase } from './value-set.js';

/** What the fold needs of an indicator: its time rule and its value type. */
export interface TimeRule {
  timeAggregation: Aggregation;
  valueType: ValueType;
}

/** One OISE quarter made from the shorter DHIS2 periods (months, weeks, days) of one file. */
export interface QuarterFromParts {
  indicator: string;
  unit: string;
  /** `2025Q1`. */
  period: string;
  category: string;
  /** Every entry of the group, deleted ones included (for places and rejects). */
  entries: MappedEntry[];
  /** The entries that carry a value, earliest first. */
  live: MappedEntry[];
  /** The quarter's value in DHIS2's spelling (`12`, `4.5`, `true`); null when every part is deleted. */
  value: string | null;
  rule: Aggregation;
  /** The quarter's months that have data, and those that have none (`2025-02`). */
  months: string[];
  missing: string[];
  /** The parts' comments, each after its period (« janvier 2025 : … »), joined. */
  comment: string | undefined;
  /** True when any part was marked for follow-up. */
  followup: boolean;
}

const groupKey = (m: MappedEntry) => `${m.indicator}|${m.unit}|${m.period}|${m.category}`;

/** « janvier 2025 » for a month, the DHIS2 text for other periods. */
function partLabel(m: MappedEntry): string {
  return m.part?.type === 'Monthly' ? monthLabelFr(m.part.start.slice(0, 7)) : (m.part?.text ?? m.period);
}

/** The parts' values by the indicator's time rule: sum, average, last, min or max. */
function overTime(rule: Aggregation, values: number[]): number {
  switch (rule) {
    case 'average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'last':
      return values[values.length - 1]!;
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    default:
      return values.reduce((a, b) => a + b, 0);
  }
}

/**
 * Folds the entries of a value set whose period is shorter than a quarter into OISE's
 * quarters: one per indicator × unit × quarter × category, by the indicator's time rule (sum
 * for a flow, last value for a stock, average, min, max; a yes/no or a text takes the last
 * one). A part given twice, parts of different period types for one quarter, or a value that
 * is not a DHIS2 number (or boolean) are findings, and their group is left out. The months with
 * data are listed against the quarter's three: the caller decides what an incomplete quarter is.
 */
export function foldQuarterParts(
  parts: MappedEntry[],
  rules: ReadonlyMap<string, TimeRule>,
  file: string,
): { quarters: QuarterFromParts[]; findings: Finding[] } {
  const groups = new Map<string, MappedEntry[]>();
  for (const m of parts) groups.set(groupKey(m), [...(groups.get(groupKey(m)) ?? []), m]);
  const findings: Finding[] = [];
  const quarters: QuarterFromParts[] = [];
  const refuse = (m: MappedEntry, column: 'value' | 'period', code: string, message: string) =>
    findings.push(
      makeFinding({ file, ...m.entry.ref, column: m.entry.fields[column] }, 'error', code, message),
    );
  for (const entries of groups.values()) {
    const first = entries[0]!;
    const rule = rules.get(first.indicator);
    const sorted = [...entries].sort((a, b) =>
      a.part!.start < b.part!.start ? -1 : a.part!.start > b.part!.start ? 1 : 0,
    );
    let bad = false;
    const types = new Set(sorted.map((m) => m.part!.type));
    if (types.size > 1) {
      for (const m of sorted.slice(1))
        refuse(
          m,
          'period',
          'DHIS2_PERIOD_MIXED',
          `${first.indicator}, ${first.unit}, ${first.period} : des périodes de types différents (${[...types].join(', ')}) se recouvrent ; gardez un seul type de période par valeur (par exemple les mois).`,
        );
      bad = true;
    }
    const seen = new Map<string, MappedEntry>();
    for (const m of sorted) {
      const previous = seen.get(m.part!.start);
      if (previous) {
        const where = entryRefPhrase(previous.entry.ref);
        refuse(
          m,
          'period',
          'DHIS2_DUPLICATE',
          `la période ${m.part!.text} de cette valeur est déjà donnée par ${where} : gardez une seule des deux.`,
        );
        bad = true;
      } else seen.set(m.part!.start, m);
    }
    const live = sorted.filter((m) => !m.entry.value.deleted);
    const numbers: number[] = [];
    const texts: string[] = [];
    for (const m of live) {
      const raw = m.entry.value.value;
      if (rule?.valueType === 'boolean') {
        const b = dhis2Boolean(raw);
        if (b === undefined) {
          refuse(
            m,
            'value',
            'DHIS2_VALUE_INVALID',
            `« ${raw} » n'est pas un oui/non DHIS2 : écrivez true ou false (t, f, 1, 0).`,
          );
          bad = true;
        } else numbers.push(b ? 1 : 0);
      } else if (rule?.valueType === 'text') texts.push(raw);
      else {
        const n = dhis2Number(raw);
        if (n === undefined) {
          refuse(
            m,
            'value',
            'DHIS2_VALUE_INVALID',
            `« ${raw} » n'est pas un nombre DHIS2 (point décimal, sans espace) : corrigez la valeur de ${partLabel(m)}.`,
          );
          bad = true;
        } else numbers.push(n);
      }
    }
    if (bad) continue;
    const timeRule: Aggregation =
      rule?.valueType === 'boolean' || rule?.valueType === 'text' ? 'last' : (rule?.timeAggregation ?? 'sum');
    let value: string | null = null;
    if (live.length > 0) {
      if (rule?.valueType === 'text') value = texts[texts.length - 1]!;
      else {
        const v = overTime(timeRule, numbers);
        value = rule?.valueType === 'boolean' ? (v !== 0 ? 'true' : 'false') : plainNumber(v);
      }
    }
    const covered = new Set(live.flatMap((m) => monthsOfPeriod(m.part!)));
    const quarterMonths = monthsOfQuarter(parseQuarter(first.period));
    const comments = live
      .filter((m) => m.entry.value.comment)
      .map((m) => `${partLabel(m)} : ${m.entry.value.comment}`);
    quarters.push({
      indicator: first.indicator,
      unit: first.unit,
      period: first.period,
      category: first.category,
      entries: sorted,
      live,
      value,
      rule: timeRule,
      months: quarterMonths.filter((mo) => covered.has(mo)),
      missing: quarterMonths.filter((mo) => !covered.has(mo)),
      comment: comments.length > 0 ? comments.join(' ; ') : undefined,
      followup: live.some((m) => m.entry.value.followup === true),
    });
  }
  return { quarters, findings };
}

/** « 2 mois sur 3 (janvier 2025, février 2025 ; mars 2025 manque) ». */
export function monthsHeldFr(q: Pick<QuarterFromParts, 'months' | 'missing'>): string {
  const n = q.months.length;
  const held = q.months.map(monthLabelFr).join(', ');
  const missing = q.missing.map(monthLabelFr).join(', ');
  return `${n} mois sur 3 (${held || 'aucun'} ; ${missing} ${q.missing.length > 1 ? 'manquent' : 'manque'})`;
}
