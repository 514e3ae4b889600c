import {
  type Database,
  type JournaledDataValue,
  SYNCED_TABLES,
  type SyncedTable,
  journalJson,
  journalRowKey,
  journalValueOf,
} from '@oise/schema';
import { CompiledQuery, type Kysely } from 'kysely';
import { type TableShape, ident } from './table-columns.js';

/** SQLite accepts 32 766 parameters per statement; stay well below. */
const MAX_PARAMETERS = 30_000;
const MAX_BATCH_ROWS = 500;

/** Tables whose incoming changes are journaled (aggregates are derived and rebuilt anyway). */
const JOURNALED = new Set<SyncedTable>(
  (Object.keys(SYNCED_TABLES) as SyncedTable[]).filter((t) => t !== 'aggregate_value'),
);

/**
 * Upserts rows of one table inside the caller's transaction: a row replaces the stored one only
 * when its revision is higher (SPEC §5). Batched multi-row statements, a few per batch of rows;
 * each row that changes gets a journal line (channel `bundle`). Returns how many rows changed.
 */
export async function applyRows(
  trx: Kysely<Database>,
  shape: TableShape,
  rows: readonly Record<string, unknown>[],
  now: string,
): Promise<number> {
  if (rows.length === 0) return 0;
  const { columns } = shape;
  const batch = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS / (columns.length + 2))));
  const journaled = JOURNALED.has(shape.table);
  let changed = 0;
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    if (journaled) await journal(trx, shape, slice, now);
    const result = await trx.executeQuery(upsertStatement(shape, slice));
    changed += Number(result.numAffectedRows ?? 0n);
  }
  return changed;
}

function placeholders(width: number, count: number): string {
  const one = `(${new Array(width).fill('?').join(',')})`;
  return new Array(count).fill(one).join(',');
}

/** A column of an incoming row as it will be stored: one an older sender lacks takes its default. */
function storedValue(shape: TableShape, row: Readonly<Record<string, unknown>>, column: string): unknown {
  const v = row[column];
  return v === undefined ? (shape.defaults[column] ?? null) : v;
}

function upsertStatement(shape: TableShape, rows: readonly Record<string, unknown>[]): CompiledQuery {
  const t = ident(shape.table);
  const cols = shape.columns;
  const pk = new Set(shape.primaryKey);
  const updates = cols.filter((c) => !pk.has(c)).map((c) => `${ident(c)} = excluded.${ident(c)}`);
  const text =
    `insert into ${t} (${cols.map(ident).join(',')}) values ${placeholders(cols.length, rows.length)} ` +
    `on conflict (${shape.primaryKey.map(ident).join(',')}) do update set ${updates.join(', ')} ` +
    `where excluded."revision" > ${t}."revision"`;
  return CompiledQuery.raw(
    text,
    rows.flatMap((row) => cols.map((c) => storedValue(shape, row, c))),
  );
}

/**
 * One journal line per incoming row that will change the stored one (run before the upsert),
 * in the one format of `@oise/schema` (`journalRowKey`, `journalValueOf`, `journalJson`), so a
 * value applied from a bundle reads in the journal as it did where it was entered. The stored
 * rows of the batch are read in one statement, the lines written in another.
 */
async function journal(
  trx: Kysely<Database>,
  shape: TableShape,
  rows: readonly Record<string, unknown>[],
  now: string,
): Promise<void> {
  const pk = shape.primaryKey;
  // Only data values show their content; for the other tables the journal keeps who and when.
  const isValue = shape.table === 'data_value';
  const shownColumns = isValue ? ['value', 'value_text', 'comment', 'deleted'] : [];
  const wanted = [...pk, 'revision', ...shownColumns].map((c) => `s.${ident(c)}`);
  // `i` numbers the incoming rows, so each finds its stored row by SQLite's own key equality.
  const found = await trx.executeQuery<Record<string, unknown> & { i: number }>(
    CompiledQuery.raw(
      `with v("i",${pk.map(ident).join(',')}) as (values ${placeholders(pk.length + 1, rows.length)}) ` +
        `select v."i", ${wanted.join(',')} from v join ${ident(shape.table)} s on ` +
        pk.map((c) => `s.${ident(c)} = v.${ident(c)}`).join(' and '),
      rows.flatMap((row, i) => [i, ...pk.map((c) => storedValue(shape, row, c))]),
    ),
  );
  const stored = new Map(found.rows.map((r) => [Number(r.i), r]));
  const shown = (r: Record<string, unknown> | undefined) =>
    isValue && r ? journalJson(journalValueOf(r as unknown as JournaledDataValue)) : null;
  const author = shape.columns.includes('author') ? 'author' : 'owner';
  const needed = [...pk, 'revision', author, ...shownColumns];
  const lines: unknown[] = [];
  let count = 0;
  rows.forEach((raw, i) => {
    const row: Record<string, unknown> = {};
    for (const c of needed) row[c] = storedValue(shape, raw, c);
    const before = stored.get(i);
    const oldRevision = before ? Number(before.revision) : null;
    const revision = Number(row.revision);
    if (oldRevision !== null && !(revision > oldRevision)) return;
    const key = journalRowKey(shape.table, row);
    lines.push(
      now,
      shape.table,
      key,
      shown(before),
      shown(row),
      oldRevision,
      revision,
      row[author],
      'bundle',
    );
    count++;
  });
  if (count === 0) return;
  await trx.executeQuery(
    CompiledQuery.raw(
      'insert into journal (at, table_name, row_key, old_value, new_value, old_revision, new_revision, author, channel) ' +
        `values ${placeholders(9, count)}`,
      lines,
    ),
  );
}
