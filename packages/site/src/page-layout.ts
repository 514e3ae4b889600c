import { type Html, html } from './html.js';

/** One step of the breadcrumb: a link, or the page itself (no `href`). */
export interface Crumb {
  label: string;
  href?: string;
}

export interface PageShell {
  title: string;
  /** From the page to the site's root: `''` at the top, `'../'` in a sub-folder. */
  root: string;
  breadcrumbs: Crumb[];
  main: Html;
  /** « Chiffres publiés du Mali » */
  siteName: string;
  /** The footer's line: the generation date and the latest quarter, in French. */
  footer: string;
}

/**
 * Every page of the site: `<html lang="fr">`, UTF-8, the phone's width, one local style sheet,
 * a skip link, the site's header and navigation, the breadcrumb, the main content, the footer.
 * Links are relative to `root`, so the folder works from any host or from `file://`.
 */
export function pageHtml(page: PageShell): string {
  const r = page.root;
  return `<!doctype html>\n${
    html`<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} — ${page.siteName}</title>
<link rel="stylesheet" href="${r}site.css">
</head>
<body>
<a class="evitement" href="#contenu">Aller au contenu</a>
<header class="entete">
<p class="nom-site"><a href="${r}index.html">${page.siteName}</a></p>
<nav aria-label="Navigation du site"><ul>
<li><a href="${r}index.html">Accueil</a></li>
<li><a href="${r}domaines/index.html">Domaines</a></li>
<li><a href="${r}recherche.html">Rechercher une commune</a></li>
<li><a href="${r}telechargements.html">Téléchargements</a></li>
</ul></nav>
</header>
${
  page.breadcrumbs.length > 1
    ? html`<nav class="ariane" aria-label="Fil d'Ariane"><ol>${page.breadcrumbs.map((c) =>
        c.href
          ? html`<li><a href="${c.href}">${c.label}</a></li>`
          : html`<li aria-current="page">${c.label}</li>`,
      )}</ol></nav>`
    : ''
}
<main id="contenu" tabindex="-1">
${page.main}
</main>
<footer class="pied"><p>${page.footer}</p></footer>
</body>
</html>
`.text
  }`;
}
