import { type BoundaryLevel, DOMAINS, DOMAIN_LABELS, type IndicatorDefinition } from '@oise/catalog';
import { quarterLabel } from '@oise/core';
import { ofUnit } from '@oise/report';
import { completenessText, digitsOf, legendTitleOf, valueText } from './figure-text.js';
import { html, scrollingTable } from './html.js';
import {
  type SiteContext,
  figureOf,
  mapIndicatorFor,
  pluralOf,
  shownChildren,
  sitePage,
  unitPath,
} from './site-context.js';
import { svgMap } from './svg-map.js';

const SINGULAR: Record<BoundaryLevel, string> = { region: 'région', cercle: 'cercle', commune: 'commune' };

/** A domain of the catalog with its indicators that have a number, in catalog order. */
export interface SiteDomain {
  code: string;
  label: string;
  indicators: IndicatorDefinition[];
}

/** The catalog's domains (known order first), each with its numeric indicators. */
export function siteDomains(ctx: SiteContext): SiteDomain[] {
  const all = [...ctx.pub.indicators.values()].sort((a, b) => a.sortOrder - b.sortOrder);
  const codes = [...DOMAINS, ...new Set(all.map((d) => d.domain))].filter((d, i, a) => a.indexOf(d) === i);
  return codes
    .map((code) => ({
      code,
      label: DOMAIN_LABELS[code as keyof typeof DOMAIN_LABELS] ?? code,
      indicators: all.filter((d) => d.domain === code),
    }))
    .filter((d) => d.indicators.length > 0);
}

/** `domaines/index.html`: the domains, each with its number of indicators. */
export function domainsIndexPage(ctx: SiteContext, domains: SiteDomain[]): string {
  const main = html`<h1>Domaines</h1>
<p class="chapeau">Tous les indicateurs publiés du ${quarterLabel(ctx.latest)}, domaine par domaine.</p>
<ul class="liste-unites">${domains.map((d) => html`<li><a href="${d.code}.html">${d.label}</a> (${d.indicators.length} indicateurs)</li>`)}</ul>`;
  return sitePage(ctx, {
    title: 'Domaines',
    root: '../',
    breadcrumbs: [{ label: ctx.pub.top.name, href: '../index.html' }, { label: 'Domaines' }],
    main,
  });
}

/**
 * A domain's page: each of its indicators for the node's unit (value, completeness), the map
 * of its first indicator with data over the units below the node's, and the table of every
 * indicator for those units.
 */
export function domainPage(ctx: SiteContext, domain: SiteDomain): string {
  const top = ctx.pub.top;
  const children = shownChildren(ctx, top.code);
  const mapped = mapIndicatorFor(ctx, children, domain.indicators);
  const level = children[0]?.level as BoundaryLevel | undefined;
  const outlines = level ? ctx.boundaries.get(level) : undefined;
  const map =
    mapped && level
      ? svgMap({
          id: `carte-${domain.code}`,
          features: children.map((c) => outlines?.get(c.code)).filter((f) => f !== undefined),
          values: children.map((c) => {
            const f = figureOf(ctx, mapped, c.code);
            return { code: c.code, name: c.name, value: f.value, text: valueText(mapped, f.value) };
          }),
          caption: `${mapped.labelFr}, ${pluralOf(level)} ${ofUnit(top)}, ${quarterLabel(ctx.latest)}.`,
          legendTitle: legendTitleOf(mapped),
          fractionDigits: digitsOf(mapped),
        })
      : undefined;
  const main = html`<h1>${domain.label}</h1>
<p class="chapeau">Chiffres validés et publiés ${ofUnit(top)}, ${quarterLabel(ctx.latest)}.</p>
<section aria-labelledby="ensemble"><h2 id="ensemble">${top.name}</h2>
${scrollingTable(
  `${domain.label} : indicateurs ${ofUnit(top)}, ${quarterLabel(ctx.latest)}`,
  html`<thead><tr><th scope="col">Indicateur</th><th scope="col">Valeur</th><th scope="col">Complétude</th></tr></thead>
<tbody>${domain.indicators.map((def) => {
    const f = figureOf(ctx, def, top.code);
    return html`<tr><th scope="row">${def.labelFr}</th><td class="nombre">${valueText(def, f.value)}</td><td>${completenessText(f)}</td></tr>`;
  })}</tbody>`,
)}</section>
${map ? html`<section aria-labelledby="carte"><h2 id="carte">Carte</h2>${map}</section>` : ''}
${
  children.length > 0 && level
    ? html`<section aria-labelledby="unites"><h2 id="unites">Par ${SINGULAR[level]}</h2>
${scrollingTable(
  `${domain.label} : ${pluralOf(level)} ${ofUnit(top)}, ${quarterLabel(ctx.latest)}`,
  html`<thead><tr><th scope="col">Collectivité</th>${domain.indicators.map((d) => html`<th scope="col">${d.labelFr}</th>`)}</tr></thead>
<tbody>${children.map((c) => html`<tr><th scope="row"><a href="../${unitPath(ctx, c.code)}">${c.name}</a></th>${domain.indicators.map((d) => html`<td class="nombre">${valueText(d, figureOf(ctx, d, c.code).value)}</td>`)}</tr>`)}</tbody>`,
)}</section>`
    : ''
}`;
  return sitePage(ctx, {
    title: domain.label,
    root: '../',
    breadcrumbs: [
      { label: top.name, href: '../index.html' },
      { label: 'Domaines', href: 'index.html' },
      { label: domain.label },
    ],
    main,
  });
}
