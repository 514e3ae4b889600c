import { MIGRATIONS, SYNCED_TABLES, type SyncedTable } from '@oise/schema';
import syncPackage from '../package.json' with { type: 'json' };

/** The OISE version of this program, written into every bundle it writes (SPEC [C1]). */
export const OISE_VERSION: string = syncPackage.version;

/** The newest migration this program knows: the schema its database has. */
export const NEWEST_SCHEMA = Object.keys(MIGRATIONS).sort().at(-1) ?? '';

/**
 * The oldest schema whose program reads the bundles this one writes when they carry nothing
 * newer (SPEC [C2]): the previous version, schema `0004-deleted-values-index` (commit 7b826f9),
 * whose reading rules `fixtures/previous-version/` keeps and the tests check against.
 */
export const READABLE_FROM = '0004-deleted-values-index';

/** A synced table or column that appeared after `READABLE_FROM`. */
export interface SyncedAddition {
  /** The migration that added it. */
  since: string;
  /**
   * A reader without it may leave its rows out and lose nothing it uses, now or once updated
   * (SPEC [C4]). False for everything so far: see quarter_reception in SPEC §9.
   */
  skippable: boolean;
}

/** A column added to a synced table after `READABLE_FROM`, and the default an older reader stores. */
export interface SyncedColumnAddition {
  since: string;
  default: string | number | null;
}

export interface SyncedAdditions {
  tables: Partial<Record<SyncedTable, SyncedAddition>>;
  columns: Partial<Record<SyncedTable, Readonly<Record<string, SyncedColumnAddition>>>>;
}

/**
 * What the synced tables gained since `READABLE_FROM` (SPEC [C2]). A new migration that adds a
 * synced table or column adds its line here, so a bundle says which schema it needs.
 */
export const SYNCED_ADDITIONS: SyncedAdditions = {
  tables: {
    quarter_reception: { since: '0005-quarter-reception', skippable: false },
    // Not skippable: skipped and acknowledged, the boundaries would not come again once it updates.
    org_unit_boundary: { since: '0010-org-unit-boundary', skippable: false },
  },
  columns: {},
};

/** The number a migration name starts with (`0005-quarter-reception` → 5), NaN otherwise. */
function schemaNumber(version: string): number {
  const match = /^(\d+)-/.exec(version);
  return match ? Number(match[1]) : Number.NaN;
}

/** The later of two schema versions (by migration number). */
export function laterSchema(a: string, b: string): string {
  return schemaNumber(b) > schemaNumber(a) ? b : a;
}

/** True when `version` names a migration strictly before `than`. */
export function isSchemaBefore(version: string, than: string): boolean {
  return schemaNumber(version) < schemaNumber(than);
}

/** Schema versions this program can read: every migration it knows. */
export function isKnownSchemaVersion(version: unknown): version is string {
  return typeof version === 'string' && Object.hasOwn(MIGRATIONS, version);
}

/** The synced tables a reader at schema `version` knows (every table for this program's own). */
export function tablesKnownAt(version: string, additions = SYNCED_ADDITIONS): SyncedTable[] {
  return (Object.keys(SYNCED_TABLES) as SyncedTable[]).filter((table) => {
    const added = additions.tables[table];
    return !added || !isSchemaBefore(version, added.since);
  });
}

/**
 * What a bundle needs from its reader, gathered row by row as the encoder takes them (SPEC
 * [C2]–[C4]): the oldest schema that knows every table and column it carries (a newer column
 * holding its default is left out of the row, the older reader stores that default anyway), and
 * the newer tables a reader may skip.
 */
export class ReaderNeeds {
  schemaVersion = READABLE_FROM;
  readonly skippable = new Set<SyncedTable>();

  constructor(private readonly additions: SyncedAdditions = SYNCED_ADDITIONS) {}

  /** Notes one row; returns the row as it is written (newer columns at their default left out). */
  take(table: SyncedTable, row: Record<string, unknown>): Record<string, unknown> {
    const added = this.additions.tables[table];
    if (added && isSchemaBefore(READABLE_FROM, added.since)) {
      if (added.skippable) this.skippable.add(table);
      else this.schemaVersion = laterSchema(this.schemaVersion, added.since);
    }
    const columns = this.additions.columns[table];
    if (!columns) return row;
    let out = row;
    for (const [column, c] of Object.entries(columns)) {
      if (!(column in row)) continue;
      if (row[column] === c.default || row[column] === undefined) {
        if (out === row) out = { ...row };
        delete out[column];
      } else this.schemaVersion = laterSchema(this.schemaVersion, c.since);
    }
    return out;
  }

  /** Skippable tables a reader at the bundle's schema does not know. */
  skippableTables(): SyncedTable[] {
    const known = new Set(tablesKnownAt(this.schemaVersion, this.additions));
    return [...this.skippable].filter((t) => !known.has(t)).sort();
  }
}
