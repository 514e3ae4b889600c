import { SYNCED_TABLES, type SyncedTable } from './database.js';

/*
 * The format of a journal line, for every writer (an import, a bundle applied): one definition,
 * so that the same change reads the same whichever way it came in.
 */

/** What the journal shows of a data value: its value (the text of a text indicator) and comment. */
export interface JournalValue {
  value: number | string | null;
  comment: string | null;
}

/** The columns of a `data_value` row the journal shows. */
export interface JournaledDataValue {
  value: number | null;
  value_text: string | null;
  comment: string | null;
  deleted?: number;
}

/** The journal's view of a data value: null when there is none (absent, or a tombstone). */
export function journalValueOf(row: JournaledDataValue | null | undefined): JournalValue | null {
  if (!row || row.deleted === 1) return null;
  return { value: row.value_text ?? row.value, comment: row.comment };
}

/** The text of `old_value` / `new_value`: the JSON of what the journal shows, null when nothing. */
export function journalJson(shown: unknown): string | null {
  return shown === null || shown === undefined ? null : JSON.stringify(shown);
}

/**
 * A row's `row_key` in the journal: its primary-key values joined by `|`, in the order of
 * `SYNCED_TABLES` (`ML040101|SAN_CSCOM|2025Q1|F` for a data value, its `id` for a record).
 */
export function journalRowKey(table: SyncedTable, row: Readonly<Record<string, unknown>>): string {
  return SYNCED_TABLES[table].map((c) => String(row[c])).join('|');
}
