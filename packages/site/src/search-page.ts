import type { HierarchyUnit } from '@oise/catalog';
import { foldText } from '@oise/core';
import { html } from './html.js';
import { type SiteContext, sitePage, unitPath } from './site-context.js';

/** What one unit is, in words, for the search: « Commune, cercle de Barouéli ». */
function whereIs(ctx: SiteContext, unit: HierarchyUnit): string {
  const parent = unit.parentCode ? ctx.pub.hierarchy.get(unit.parentCode) : undefined;
  const kind = { pays: 'Pays', region: 'Région', cercle: 'Cercle', commune: 'Commune' }[unit.level];
  if (!parent || unit.code === ctx.pub.top.code) return kind;
  return `${kind}, ${parent.level === 'pays' ? parent.name : `${parent.level === 'region' ? 'région' : 'cercle'} de ${parent.name}`}`;
}

/** The units in alphabetical order (French collation), for the list and the index. */
function alphabetical(ctx: SiteContext): HierarchyUnit[] {
  return [...ctx.pub.units].sort(
    (a, b) => a.name.localeCompare(b.name, 'fr') || a.code.localeCompare(b.code),
  );
}

/**
 * `recherche-index.js`: every unit as `{ n: name, f: folded name, d: what it is, h: page }`,
 * set on `window` by a script file (a JSON fetch is refused from `file://`).
 */
export function searchIndexScript(ctx: SiteContext): string {
  const entries = alphabetical(ctx).map((u) => ({
    n: u.name,
    f: foldText(u.name),
    d: whereIs(ctx, u),
    h: unitPath(ctx, u.code),
  }));
  return `window.OISE_INDEX = ${JSON.stringify(entries).replace(/</g, '\\u003c')};\n`;
}

/**
 * `recherche.js`: filters the index as one types, accents and case folded (core's `foldText`,
 * the same function the index was folded with), and lists the matches as links; the count is
 * said in a live region. The form is shown by the script only: without JavaScript the page
 * lists every unit.
 */
export function searchScript(): string {
  return `(function () {
  var fold = (${foldText.toString()});
  var index = window.OISE_INDEX || [];
  var form = document.getElementById('recherche');
  var input = document.getElementById('nom');
  var list = document.getElementById('resultats');
  var status = document.getElementById('etat-recherche');
  if (!form || !input || !list || !status) return;
  form.hidden = false;
  var show = function () {
    var q = fold(input.value).trim();
    list.replaceChildren();
    if (q === '') { status.textContent = ''; return; }
    var found = index.filter(function (e) { return e.f.indexOf(q) !== -1; });
    found.sort(function (a, b) { return (a.f.indexOf(q) === 0 ? 0 : 1) - (b.f.indexOf(q) === 0 ? 0 : 1); });
    found.slice(0, 50).forEach(function (e) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = e.h;
      a.textContent = e.n;
      li.append(a, ' — ' + e.d);
      list.append(li);
    });
    var n = found.length;
    status.textContent = n === 0 ? 'Aucune collectivité ne correspond.' : n === 1 ? '1 collectivité trouvée.' : (n > 50 ? n + ' collectivités trouvées, les 50 premières affichées.' : n + ' collectivités trouvées.');
  };
  form.addEventListener('submit', function (event) { event.preventDefault(); show(); });
  input.addEventListener('input', show);
})();
`;
}

/** `recherche.html`: the search form (with JavaScript) and every unit from A to Z (always). */
export function searchPage(ctx: SiteContext): string {
  const units = alphabetical(ctx);
  const main = html`<h1>Rechercher une commune</h1>
<form id="recherche" role="search" hidden>
<label for="nom">Nom de la commune, du cercle ou de la région</label>
<input id="nom" name="nom" type="search" autocomplete="off">
<button type="submit">Rechercher</button>
</form>
<p id="etat-recherche" role="status"></p>
<ul id="resultats" class="liste-unites"></ul>
<section aria-labelledby="toutes"><h2 id="toutes">Toutes les collectivités, de A à Z</h2>
<ul class="liste-unites">${units.map((u) => html`<li><a href="${unitPath(ctx, u.code)}">${u.name}</a> — ${whereIs(ctx, u)}</li>`)}</ul>
</section>
<script src="recherche-index.js"></script>
<script src="recherche.js"></script>`;
  return sitePage(ctx, {
    title: 'Rechercher une commune',
    root: '',
    breadcrumbs: [{ label: ctx.pub.top.name, href: 'index.html' }, { label: 'Rechercher' }],
    main,
  });
}
