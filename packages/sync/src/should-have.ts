import type { NodeIdentity } from '@oise/node';
import type { Database, SyncedTable } from '@oise/schema';
import { type Kysely, sql } from 'kysely';
import {
  type BundleDirection,
  type BundleRow,
  DOWN_TABLES,
  PERIOD_TABLES,
  UP_TABLES,
} from './bundle-format.js';
import { tableShape } from './table-columns.js';

/** The neighbour a bundle is for. */
export interface Recipient {
  code: string;
  direction: BundleDirection;
}

/** One row a neighbour should have, with its place in the sender's change order. */
export interface SequencedRow extends BundleRow {
  /** The sender's `local_seq` of the row (never sent). */
  seq: number;
}

/** Rows read per table and per query while streaming; a few thousand rows in memory at most. */
const PAGE_ROWS = 1_000;

/**
 * The rows `recipient` should have among those with `from < local_seq ≤ to` (SPEC §3), in
 * change order across every table, without `local_seq` (never sent): each table is read by
 * keyset pages over its `local_seq` index and the tables are merged, so only one page per
 * table is ever in memory. Run it inside the export's transaction (one consistent snapshot).
 */
export async function* streamRowsFor(
  db: Kysely<Database>,
  me: NodeIdentity,
  recipient: Recipient,
  range: { from: number; to: number },
  options: { pageRows?: number } = {},
): AsyncGenerator<SequencedRow> {
  const pageRows = options.pageRows ?? PAGE_ROWS;
  const tables = recipient.direction === 'up' ? UP_TABLES : DOWN_TABLES;
  const validated = recipient.direction === 'up' ? await validatedQuarters(db, me.code) : new Set<string>();
  const cursors: TableCursor[] = [];
  for (const table of tables) {
    const cursor: TableCursor = { table, page: [], next: 0, after: range.from, done: false };
    await refill(db, cursor, me, recipient, range.to, pageRows);
    if (cursor.page.length > 0) cursors.push(cursor);
  }
  while (cursors.length > 0) {
    // The table whose next row is the oldest change (local_seq is unique across tables).
    let best = 0;
    for (let i = 1; i < cursors.length; i++) {
      if (headSeq(cursors[i] as TableCursor) < headSeq(cursors[best] as TableCursor)) best = i;
    }
    const cursor = cursors[best] as TableCursor;
    const { local_seq, ...row } = cursor.page[cursor.next++] as Record<string, unknown>;
    if (cursor.next >= cursor.page.length) {
      await refill(db, cursor, me, recipient, range.to, pageRows);
      if (cursor.page.length === 0) cursors.splice(best, 1);
    }
    const table = cursor.table;
    if (recipient.direction === 'up') {
      // A cercle's quarter goes up from the region only once the CSR validated it: its own
      // period-bound rows, and the region's reception of it with them.
      const held = heldQuarter(table, row, me);
      if (held !== undefined && !validated.has(`${held}|${row.period}`)) continue;
    }
    if (table === 'aggregate_value' && me.level === 'national') row.source = 'published';
    yield { table, row, seq: Number(local_seq) };
  }
}

/**
 * The rows `recipient` should have among those with `from < local_seq ≤ to` (SPEC §3), all in
 * memory, and the newest `local_seq` among them. For small ranges and tools; the export
 * streams them (`streamRowsFor`).
 */
export async function selectRowsFor(
  db: Kysely<Database>,
  me: NodeIdentity,
  recipient: Recipient,
  range: { from: number; to: number },
): Promise<{ rows: BundleRow[]; maxSeq: number }> {
  const rows: BundleRow[] = [];
  let maxSeq = 0;
  for await (const { seq, ...r } of streamRowsFor(db, me, recipient, range)) {
    rows.push(r);
    maxSeq = Math.max(maxSeq, seq);
  }
  return { rows, maxSeq };
}

/** True when `recipient` should have at least one row with `from < local_seq ≤ to`. */
export async function hasRowsFor(
  db: Kysely<Database>,
  me: NodeIdentity,
  recipient: Recipient,
  range: { from: number; to: number },
): Promise<boolean> {
  if (range.from >= range.to) return false;
  for await (const _ of streamRowsFor(db, me, recipient, range, { pageRows: 100 })) return true;
  return false;
}

interface TableCursor {
  table: SyncedTable;
  page: Record<string, unknown>[];
  next: number;
  /** The last `local_seq` read from this table. */
  after: number;
  done: boolean;
}

function headSeq(cursor: TableCursor): number {
  return Number((cursor.page[cursor.next] as Record<string, unknown>).local_seq);
}

