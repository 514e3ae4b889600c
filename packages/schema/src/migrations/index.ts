import type { Migration } from 'kysely';
import * as m0001 from './0001-initial.js';
import * as m0003 from './0003-sync-acks.js';
import * as m0004 from './0004-deleted-values-index.js';
import * as m0005 from './0005-quarter-reception.js';
import * as m0006 from './0006-consolidation-state.js';
import * as m0007 from './0007-sync-peer-state.js';
import * as m0008 from './0008-report-publication.js';
import * as m0009 from './0009-web-accounts.js';
import * as m0010 from './0010-org-unit-boundary.js';
import * as m0011 from './0011-saved-views.js';
import * as m0012 from './0012-bundle-log-origin.js';

/** Every migration, in order. A static record, not a folder scan, so bundling keeps it whole. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0003-sync-acks': m0003,
  '0004-deleted-values-index': m0004,
  '0005-quarter-reception': m0005,
  '0006-consolidation-state': m0006,
  '0007-sync-peer-state': m0007,
  '0008-report-publication': m0008,
  '0009-web-accounts': m0009,
  '0010-org-unit-boundary': m0010,
  '0011-saved-views': m0011,
  '0012-bundle-log-origin': m0012,
};
