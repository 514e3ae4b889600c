import { DOMAINS, DOMAIN_LABELS, type IndicatorDefinition } from '@oise/catalog';
import { quarterLabel } from '@oise/core';
import type { ReportContext } from './report-context.js';

/** One map of a report: an indicator, or the completeness of the quarter (communes reporting). */
export type MapChoice =
  | { kind: 'completeness' }
  | { kind: 'indicator'; def: IndicatorDefinition; configured: boolean };

export interface MapChoiceRequest {
  /** Indicator codes asked for (`report.map-indicators`, else the definition's `indicators`). */
  indicators: readonly string[];
  /** One map per domain: the domain's asked-for indicators, else its first indicator with data. */
  domains: boolean;
  completeness: boolean;
}

/**
 * Chooses the maps of a report, so that none is grey all over: the completeness map, then the
 * indicators asked for that have data, then (with `domains`) for every domain not covered yet
 * its first indicator with data, rates before counts (a rate compares areas of any size). An
 * indicator with no value in any feature is left out, and a note says so.
 */
export function chooseMaps(
  ctx: ReportContext,
  request: MapChoiceRequest,
  hasData: (def: IndicatorDefinition) => boolean,
): { maps: MapChoice[]; notes: string[] } {
  const notes: string[] = [];
  const maps: MapChoice[] = request.completeness ? [{ kind: 'completeness' }] : [];
  const mappable = (d: IndicatorDefinition) => d.valueType !== 'text';
  const asked: IndicatorDefinition[] = [];
  for (const code of request.indicators) {
    const def = ctx.indicators.get(code);
    if (!def || !mappable(def)) {
      notes.push(
        `Carte demandée pour « ${code} » (report.map-indicators) : ${def ? 'indicateur texte, qui ne se cartographie pas' : 'code absent du catalogue'} ; elle est ignorée.`,
      );
      continue;
    }
    if (asked.some((d) => d.code === def.code)) continue;
    if (hasData(def)) asked.push(def);
    else
      notes.push(
        `Carte « ${def.labelFr} » (${def.code}) non publiée : aucune donnée au ${quarterLabel(ctx.quarter)}.`,
      );
  }
  const all = [...ctx.indicators.values()].filter(mappable);
  const domains = [...DOMAINS, ...new Set(all.map((d) => d.domain))].filter((d, i, a) => a.indexOf(d) === i);
  for (const domain of domains) {
    const mine = asked.filter((d) => d.domain === domain);
    for (const def of mine) maps.push({ kind: 'indicator', def, configured: true });
    if (mine.length > 0 || !request.domains) continue;
    const candidates = all
      .filter((d) => d.domain === domain)
      .sort((a, b) => rateFirst(a) - rateFirst(b) || a.sortOrder - b.sortOrder);
    if (candidates.length === 0) continue;
    const def = candidates.find(hasData);
    if (def) maps.push({ kind: 'indicator', def, configured: false });
    else
      notes.push(
        `${DOMAIN_LABELS[domain as keyof typeof DOMAIN_LABELS] ?? domain} : aucune donnée au ${quarterLabel(ctx.quarter)}, pas de carte.`,
      );
  }
  return { maps, notes };
}

const rateFirst = (d: IndicatorDefinition) => (d.valueType === 'percentage' ? 0 : 1);

/** The codes of a `report.map-indicators` setting: « EDU_TBS, HYD_TX_ACCES » → two codes. */
export function parseMapIndicators(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
}
