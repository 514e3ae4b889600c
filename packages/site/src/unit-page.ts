import type { BoundaryLevel, HierarchyUnit, IndicatorDefinition } from '@oise/catalog';
import { formatNumberFr, quarterLabel } from '@oise/core';
import { ofUnit } from '@oise/report';
import { completenessText, digitsOf, legendTitleOf, valueText } from './figure-text.js';
import { type Html, html, scrollingTable } from './html.js';
import {
  type SiteContext,
  figureOf,
  mapIndicatorFor,
  pluralOf,
  shownChildren,
  sitePage,
  unitCrumbs,
  unitPath,
  unitTitle,
} from './site-context.js';
import { svgMap } from './svg-map.js';
import { svgTrend } from './svg-trend.js';

/** A unit among its peers (its parent's units, or its own at the top), by one indicator. */
interface PeerView {
  unit: HierarchyUnit;
  peers: HierarchyUnit[];
  /** The unit the peers are under. */
  peersOf: HierarchyUnit;
  def: IndicatorDefinition;
  /** From the page to the site's root. */
  root: string;
  /** The node's own unit: its own units are shown, nothing outlined. */
  top: boolean;
}

/** How many trends are drawn (the table has every key indicator). */
const DRAWN_TRENDS = 4;

/**
 * A unit's page (the home page for the node's own unit): the key indicators of the latest
 * quarter with completeness, the map of its parent's units (or of its own, at the top) with
 * it outlined, where it stands among them, the trend of the last quarters, its units below.
 */
export function unitPage(ctx: SiteContext, unit: HierarchyUnit): string {
  const top = unit.code === ctx.pub.top.code;
  const root = top ? '' : '../';
  const parent = unit.parentCode ? ctx.pub.hierarchy.get(unit.parentCode) : undefined;
  // The units shown beside it: its parent's (as far as the site goes), or its own at the top.
  const peers = !top && parent ? shownChildren(ctx, parent.code) : shownChildren(ctx, unit.code);
  const peersOf = !top && parent ? parent : unit;
  const mapped = mapIndicatorFor(ctx, peers);
  const children = shownChildren(ctx, unit.code);
  const view = mapped && peers.length > 0 ? { unit, peers, peersOf, def: mapped, root, top } : undefined;
  const main = html`<h1>${unitTitle(unit)}</h1>
<p class="chapeau">Chiffres validés et publiés du ${quarterLabel(ctx.latest)}${ctx.published}.</p>
${keyIndicators(ctx, unit)}
${view ? mapSection(ctx, view) : ''}
${view ? standing(ctx, view) : ''}
${trendSection(ctx, unit)}
${!top && children.length > 0 ? childList(ctx, unit, children, root) : ''}`;
  return sitePage(ctx, { title: unitTitle(unit), root, breadcrumbs: unitCrumbs(ctx, unit, root), main });
}

function keyIndicators(ctx: SiteContext, unit: HierarchyUnit): Html {
  return html`<section aria-labelledby="cles"><h2 id="cles">Indicateurs clés</h2>
${scrollingTable(
  `Indicateurs clés ${ofUnit(unit)}, ${quarterLabel(ctx.latest)}`,
  html`<thead><tr><th scope="col">Indicateur</th><th scope="col">Valeur</th><th scope="col">Complétude</th></tr></thead>
<tbody>${ctx.pub.keyIndicators.map((def) => {
    const f = figureOf(ctx, def, unit.code);
    return html`<tr data-indicateur="${def.code}"><th scope="row">${def.labelFr}</th><td class="nombre">${valueText(def, f.value)}</td><td>${completenessText(f)}</td></tr>`;
  })}</tbody>`,
)}</section>`;
}

function mapSection(ctx: SiteContext, view: PeerView): Html {
  const { unit, peers, peersOf, def, root, top } = view;
  const level = peers[0]!.level as BoundaryLevel;
  const outlines = ctx.boundaries.get(level);
  const features = peers.map((p) => outlines?.get(p.code)).filter((f) => f !== undefined);
  const values = peers.map((p) => {
    const f = figureOf(ctx, def, p.code);
    return { code: p.code, name: p.name, value: f.value, text: valueText(def, f.value) };
  });
  const caption = `${def.labelFr}, ${pluralOf(level)} ${ofUnit(peersOf)}, ${quarterLabel(ctx.latest)}${top ? '' : ` ; ${unit.name} entouré d'un trait noir épais`}.`;
  const map = svgMap({
    id: `carte-${unit.code}`,
    features,
    values,
    highlight: top ? undefined : unit.code,
    caption,
    legendTitle: legendTitleOf(def),
    fractionDigits: digitsOf(def),
  });
  return html`<section aria-labelledby="carte"><h2 id="carte">Carte</h2>
${map ?? html`<p>Pas de carte : le nœud ne tient pas les limites des ${pluralOf(level)}. Les chiffres sont dans le tableau ci-dessous.</p>`}
${
  map && features.length < peers.length
    ? html`<p>Sans contour sur la carte : ${peers
        .filter((p) => !outlines?.has(p.code))
        .map((p) => p.name)
        .join(', ')}.</p>`
    : ''
}
<p><a href="${root}${domainHref(def)}">Tous les indicateurs du domaine</a></p>
</section>`;
}

