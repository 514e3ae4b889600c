import { ROLE_LABELS } from '@oise/accounts';
import { ORG_UNIT_LEVEL_LABELS, orgUnitLevelOfNode } from '@oise/core';
import type { Child } from 'hono/jsx';
import { navigationFor } from '../navigation.js';
import { formatDateTime } from './format.js';
import type { PageFrame } from './page-frame.js';

/** « Cercle : Barouéli (ML0402) ». */
export function nodeTitle(node: PageFrame['node']): string {
  const level = ORG_UNIT_LEVEL_LABELS[orgUnitLevelOfNode(node.level)];
  return node.name ? `${level} : ${node.name} (${node.code})` : `${level} ${node.code}`;
}

/** The frame of every page: banner, the menu of the node's level, the content, a footer. */
export function Layout(props: { frame: PageFrame; title: string; children?: Child }) {
  const { frame } = props;
  const viewer = frame.viewer;
  const menu = viewer ? navigationFor(frame.node.level, viewer) : [];
  const current = (href: string) => (href === '/' ? frame.path === '/' : frame.path.startsWith(href));
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} — OISE ${frame.node.code}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/static/oise.css" />
      </head>
      <body>
        <a class="skip" href="#contenu">
          Aller au contenu
        </a>
        <header class="banner">
          <p class="brand">OISE — {nodeTitle(frame.node)}</p>
          {viewer?.signedIn ? (
            <div class="who">
              <span>
                {viewer.login} ({ROLE_LABELS[viewer.role]})
              </span>
              <form method="post" action="/deconnexion">
                <input type="hidden" name="_csrf" value={frame.csrfToken} />
                <button type="submit">Se déconnecter</button>
              </form>
            </div>
          ) : null}
        </header>
        {menu.length > 0 ? (
          <nav class="main" aria-label="Navigation principale">
            <ul>
              {menu.map((area) => (
                <li key={area.href}>
                  <a href={area.href} aria-current={current(area.href) ? 'page' : undefined}>
                    {area.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <main id="contenu">{props.children}</main>
        <footer>
          OISE · nœud {frame.node.level} {frame.node.code} · page du {formatDateTime(frame.now)} (heure de
          Bamako)
        </footer>
      </body>
    </html>
  );
}
