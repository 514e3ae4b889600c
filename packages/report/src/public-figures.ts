import { join } from 'node:path';
import {
  type Hierarchy,
  type HierarchyUnit,
  type IndicatorDefinition,
  listIndicators,
  loadHierarchy,
} from '@oise/catalog';
import {
  type Figure,
  type FigureKey,
  type FigureLookup,
  loadFigures,
  parseFigurePeriod,
  unreportedFigures,
} from '@oise/consolidate';
import { OiseError, formatQuarter, formatQuarterFr, parseQuarter, quarterLabel } from '@oise/core';
import { type Node, getCalendar, getSetting } from '@oise/node';
import { quarterStatusesOf } from '@oise/workflow';
import { parseMapIndicators } from './map-choice.js';
import { MAP_INDICATORS_SETTING } from './publish-reports.js';
import { REPORTS_DIR, STANDARD_REPORTS, readReportDefinition } from './report-definition.js';
import { listPublications, nationalPublications, publicationDue } from './report-publication.js';

/** The quarters a node may show the public, and what it should know first. */
export interface PublicQuarters {
  /** Public quarters (`2025Q1`), oldest first, none after the one asked. */
  quarters: string[];
  /** French warnings: a quarter whose figures changed since it was published. */
  warnings: string[];
  /** When each public quarter was published (ISO, its national documents' latest revision), when known. */
  publishedAt: Record<string, string>;
}

/**
 * The rule « what is public », by quarter. At national: the quarters it published (a
 * `report_publication` row), never another; a quarter whose aggregates changed since gets a
 * warning. At a region: the quarters national published (the report documents national
 * registered when publishing them, come down in its bundles; its aggregates come down for
 * every quarter it consolidated). A cercle builds no site (`SITE_LEVEL_REFUSED`). With `quarter`, later quarters are
 * left out; nothing public at all is `SITE_NOTHING_PUBLISHED`.
 */
export async function publicQuarters(
  node: Node,
  options: { quarter?: string } = {},
): Promise<PublicQuarters> {
  const { db, identity } = node;
  if (identity.level === 'cercle')
    throw new OiseError(
      'SITE_LEVEL_REFUSED',
      `Le nœud ${identity.code} est un cercle : le site public se construit au nœud national (tout le pays) ou à un nœud de région (sa région). Lancez « oise site » sur le dossier de l'un d'eux.`,
      { node: identity.code },
    );
  const national = identity.level === 'national';
  const documents = await nationalPublications(db, identity.nationalCode);
  const all = national ? (await listPublications(db)).map((p) => p.period) : documents.map((d) => d.period);
  const last = options.quarter ? formatQuarter(parseQuarter(options.quarter)) : undefined;
  const quarters = all.filter((p) => /^\d{4}Q[1-4]$/.test(p) && (last === undefined || p <= last));
  if (quarters.length === 0)
    throw new OiseError(
      'SITE_NOTHING_PUBLISHED',
      national
        ? `Aucun trimestre publié${last ? ` jusqu'au ${quarterLabel(last)}` : ''} : publiez-en un d'abord (« oise report --quarter ${formatQuarterFr(last ?? '2025Q1')} » ou « oise run »), puis relancez « oise site ».`
        : `Aucun trimestre publié par le national n'est arrivé${last ? ` jusqu'au ${quarterLabel(last)}` : ''} : recevez ses paquets (« oise ingest »), puis relancez « oise site ».`,
      { node: identity.code },
    );
  const warnings: string[] = [];
  if (national)
    for (const period of quarters)
      if (await publicationDue(db, period))
        warnings.push(
          `Les chiffres du ${quarterLabel(period)} ont changé depuis sa publication : publiez-le d'abord (oise report --quarter ${formatQuarterFr(period)}), le site montre les chiffres d'aujourd'hui.`,
        );
  const publishedAt: Record<string, string> = {};
  for (const d of documents) if (quarters.includes(d.period)) publishedAt[d.period] = d.publishedAt;
  return { quarters, warnings, publishedAt };
}

/** What the public site may show: quarters, units, indicators and their figures. */
export interface PublicFigures extends PublicQuarters {
  /** The node's own unit, the top of its site. */
  top: HierarchyUnit;
  /** The territory at the end of the latest public quarter. */
  hierarchy: Hierarchy;
  /** The units shown (the top and those under it with public figures), top first, by code. */
  units: HierarchyUnit[];
  /** The catalog's indicators with a number (no text), by code. */
  indicators: ReadonlyMap<string, IndicatorDefinition>;
  /** The key indicators of every page: the national report's side-by-side table (reports/). */
  keyIndicators: IndicatorDefinition[];
  /** The indicators to map first (`report.map-indicators`), then the key ones. */
  mapIndicators: IndicatorDefinition[];
  /** Whether a unit's figures of a quarter are public. */
  isPublic(unit: string, period: string): boolean;
  /**
   * A figure as `oise query` gives it when public, else the figure nobody reported (value
   * null): never a figure the rule keeps out. Held: every indicator of the latest quarter, the
   * key and mapped indicators over the last `history` quarters (the trends); other keys read
   * as not reported (use `quarterFigures`).
   */
  figure(key: FigureKey): Figure;
  /**
   * Every figure of one public quarter, loaded when asked (the downloads, a quarter at a time:
   * a country's eight quarters of every indicator do not fit in memory at once).
   */
  quarterFigures(period: string): Promise<FigureLookup>;
}

