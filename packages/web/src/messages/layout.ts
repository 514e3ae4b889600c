import type { OrgUnitLevel } from '@oise/core';
import { ORG_UNIT_LEVEL_LABELS } from '@oise/core';
import type { MessageTable } from './lang.js';

/** The frame of every page (Layout, BarePage, MessagePage) and the language switch. */
const fr = {
  skip: 'Aller au contenu',
  signOut: 'Se déconnecter',
  mainNav: 'Navigation principale',
  level: (level: OrgUnitLevel) => ORG_UNIT_LEVEL_LABELS[level],
  footer: (level: string, code: string, when: string) =>
    `OISE · nœud ${level} ${code} · page du ${when} (heure de Bamako)`,
  backHome: "Retour à l'accueil",
  /** The switch names the other language in that language. */
  switchTo: 'English',
  switchLabel: 'Show the pages in English',
};
const en = {
  skip: 'Skip to content',
  signOut: 'Sign out',
  mainNav: 'Main navigation',
  level: (level: OrgUnitLevel) =>
    ({ pays: 'Country', region: 'Region', cercle: 'Cercle', commune: 'Commune' })[level],
  footer: (level: string, code: string, when: string) =>
    `OISE · ${level} node ${code} · page of ${when} (Bamako time)`,
  backHome: 'Back to the home page',
  switchTo: 'Français',
  switchLabel: 'Afficher les pages en français',
} satisfies typeof fr;
export const layoutText: MessageTable<typeof fr> = { fr, en };
