import type { MessageTable } from './lang.js';

/** The main menu's entries, by area (`NAV_AREAS` names them by these keys). */
const fr = {
  accueil: 'Accueil',
  tableau: 'Tableau de bord',
  saisie: 'Saisie',
  listes: 'Listes',
  trimestres: 'Trimestres',
  paquets: 'Paquets',
  rapports: 'Rapports',
  reglages: 'Réglages',
};
const en = {
  accueil: 'Home',
  tableau: 'Dashboard',
  saisie: 'Data entry',
  listes: 'Lists',
  trimestres: 'Quarters',
  paquets: 'Bundles',
  rapports: 'Reports',
  reglages: 'Settings',
} satisfies typeof fr;
export const navigationText: MessageTable<typeof fr> = { fr, en };

export type NavLabel = keyof typeof fr;
