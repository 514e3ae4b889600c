import { PERMISSION_LABELS, ROLE_LABELS } from '@oise/accounts';
import type { MessageTable } from './lang.js';

/** What each role may do, as the layout and the accounts page show it (French: accounts' own words). */
const fr = { ...ROLE_LABELS };
const en = {
  saisie: 'entry, submission and bundles',
  validation: 'notes, decisions and bundles',
  lecture: 'read only',
  admin: 'everything, plus accounts, settings, consolidation and publishing',
} satisfies typeof fr;
export const roleText: MessageTable<typeof fr> = { fr, en };

/** What a permission lets one do, for a refusal: « … ne permet pas de {label} » / « … does not allow you to {label} ». */
const permissionFr = { ...PERMISSION_LABELS };
const permissionEn = {
  read: 'view the pages',
  entry: 'enter or submit figures',
  validate: 'validate, return or annotate',
  packages: 'drop or download bundles',
  admin: 'manage accounts, settings, consolidation or publishing',
  views: 'save or delete dashboard views',
} satisfies typeof permissionFr;
export const permissionText: MessageTable<typeof permissionFr> = { fr: permissionFr, en: permissionEn };