/** Reads the next page of a table (`after < local_seq ≤ to`, in change order). */
async function refill(
  db: Kysely<Database>,
  cursor: TableCursor,
  me: NodeIdentity,
  recipient: Recipient,
  to: number,
  pageRows: number,
): Promise<void> {
  cursor.page = [];
  cursor.next = 0;
  if (cursor.done) return;
  const where = sql`local_seq > ${cursor.after} and local_seq <= ${to} and ${tableFilter(cursor.table, me, recipient)}`;
  const { columns } = await tableShape(db, cursor.table);
  const result = await sql<Record<string, unknown>>`
    select ${sql.join([...columns, 'local_seq'].map((c) => sql.ref(c)))} from ${sql.table(cursor.table)}
    where ${where} order by local_seq limit ${pageRows}`.execute(db);
  cursor.page = result.rows;
  cursor.done = result.rows.length < pageRows;
  const last = result.rows.at(-1);
  if (last) cursor.after = Number(last.local_seq);
}

/** Whose quarter gates an UP row at this node (SPEC [S2]), or undefined when it goes freely. */
function heldQuarter(table: SyncedTable, row: Record<string, unknown>, me: NodeIdentity): unknown {
  if (table === 'quarter_reception') return row.org_unit_code;
  return row.owner !== me.code && PERIOD_TABLES.has(table) ? row.owner : undefined;
}

function startsWith(column: string, prefix: string) {
  return sql<boolean>`substr(${sql.ref(column)}, 1, ${prefix.length}) = ${prefix}`;
}

/** Which rows of `table` the recipient should have, whatever their change (SPEC [S1], [S3]). */
function tableFilter(table: SyncedTable, me: NodeIdentity, recipient: Recipient) {
  const r = recipient.code;
  if (recipient.direction === 'up') return startsWith('owner', me.code);
  const notBelow = sql`not ${startsWith('owner', r)}`;
  if (table === 'org_unit' || table === 'org_unit_boundary' || table === 'indicator') {
    return sql`${notBelow} and owner = ${me.nationalCode}`;
  }
  if (table === 'aggregate_value') {
    return me.level === 'national'
      ? sql`${notBelow} and source = 'local' and owner = ${me.code}`
      : sql`${notBelow} and source = 'published' and owner = ${me.nationalCode}`;
  }
  if (table === 'document') {
    // Published documents of the sender or of a node above it.
    return sql`${notBelow} and substr(${me.code}, 1, length(owner)) = owner`;
  }
  // Quarter statuses (submissions, decisions, receptions) and notes of the recipient, of units
  // below it, or of units above it.
  return sql`${notBelow} and (${startsWith('org_unit_code', r)} or substr(${r}, 1, length(org_unit_code)) = org_unit_code)`;
}

/**
 * `owner|period` of the quarters whose latest submission this node decided `validated` (or
 * `consolidated`): the cercle quarters a region may forward (SPEC [S2]).
 */
export async function validatedQuarters(db: Kysely<Database>, decider: string): Promise<Set<string>> {
  const rows = await sql<{ owner: string; period: string }>`
    select s.owner as owner, s.period as period
    from quarter_submission s
    join quarter_decision d
      on d.org_unit_code = s.org_unit_code and d.period = s.period and d.submission_number = s.number
    where d.owner = ${decider}
      and d.decision in ('validated', 'consolidated')
      and s.number = (select max(number) from quarter_submission x
                      where x.org_unit_code = s.org_unit_code and x.period = s.period)`.execute(db);
  return new Set(rows.rows.map((r) => `${r.owner}|${r.period}`));
}

/**
 * Marks a quarter of one owner as due again without changing it (`updated_at = updated_at`
 * takes a new change-counter value): the workflow calls it when the CSR validates a cercle's
 * quarter, so its rows enter the next UP bundle to national (SPEC [S2]). It releases exactly
 * what the gate of `streamRowsFor` held back: the rows of every period-bound table
 * (`PERIOD_TABLES`: figures, officials, trainings, activities, submissions, documents) whose
 * owner is the cercle and whose period is the quarter, whatever unit they name, and the
 * region's receptions of that quarter. Partnerships carry no period and were never held back;
 * the region's other rows (decisions, notes) go freely. Run inside the caller's transaction;
 * returns the rows touched.
 */
export async function markQuarterDue(db: Kysely<Database>, owner: string, period: string): Promise<number> {
  let touched = 0;
  for (const table of PERIOD_TABLES) {
    const result = await sql`update ${sql.table(table)} set updated_at = updated_at
      where owner = ${owner} and period = ${period}`.execute(db);
    touched += Number(result.numAffectedRows ?? 0n);
  }
  const receptions = await sql`update quarter_reception set updated_at = updated_at
    where org_unit_code = ${owner} and period = ${period}`.execute(db);
  return touched + Number(receptions.numAffectedRows ?? 0n);
}
