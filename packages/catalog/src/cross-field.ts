import { formatNumberFr } from '@oise/core';
import type { IndicatorDefinition } from './indicator-definition.js';

/** The identity of a figure: one `data_value` row (indicator × commune × quarter × category). */
export interface DataKey {
  orgUnit: string;
  indicator: string;
  period: string;
  category: string;
}

/** `ML040101|SAN_CSCOM|2025Q1|F`: a figure's key as one string, for maps and sets. */
export function dataKeyString(k: DataKey): string {
  return `${k.orgUnit}|${k.indicator}|${k.period}|${k.category}`;
}

/** A figure checked against the catalog's rules between figures. */
export interface KeyedFigure {
  key: DataKey;
  value: number;
}

/** A rule broken by a group of figures: each key named, one French message. */
export interface CrossFieldViolation {
  code: 'SEX_SUM_MISMATCH' | 'PART_ABOVE_WHOLE';
  keys: DataKey[];
  message: string;
}

/**
 * The rules between figures of one commune and quarter that the indicator definitions imply:
 * F + M = total where all three are given (`disaggregation` = `sex`), and a part never above its
 * whole (`partOfCode`, same category). Returns every violation. Entry checks an import with it
 * (stored figures overlaid by the incoming ones); the workflow re-checks a quarter before it goes.
 */
export function crossFieldViolations(
  catalog: ReadonlyMap<string, IndicatorDefinition>,
  figures: Iterable<KeyedFigure>,
): CrossFieldViolation[] {
  const byKey = new Map<string, KeyedFigure>();
  for (const f of figures) byKey.set(dataKeyString(f.key), f);
  const out: CrossFieldViolation[] = [];
  const sexDone = new Set<string>();
  for (const f of byKey.values()) {
    const def = catalog.get(f.key.indicator);
    if (!def) continue;
    if (def.disaggregation === 'sex') {
      const group = `${f.key.orgUnit}|${f.key.indicator}|${f.key.period}`;
      if (!sexDone.has(group)) {
        sexDone.add(group);
        const at = (category: string) => byKey.get(dataKeyString({ ...f.key, category }));
        const [fem, mal, total] = [at('F'), at('M'), at('')];
        if (fem && mal && total && Math.abs(fem.value + mal.value - total.value) > 1e-9) {
          out.push({
            code: 'SEX_SUM_MISMATCH',
            keys: [fem.key, mal.key, total.key],
            message: `« ${def.labelFr} » : F (${formatNumberFr(fem.value)}) + M (${formatNumberFr(mal.value)}) = ${formatNumberFr(fem.value + mal.value)}, mais le total vaut ${formatNumberFr(total.value)} : corrigez l'une des trois valeurs, ou laissez le total vide.`,
          });
        }
      }
    }
    if (def.partOfCode) {
      const whole = byKey.get(dataKeyString({ ...f.key, indicator: def.partOfCode }));
      const wholeDef = catalog.get(def.partOfCode);
      if (whole && wholeDef && f.value > whole.value + 1e-9) {
        const cat = f.key.category ? ` (${f.key.category})` : '';
        out.push({
          code: 'PART_ABOVE_WHOLE',
          keys: [f.key, whole.key],
          message: `« ${def.labelFr} »${cat} vaut ${formatNumberFr(f.value)}, plus que « ${wholeDef.labelFr} »${cat} (${formatNumberFr(whole.value)}) dont il fait partie : corrigez l'une des deux valeurs.`,
        });
      }
    }
  }
  return out;
}
