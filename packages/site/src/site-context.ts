import type { BoundaryFeature, BoundaryLevel, HierarchyUnit, IndicatorDefinition } from '@oise/catalog';
import type { Figure } from '@oise/consolidate';
import { formatDateTimeFr, quarterLabel } from '@oise/core';
import { LEVEL_PLURALS, type PublicFigures, ofUnit, unitTitle } from '@oise/report';
import { type Crumb, type PageShell, pageHtml } from './page-layout.js';

/** Everything the pages read: the public figures, the boundaries, where each page is. */
export interface SiteContext {
  pub: PublicFigures;
  /** The latest public quarter: the one the pages show. */
  latest: string;
  /** The last 8 public quarters up to `latest`, oldest first: the trends. */
  trend: string[];
  /** The stored boundaries of each level, by code. */
  boundaries: Map<BoundaryLevel, Map<string, BoundaryFeature>>;
  siteName: string;
  footer: string;
  /** « publiés le 10 avril 2025 à 09:00 (heure de Bamako) », when the date is known. */
  published: string;
}

/** The number of quarters a trend shows. */
export const TREND_QUARTERS = 8;

export function makeContext(
  pub: PublicFigures,
  boundaries: SiteContext['boundaries'],
  now: string,
): SiteContext {
  const latest = pub.quarters[pub.quarters.length - 1]!;
  return {
    pub,
    latest,
    trend: pub.quarters.slice(-TREND_QUARTERS),
    boundaries,
    siteName: `Chiffres publics ${ofUnit(pub.top)}`,
    published: pub.publishedAt[latest]
      ? ` (publiés le ${formatDateTimeFr(pub.publishedAt[latest])}, heure de Bamako)`
      : '',
    footer: `Chiffres validés et publiés, jusqu'au ${quarterLabel(latest)}. Site produit par OISE le ${formatDateTimeFr(now)} (heure de Bamako). Aucune donnée personnelle : des comptes et des taux seulement.`,
  };
}

/** A unit's page, from the site's root: `index.html` for the node's own unit, else `unites/CODE.html`. */
export function unitPath(ctx: SiteContext, code: string): string {
  return code === ctx.pub.top.code ? 'index.html' : `unites/${code}.html`;
}

/** The public figure of a key (the rule's: a unit's figures not public read as not reported). */
export function figureOf(
  ctx: SiteContext,
  def: IndicatorDefinition,
  unit: string,
  period = ctx.latest,
): Figure {
  return ctx.pub.figure({ indicator: def.code, unit, period, category: '' });
}

/** The units shown under `code` (those with public figures). */
export function shownChildren(ctx: SiteContext, code: string): HierarchyUnit[] {
  const shown = new Set(ctx.pub.units.map((u) => u.code));
  return ctx.pub.hierarchy.childrenOf(code).filter((u) => shown.has(u.code));
}

/** The breadcrumb of a unit's page: from the node's unit down to it. */
export function unitCrumbs(ctx: SiteContext, unit: HierarchyUnit, root: string): Crumb[] {
  const chain: HierarchyUnit[] = [];
  for (const u of ctx.pub.hierarchy.ancestorsOf(unit.code)) {
    chain.unshift(u);
    if (u.code === ctx.pub.top.code) break;
  }
  return chain.map((u) =>
    u.code === unit.code ? { label: u.name } : { label: u.name, href: `${root}${unitPath(ctx, u.code)}` },
  );
}

/** A page of the site in its shell. */
export function sitePage(ctx: SiteContext, page: Omit<PageShell, 'siteName' | 'footer'>): string {
  return pageHtml({ ...page, siteName: ctx.siteName, footer: ctx.footer });
}

/** « Cercle de Barouéli », « Mali ». */
export { unitTitle };

/** « communes », « cercles », « régions ». */
export function pluralOf(level: string): string {
  return (LEVEL_PLURALS[level] ?? level).toLowerCase();
}

/** The first indicator to map that has a figure for one of `units` in the latest quarter. */
export function mapIndicatorFor(
  ctx: SiteContext,
  units: readonly HierarchyUnit[],
  candidates: readonly IndicatorDefinition[] = ctx.pub.mapIndicators,
): IndicatorDefinition | undefined {
  return (
    candidates.find((def) => units.some((u) => figureOf(ctx, def, u.code).value !== null)) ?? candidates[0]
  );
}
