import { OiseError } from '@oise/core';

/**
 * Who may do what in the node's pages. Four roles; each route names the one permission it
 * needs, and a role either grants it or not:
 *
 *   lecture     read
 *   saisie      read, entry (values, lists, submission), packages, views
 *   validation  read, validate (notes, decisions), packages, views
 *   admin       all of these, and admin (accounts, settings, consolidation, publishing)
 *
 * `views` is saving or deleting the dashboard's saved views: it changes the node (a row of its
 * own), so « lecture » only opens them.
 */
export const ROLES = ['saisie', 'validation', 'lecture', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = ['read', 'entry', 'validate', 'packages', 'admin', 'views'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  lecture: ['read'],
  saisie: ['read', 'entry', 'packages', 'views'],
  validation: ['read', 'validate', 'packages', 'views'],
  admin: PERMISSIONS,
};

/** True when `role` grants `permission`. */
export function roleMay(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The role named on a command line, or a French error listing the four. */
export function parseRole(value: string): Role {
  const role = value.trim().toLowerCase();
  if (!isRole(role)) {
    throw new OiseError(
      'ACCOUNT_ROLE_INVALID',
      `rôle « ${value} » inconnu : choisissez saisie, validation, lecture ou admin.`,
    );
  }
  return role;
}

/** What each role does, in French (account lists, the pages). */
export const ROLE_LABELS: Record<Role, string> = {
  saisie: 'saisie, transmission et paquets',
  validation: 'notes, décisions et paquets',
  lecture: 'lecture seule',
  admin: 'tout, plus les comptes, les réglages, la consolidation et la publication',
};

/** What a permission lets one do, in French, for a refusal: « … ne permet pas de {label} ». */
export const PERMISSION_LABELS: Record<Permission, string> = {
  read: 'consulter les pages',
  entry: 'saisir ni transmettre',
  validate: 'valider, renvoyer ni annoter',
  packages: 'déposer ni télécharger des paquets',
  admin: 'gérer les comptes, les réglages, la consolidation ni la publication',
  views: 'sauvegarder ni supprimer des vues du tableau de bord',
};
