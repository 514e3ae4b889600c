import type { Migration } from 'kysely';
import * as m0001 from './0001-initial.js';

/** Every migration, in order. A static record, not a folder scan, so bundling keeps it whole. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
};