/**
 * The public figures of a node (`publicQuarters`, then the units): national shows every unit;
 * a region its own region, and the cercles (with their communes) whose quarter it validated
 * (workflow's status: validated or consolidated). Figures are aggregates only (counts and
 * rates), read by consolidate's `loadFigures`: never a record of the lists (no official's name).
 */
export async function publicFigures(
  node: Node,
  options: { quarter?: string; history?: number } = {},
): Promise<PublicFigures> {
  const { db, identity } = node;
  const { quarters, warnings, publishedAt } = await publicQuarters(node, options);
  const latest = quarters[quarters.length - 1]!;
  const hierarchy = await loadHierarchy(db, parseQuarter(latest));
  const top = hierarchy.get(identity.code);
  if (!top)
    throw new OiseError(
      'REPORT_UNIT_UNKNOWN',
      `Le nœud ${identity.code} n'est pas dans le territoire du ${quarterLabel(latest)} : importez le territoire (oise territory import), puis relancez.`,
    );
  const byPeriod = new Map<string, Set<string>>();
  for (const period of quarters) byPeriod.set(period, await publicUnitsOf(node, hierarchy, top, period));
  const shown = new Set<string>();
  for (const set of byPeriod.values()) for (const code of set) shown.add(code);
  const units = [top, ...subtree(hierarchy, top.code).filter((u) => shown.has(u.code))];
  const catalog = (await listIndicators(db)).filter((d) => d.valueType !== 'text');
  const indicators = new Map(catalog.map((d) => [d.code, d]));
  const keyIndicators = keyIndicatorCodes()
    .map((c) => indicators.get(c))
    .filter((d): d is IndicatorDefinition => d !== undefined);
  const asked = parseMapIndicators(await getSetting(db, MAP_INDICATORS_SETTING))
    .map((c) => indicators.get(c))
    .filter((d): d is IndicatorDefinition => d !== undefined);
  const mapIndicators = [...asked, ...keyIndicators.filter((d) => !asked.includes(d))];
  const calendar = await getCalendar(db);
  const codes = units.map((u) => u.code);
  // Every indicator of the latest quarter; the key and mapped ones over the trend's quarters.
  const latestFigures = await loadFigures(db, {
    units: codes,
    periods: [latest],
    indicators: catalog.map((d) => d.code),
    calendar,
  });
  const history = quarters.slice(-(options.history ?? 8));
  const trendFigures = await loadFigures(db, {
    units: codes,
    periods: history,
    indicators: [...new Set([...keyIndicators, ...mapIndicators].map((d) => d.code))],
    calendar,
  });
  const trendCodes = new Set([...keyIndicators, ...mapIndicators].map((d) => d.code));
  const lookup = (key: FigureKey): Figure =>
    key.period === latest
      ? latestFigures(key)
      : trendCodes.has(key.indicator) && history.includes(key.period)
        ? trendFigures(key)
        : hidden(key);
  const isPublic = (unit: string, period: string) => byPeriod.get(period)?.has(unit) ?? false;
  const unreported = await unreportedFigures(db, {
    units: units.map((u) => u.code),
    periods: quarters.map(parseFigurePeriod),
  });
  // A key of a quarter that is not public at all: nothing reported, nothing expected.
  const hidden = (key: FigureKey): Figure =>
    quarters.includes(key.period)
      ? unreported(key)
      : {
          ...key,
          value: null,
          numerator: null,
          denominator: null,
          reporting: 0,
          expected: 0,
          onTime: 0,
          source: 'local',
          computedBy: null,
        };
  return {
    quarters,
    warnings,
    publishedAt,
    top,
    hierarchy,
    units,
    indicators,
    keyIndicators,
    mapIndicators,
    isPublic,
    figure: (key) => (isPublic(key.unit, key.period) ? lookup(key) : hidden(key)),
    async quarterFigures(period) {
      const all =
        period === latest
          ? latestFigures
          : await loadFigures(db, {
              units: codes,
              periods: [period],
              indicators: catalog.map((d) => d.code),
              calendar,
            });
      return (key) => (key.period === period && isPublic(key.unit, key.period) ? all(key) : hidden(key));
    },
  };
}

/** The units of a quarter the node may show (see `publicFigures`). */
async function publicUnitsOf(
  node: Node,
  hierarchy: Hierarchy,
  top: HierarchyUnit,
  period: string,
): Promise<Set<string>> {
  const all = [top, ...subtree(hierarchy, top.code)];
  if (node.identity.level === 'national') return new Set(all.map((u) => u.code));
  const cercles = hierarchy.childrenOf(top.code).map((c) => c.code);
  const statuses = await quarterStatusesOf(node.db, cercles, period);
  const validated = cercles.filter((c) => {
    const s = statuses.get(c)?.status;
    return s === 'validated' || s === 'consolidated';
  });
  return new Set([top.code, ...validated.flatMap((c) => [c, ...subtree(hierarchy, c).map((u) => u.code)])]);
}

function subtree(hierarchy: Hierarchy, code: string): HierarchyUnit[] {
  return hierarchy.childrenOf(code).flatMap((c) => [c, ...subtree(hierarchy, c.code)]);
}

let keyCodes: string[] | undefined;
/**
 * The key indicators: those of the national report's first side-by-side table
 * (`reports/national-consolidated.json`), the figures national puts before every other.
 */
export function keyIndicatorCodes(): string[] {
  keyCodes ??= STANDARD_REPORTS.national
    .map((file) => readReportDefinition(join(REPORTS_DIR, file)))
    .flatMap((d) => d.sections)
    .flatMap((s) => (s.type === 'indicator-table' ? (s.indicators ?? []) : []));
  return keyCodes;
}
