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

/**
 * The rows `recipient` should have among those with `from < local_seq ≤ to` (SPEC §3), in
 * change order, without `local_seq` (never sent), and the newest `local_seq` among them. Run it inside the export's transaction.
 */
export async function selectRowsFor(
  db: Kysely<Database>,
  me: NodeIdentity,
  recipient: Recipient,
  range: { from: number; to: number },
): Promise<{ rows: BundleRow[]; maxSeq: number }> {
  const out: BundleRow[] = [];
  let maxSeq = 0;
  const tables = recipient.direction === 'up' ? UP_TABLES : DOWN_TABLES;
  const validated = recipient.direction === 'up' ? await validatedQuarters(db, me.code) : new Set<string>();
  for (const table of tables) {
    const rows = await selectTable(db, table, me, recipient, range);
    for (const { local_seq, ...row } of rows) {
      if (recipient.direction === 'up' && row.owner !== me.code && PERIOD_TABLES.has(table)) {
        // A cercle's quarter goes up from the region only once the CSR validated it.
        if (!validated.has(`${row.owner}|${row.period}`)) continue;
      }
      if (table === 'aggregate_value' && me.level === 'national') row.source = 'published';
      out.push({ table, row });
      maxSeq = Math.max(maxSeq, Number(local_seq));
    }
  }
  return { rows: out, maxSeq };
}

function startsWith(column: string, prefix: string) {
  return sql<boolean>`substr(${sql.ref(column)}, 1, ${prefix.length}) = ${prefix}`;
}

async function selectTable(
  db: Kysely<Database>,
  table: SyncedTable,
  me: NodeIdentity,
  recipient: Recipient,
  range: { from: number; to: number },
): Promise<Record<string, unknown>[]> {
  const r = recipient.code;
  let where = sql`local_seq > ${range.from} and local_seq <= ${range.to}`;
  if (recipient.direction === 'up') {
    where = sql`${where} and ${startsWith('owner', me.code)}`;
  } else {
    where = sql`${where} and not ${startsWith('owner', r)}`;
    if (table === 'org_unit' || table === 'indicator') {
      where = sql`${where} and owner = ${me.nationalCode}`;
    } else if (table === 'aggregate_value') {
      where =
        me.level === 'national'
          ? sql`${where} and source = 'local' and owner = ${me.code}`
          : sql`${where} and source = 'published' and owner = ${me.nationalCode}`;
    } else if (table === 'document') {
      // Published documents of the sender or of a node above it.
      where = sql`${where} and substr(${me.code}, 1, length(owner)) = owner`;
    } else {
      // Quarter statuses and notes of the recipient, of units below it, or of units above it.
      where = sql`${where} and (${startsWith('org_unit_code', r)} or substr(${r}, 1, length(org_unit_code)) = org_unit_code)`;
    }
  }
  const { columns } = await tableShape(db, table);
  const result = await sql<Record<string, unknown>>`
    select ${sql.join([...columns, 'local_seq'].map((c) => sql.ref(c)))} from ${sql.table(table)}
    where ${where} order by local_seq`.execute(db);
  return result.rows;
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
 * takes a new change-counter value): call it when the CSR validates a cercle's quarter, so
 * its rows enter the next UP bundle to national (SPEC [S2]). Run inside the caller's transaction.
 */
export async function markQuarterDue(db: Kysely<Database>, owner: string, period: string): Promise<number> {
  let touched = 0;
  for (const table of PERIOD_TABLES) {
    const result = await sql`update ${sql.table(table)} set updated_at = updated_at
      where owner = ${owner} and period = ${period}`.execute(db);
    touched += Number(result.numAffectedRows ?? 0n);
  }
  return touched;
}