/** The peers ranked by the mapped indicator (highest first), the page's unit marked. */
function standing(ctx: SiteContext, view: PeerView): Html {
  const { unit, peers, peersOf, def, root, top } = view;
  const rows = peers
    .map((p) => ({ unit: p, figure: figureOf(ctx, def, p.code) }))
    .sort(
      (a, b) =>
        (b.figure.value ?? Number.NEGATIVE_INFINITY) - (a.figure.value ?? Number.NEGATIVE_INFINITY) ||
        a.unit.name.localeCompare(b.unit.name, 'fr'),
    );
  const ranked = rows.filter((r) => r.figure.value !== null);
  const place = ranked.findIndex((r) => r.unit.code === unit.code);
  const level = pluralOf(peers[0]!.level);
  const sentence = top
    ? `Les ${level} ${ofUnit(unit)}, de la plus haute à la plus basse valeur.`
    : place >= 0
      ? `${unit.name} est ${ordinal(place + 1, unit.level)} sur ${formatNumberFr(ranked.length, 0)} ${level} ${ofUnit(peersOf)} ayant un chiffre.`
      : `${unit.name} n'a pas de chiffre ce trimestre : pas de rang parmi les ${level} ${ofUnit(peersOf)}.`;
  return html`<section aria-labelledby="voisins"><h2 id="voisins">${top ? `Les ${level}` : 'Parmi ses voisins'}</h2>
<p>${sentence}</p>
${scrollingTable(
  `${def.labelFr} : ${level} ${ofUnit(peersOf)} par rang, ${quarterLabel(ctx.latest)}`,
  html`<thead><tr><th scope="col">Rang</th><th scope="col">Collectivité</th><th scope="col">Valeur</th><th scope="col">Complétude</th></tr></thead>
<tbody>${rows.map((r) => {
    const own = r.unit.code === unit.code;
    const rank = ranked.indexOf(r);
    const name = html`<a href="${root}${unitPath(ctx, r.unit.code)}">${r.unit.name}</a>`;
    return html`<tr${own ? html` class="cette-page"` : ''}><td>${rank >= 0 ? ordinal(rank + 1, r.unit.level) : '–'}</td><th scope="row">${name}${own ? ' (cette page)' : ''}</th><td class="nombre">${valueText(def, r.figure.value)}</td><td>${completenessText(r.figure)}</td></tr>`;
  })}</tbody>`,
)}</section>`;
}

function trendSection(ctx: SiteContext, unit: HierarchyUnit): Html {
  const series = ctx.pub.keyIndicators.map((def) => ({
    def,
    points: ctx.trend.map((period) => {
      const f = figureOf(ctx, def, unit.code, period);
      return { period, value: f.value, text: valueText(def, f.value) };
    }),
  }));
  const drawn = series.filter((s) => s.points.some((p) => p.value !== null)).slice(0, DRAWN_TRENDS);
  const n = ctx.trend.length;
  return html`<section aria-labelledby="tendance"><h2 id="tendance">Évolution sur ${n > 1 ? `les ${n} derniers trimestres publiés` : 'le dernier trimestre publié'}</h2>
${drawn.length > 0 ? html`<div class="tendances">${drawn.map((s) => html`<figure><figcaption>${s.def.labelFr}</figcaption>${svgTrend(s.def.labelFr, s.points)}</figure>`)}</div>` : ''}
${scrollingTable(
  `Indicateurs clés ${ofUnit(unit)} par trimestre`,
  html`<thead><tr><th scope="col">Indicateur</th>${ctx.trend.map((p) => html`<th scope="col">${quarterLabel(p)}</th>`)}</tr></thead>
<tbody>${series.map((s) => html`<tr><th scope="row">${s.def.labelFr}</th>${s.points.map((p) => html`<td class="nombre">${p.text}</td>`)}</tr>`)}</tbody>`,
)}</section>`;
}

function childList(ctx: SiteContext, unit: HierarchyUnit, children: HierarchyUnit[], root: string): Html {
  const level = pluralOf(children[0]!.level);
  return html`<section aria-labelledby="dessous"><h2 id="dessous">Les ${level} ${ofUnit(unit)}</h2>
<ul class="liste-unites">${children.map((c) => html`<li><a href="${root}${unitPath(ctx, c.code)}">${c.name}</a></li>`)}</ul>
</section>`;
}

/** « 1er » (a cercle), « 1re » (a commune, a region), « 2e », « 10e ». */
function ordinal(n: number, level: string): string {
  if (n === 1) return level === 'cercle' ? '1er' : '1re';
  return `${formatNumberFr(n, 0)}e`;
}

/** The domain page of an indicator, from the site's root. */
export function domainHref(def: Pick<IndicatorDefinition, 'domain'>): string {
  return `domaines/${def.domain}.html`;
}
