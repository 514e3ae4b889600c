import { type Database, SYNCED_TABLES, type SyncedTable } from '@oise/schema';
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
 * when its revision is higher (SPEC §5). Batched multi-row statements, one round trip per batch;
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
  const journalColumns = JOURNALED.has(shape.table) ? journalInputColumns(shape) : null;
  let changed = 0;
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    if (journalColumns) {
      await trx.executeQuery(journalStatement(shape, journalColumns, slice, now));
    }
    const result = await trx.executeQuery(upsertStatement(shape, slice));
    changed += Number(result.numAffectedRows ?? 0n);
  }
  return changed;
}

function placeholders(width: number, count: number): string {
  const one = `(${new Array(width).fill('?').join(',')})`;
  return new Array(count).fill(one).join(',');
}

function valuesOf(shape: TableShape, columns: readonly string[], rows: readonly Record<string, unknown>[]) {
  const params: unknown[] = [];
  for (const row of rows) {
    for (const c of columns) {
      const v = row[c];
      params.push(v === undefined ? (shape.defaults[c] ?? null) : v);
    }
  }
  return params;
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
  return CompiledQuery.raw(text, valuesOf(shape, cols, rows));
}

function journalInputColumns(shape: TableShape): string[] {
  const extra =
    shape.table === 'data_value'
      ? ['value', 'value_text', 'comment', 'deleted', 'author']
      : shape.columns.includes('author')
        ? ['author']
        : ['owner'];
  return [...new Set([...shape.primaryKey, 'revision', ...extra])];
}

/** One journal line per incoming row that will change the stored one (run before the upsert). */
function journalStatement(
  shape: TableShape,
  columns: string[],
  rows: readonly Record<string, unknown>[],
  now: string,
): CompiledQuery {
  const t = ident(shape.table);
  const key = shape.primaryKey.map((c) => `v.${ident(c)}`).join(` || '|' || `);
  const join = shape.primaryKey.map((c) => `s.${ident(c)} = v.${ident(c)}`).join(' and ');
  // The same JSON as the entry journal writes: {"value": 4, "comment": null} (4, not 4.0).
  const shown = (a: string) =>
    `case when ${a}."deleted" = 1 or ${a}."revision" is null then null else json_object('value', coalesce(${a}."value_text", case when ${a}."value" = cast(${a}."value" as integer) then cast(${a}."value" as integer) else ${a}."value" end), 'comment', ${a}."comment") end`;
  const oldValue = shape.table === 'data_value' ? shown('s') : 'null';
  const newValue = shape.table === 'data_value' ? shown('v') : 'null';
  const author = columns.includes('author') ? 'v."author"' : 'v."owner"';
  const text =
    `with v(${columns.map(ident).join(',')}) as (values ${placeholders(columns.length, rows.length)}) ` +
    'insert into journal (at, table_name, row_key, old_value, new_value, old_revision, new_revision, author, channel) ' +
    `select ?, ?, ${key}, ${oldValue}, ${newValue}, s."revision", v."revision", ${author}, 'bundle' ` +
    `from v left join ${t} s on ${join} where s."revision" is null or v."revision" > s."revision"`;
  return CompiledQuery.raw(text, [...valuesOf(shape, columns, rows), now, shape.table]);
}
