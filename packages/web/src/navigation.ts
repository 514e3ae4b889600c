import { type Permission, roleMay } from '@oise/accounts';
import type { NodeLevel } from '@oise/core';
import type { NavLabel } from './messages/navigation.js';
import type { Viewer } from './web-env.js';

/** One entry of the main navigation: an area of the node, for some levels and a permission. */
export interface NavArea {
  href: string;
  /** Its name in the menu: a key of messages/navigation.ts (French and English). */
  label: NavLabel;
  levels: readonly NodeLevel[];
  permission: Permission;
}

const ALL_LEVELS: readonly NodeLevel[] = ['cercle', 'region', 'national'];

/**
 * The areas that exist, in the order of the menu: Accueil, Tableau de bord, Saisie, Listes, Trimestres, Paquets,
 * Rapports, Réglages. Only pages that exist are listed; an area's file adds its line here.
 */
export const NAV_AREAS: readonly NavArea[] = [
  { href: '/', label: 'accueil', levels: ALL_LEVELS, permission: 'read' },
  { href: '/tableau', label: 'tableau', levels: ALL_LEVELS, permission: 'read' },
  { href: '/saisie', label: 'saisie', levels: ['cercle'], permission: 'read' },
  { href: '/listes', label: 'listes', levels: ['cercle'], permission: 'read' },
  { href: '/trimestres', label: 'trimestres', levels: ['region', 'national'], permission: 'read' },
  { href: '/paquets', label: 'paquets', levels: ALL_LEVELS, permission: 'read' },
  { href: '/rapports', label: 'rapports', levels: ALL_LEVELS, permission: 'read' },
  { href: '/reglages', label: 'reglages', levels: ALL_LEVELS, permission: 'read' },
];

/** The menu of a node level for a viewer. */
export function navigationFor(level: NodeLevel, viewer: Viewer, areas = NAV_AREAS): NavArea[] {
  return areas.filter((a) => a.levels.includes(level) && roleMay(viewer.role, a.permission));
}
