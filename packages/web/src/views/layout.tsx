import { orgUnitLevelOfNode } from '@oise/core';
import type { Child } from 'hono/jsx';
import { type Lang, text } from '../messages/lang.js';
import { layoutText } from '../messages/layout.js';
import { navigationText } from '../messages/navigation.js';
import { roleText } from '../messages/roles.js';
import { navigationFor } from '../navigation.js';
import { formatDateTime } from './format.js';
import type { PageFrame } from './page-frame.js';

/** « Cercle : Barouéli (ML0402) ». */
export function nodeTitle(node: PageFrame['node'], lang: Lang = 'fr'): string {
  const level = text(lang, layoutText).level(orgUnitLevelOfNode(node.level));
  return node.name
    ? `${level}${lang === 'fr' ? ' :' : ':'} ${node.name} (${node.code})`
    : `${level} ${node.code}`;
}

/** The link to the page in the other language, back to `here` (see areas/langue.ts). */
export function LanguageSwitch(props: { lang: Lang; here: string }) {
  const t = text(props.lang, layoutText);
  const other: Lang = props.lang === 'fr' ? 'en' : 'fr';
  return (
    <a
      class="lang-switch"
      href={`/langue?vers=${other}&suite=${encodeURIComponent(props.here)}`}
      lang={other}
      hreflang={other}
      aria-label={t.switchLabel}
    >
      {t.switchTo}
    </a>
  );
}

/** The frame of every page: banner, the menu of the node's level, the content, a footer. */
export function Layout(props: { frame: PageFrame; title: string; children?: Child }) {
  const { frame } = props;
  const t = text(frame.lang, layoutText);
  const nav = text(frame.lang, navigationText);
  const viewer = frame.viewer;
  const menu = viewer ? navigationFor(frame.node.level, viewer) : [];
  const current = (href: string) => (href === '/' ? frame.path === '/' : frame.path.startsWith(href));
  return (
    <html lang={frame.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} — OISE ${frame.node.code}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/static/oise.css" />
      </head>
      <body>
        <a class="skip" href="#contenu">
          {t.skip}
        </a>
        <header class="banner">
          <p class="brand">OISE — {nodeTitle(frame.node, frame.lang)}</p>
          <div class="who">
            {viewer ? <LanguageSwitch lang={frame.lang} here={frame.here} /> : null}
            {viewer?.signedIn ? (
              <>
                <span>
                  {viewer.login} ({text(frame.lang, roleText)[viewer.role]})
                </span>
                <form method="post" action="/deconnexion">
                  <input type="hidden" name="_csrf" value={frame.csrfToken} />
                  <button type="submit">{t.signOut}</button>
                </form>
              </>
            ) : null}
          </div>
        </header>
        {menu.length > 0 ? (
          <nav class="main" aria-label={t.mainNav}>
            <ul>
              {menu.map((area) => (
                <li key={area.href}>
                  <a href={area.href} aria-current={current(area.href) ? 'page' : undefined}>
                    {nav[area.label]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <main id="contenu">{props.children}</main>
        <footer>{t.footer(frame.node.level, frame.node.code, formatDateTime(frame.now, frame.lang))}</footer>
      </body>
    </html>
  );
}
