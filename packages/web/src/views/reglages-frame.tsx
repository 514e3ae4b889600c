import type { NodeLevel } from '@oise/core';
import type { Child } from 'hono/jsx';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';

/** The parts of *Réglages*, in the order of its menu. */
export type ReglagesSection = 'voisins' | 'noeud' | 'comptes' | 'territoire';

const SECTIONS: { id: ReglagesSection; href: string; label: string }[] = [
  { id: 'voisins', href: '/reglages', label: 'Voisins et clés' },
  { id: 'noeud', href: '/reglages/noeud', label: 'Réglages du nœud' },
  { id: 'comptes', href: '/reglages/comptes', label: 'Comptes' },
  { id: 'territoire', href: '/reglages/territoire', label: 'Territoire' },
];

/** The label of a section, for titles. */
export const sectionLabel = (id: ReglagesSection) => SECTIONS.find((s) => s.id === id)?.label ?? '';

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
  return (
    <Layout frame={frame} title={`Réglages — ${sectionLabel(section)}`}>
      <h1>Réglages — {sectionLabel(section)}</h1>
      <nav class="domains" aria-label="Parties des réglages">
        <ul>
          {SECTIONS.filter((s) => shown.includes(s.id)).map((s) => (
            <li key={s.id}>
              <a href={s.href} aria-current={s.id === section ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.canAdmin ? null : (
        <p class="message">Votre rôle permet de consulter les réglages, pas de les modifier.</p>
      )}
      {props.children}
    </Layout>
  );
}

/** A French notice at the top of a section: what was done, or why nothing was. */
export interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

export function NoticeBox(props: { notice: Notice | undefined }) {
  const n = props.notice;
  if (!n) return null;
  return (
    <div
      class={n.kind === 'error' ? 'message error' : 'message ok'}
      role={n.kind === 'error' ? 'alert' : 'status'}
    >
      {n.kind === 'error' ? <strong>Refusé : </strong> : <strong>Fait : </strong>}
      {n.text}
    </div>
  );
}
