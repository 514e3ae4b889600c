import type { NodeLevel } from '@oise/core';
import type { Child } from 'hono/jsx';
import { type Lang, text } from '../messages/lang.js';
import { reglagesText } from '../messages/reglages.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';

/** The parts of *Réglages*, in the order of its menu. */
export type ReglagesSection = 'voisins' | 'noeud' | 'comptes' | 'territoire';

const SECTIONS: { id: ReglagesSection; href: string }[] = [
  { id: 'voisins', href: '/reglages' },
  { id: 'noeud', href: '/reglages/noeud' },
  { id: 'comptes', href: '/reglages/comptes' },
  { id: 'territoire', href: '/reglages/territoire' },
];

/** Which sections a viewer sees: Comptes for admins, Territoire at national. */
export function sectionsFor(level: NodeLevel, canAdmin: boolean): ReglagesSection[] {
  return SECTIONS.map((s) => s.id).filter(
    (id) => (id !== 'comptes' || canAdmin) && (id !== 'territoire' || level === 'national'),
  );
}

/** A page of *Réglages*: the main frame, the title, the menu of its sections. */
export function ReglagesLayout(props: {
  frame: PageFrame;
  section: ReglagesSection;
  canAdmin: boolean;
  children?: Child;
}) {
  const { frame, section } = props;
  const shown = sectionsFor(frame.node.level, props.canAdmin);
  const t = text(frame.lang, reglagesText);
  const title = t.title(t.section(section));
  return (
    <Layout frame={frame} title={title}>
      <h1>{title}</h1>
      <nav class="domains" aria-label={t.sectionsNav}>
        <ul>
          {SECTIONS.filter((s) => shown.includes(s.id)).map((s) => (
            <li key={s.id}>
              <a href={s.href} aria-current={s.id === section ? 'page' : undefined}>
                {t.section(s.id)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.canAdmin ? null : <p class="message">{t.readOnly}</p>}
      {props.children}
    </Layout>
  );
}

/** A notice at the top of a section: what was done, or why nothing was. */
export interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

export function NoticeBox(props: { notice: Notice | undefined; lang: Lang }) {
  const n = props.notice;
  if (!n) return null;
  const t = text(props.lang, reglagesText);
  return (
    <div
      class={n.kind === 'error' ? 'message error' : 'message ok'}
      role={n.kind === 'error' ? 'alert' : 'status'}
    >
      <strong>{n.kind === 'error' ? t.refusedLabel : t.doneLabel}</strong>
      {n.text}
    </div>
  );
}
