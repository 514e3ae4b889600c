import { type Permission, roleMay } from '@oise/accounts';
import type { NodeLevel } from '@oise/core';
import type { Viewer } from './web-env.js';

/** One entry of the main navigation: an area of the node, for some levels and a permission. */
export interface NavArea {
  href: string;
  label: string;
  levels: readonly NodeLevel[];
  permission: Permission;
}

const ALL_LEVELS: readonly NodeLevel[] = ['cercle', 'region', 'national'];

/**
 * The areas that exist, in the order of the menu: Accueil, Tableau de bord, Saisie, Listes, Trimestres, Paquets,
 * Rapports, Réglages. Only pages that exist are listed; an area's file adds its line here.
 */
export const NAV_AREAS: readonly NavArea[] = [
  { href: '/', label: 'Accueil', levels: ALL_LEVELS, permission: 'read' },
  { href: '/tableau', label: 'Tableau de bord', levels: ALL_LEVELS, permission: 'read' },
  { href: '/saisie', label: 'Saisie', levels: ['cercle'], permission: 'read' },
  { href: '/listes', label: 'Listes', levels: ['cercle'], permission: 'read' },
  { href: '/trimestres', label: 'Trimestres', levels: ['region', 'national'], permission: 'read' },
  { href: '/paquets', label: 'Paquets', levels: ALL_LEVELS, permission: 'read' },
  { href: '/rapports', label: 'Rapports', levels: ALL_LEVELS, permission: 'read' },
  { href: '/reglages', label: 'Réglages', levels: ALL_LEVELS, permission: 'read' },
];

/** The menu of a node level for a viewer. */
export function navigationFor(level: NodeLevel, viewer: Viewer, areas = NAV_AREAS): NavArea[] {
  return areas.filter((a) => a.levels.includes(level) && roleMay(viewer.role, a.permission));
}
