import { type Finding, OiseError, formatQuarter, makeFinding, parseQuarter } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { CLOSED_QUARTER_CODE, closedLineMessage } from './closed-quarter.js';
import { type EntryNode, loadEntryScope } from './entry-scope.js';
import { journalCount } from './journal.js';
import {
  type CheckedRecord,
  type RecordCell,
  type RecordInput,
  checkRecord,
  naturalId,
} from './record-check.js';
import { type RecordKind, isPeriodKind } from './record-kinds.js';
import { listRecords, readRecord } from './record-list.js';
import { writeRecords } from './record-store.js';

/** The file name findings of the pages carry (there is no file: the form is the place). */
const FORM_FILE = 'formulaire';

interface EditOptions {
  node: EntryNode;
  kind: RecordKind;
  now: string;
  /** The signed-in login, or the node's code (the default). */
  author?: string;
  /** Journaled with every change (default `web`). */
  channel?: string;
}

/**
 * What became of a record sent by a form: stored (`saved`, or `warning` when stored with a
 * remark), not stored because a field is wrong (`refused`) or its quarter is closed
 * (`locked`). Each finding's `column` names the field it is about ('' for the whole record).
 */
export interface RecordSaveResult {
  state: 'saved' | 'warning' | 'refused' | 'locked';
  /** The record's id once stored (a new record's is derived from its natural key). */
  id: string | undefined;
  written: 'inserted' | 'updated' | 'unchanged' | null;
  findings: Finding[];
}

function needsCercle(node: EntryNode) {
  if (node.level !== 'cercle')
    throw new OiseError(
      'TEMPLATE_NOT_CERCLE',
      `les listes (élus, formations, activités, partenariats) se saisissent sur le nœud d'un cercle (CCC) ; ce nœud est de niveau ${node.level}.`,
      { node: node.code },
    );
}

/**
 * Adds a record to a cercle's list (`id` absent, in `quarter`) or changes a stored one (`id`;
 * its quarter stays its own), with the very check of an import (`checkRecord`: required
 * fields, types and bounds, choices, the collectivity in the cercle, dates in order, the
 * quarter still open) and its write path (`writeRecords`: revision, journal with the author
 * and the channel, the row due to the region by its change counter). A record that would
 * repeat another of the list (same natural key: the same official, training or activity) is
 * refused. Nothing is written unless the record is accepted; then in one transaction.
 */
export async function saveRecord(
  db: Kysely<Database>,
  options: EditOptions & { id?: string; quarter?: string; values: Record<string, string> },
): Promise<RecordSaveResult> {
  const { node, kind } = options;
  needsCercle(node);
  const scope = await loadEntryScope(db, node, options.now);
  const stored = options.id ? await readRecord(db, { cercle: node.code, kind, id: options.id }) : undefined;
  const cells = new Map<string, RecordCell>();
  for (const f of kind.fields)
    if (f.type !== 'period') cells.set(f.column, { raw: options.values[f.column] ?? '', column: f.column });
  let period: string | undefined;
  if (isPeriodKind(kind)) {
    const given = stored ? String(stored.period) : options.quarter;
    if (!given)
      throw new OiseError('QUARTER_INVALID', 'le trimestre de la liste manque : écrivez par exemple 2025T1.');
    period = formatQuarter(parseQuarter(given));
    cells.set('period', { raw: period, column: 'period' });
  }
  const input: RecordInput = {
    kind,
    file: FORM_FILE,
    line: 1,
    cells,
    ...(options.id ? { id: { raw: options.id, column: 'id' } } : {}),
    ...(period ? { expectedQuarter: period } : {}),
    rejectRow: [],
    rejectKey: `${FORM_FILE}#1`,
  };
  const checked = await checkRecord(scope, input);
  if (checked.row) await refuseRepeat(db, node.code, kind, checked, options.now);
  const errors = checked.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0 || !checked.row)
    return {
      state: errors.some((f) => f.code === CLOSED_QUARTER_CODE) ? 'locked' : 'refused',
      id: options.id,
      written: null,
      findings: checked.findings,
    };
  const counts = await db.transaction().execute((trx) =>
    writeRecords(trx, kind, [checked], [], {
      owner: node.code,
      author: options.author ?? node.code,
      now: options.now,
      channelOf: () => options.channel ?? 'web',
    }),
  );
  return {
    state: checked.findings.length > 0 ? 'warning' : 'saved',
    id: checked.id,
    written: counts.inserted > 0 ? 'inserted' : counts.updated > 0 ? 'updated' : 'unchanged',
    findings: checked.findings,
  };
}

/**
 * Another record of the list that this one would repeat: a new record whose key is stored, or
 * a changed one that now reads like another. Refused as an import refuses two lines of the
 * same entry (`DUPLICATE_ROW`).
 */
async function refuseRepeat(
  db: Kysely<Database>,
  cercle: string,
  kind: RecordKind,
  checked: CheckedRecord,
  now: string,
) {
  const row = checked.row!;
  const list = await listRecords(db, { cercle, kind, quarter: String(row.period ?? ''), now });
  const key = naturalId(kind, row);
  const editing = checked.input.id !== undefined;
  const other = list.records.find(
    (r) => (!editing && r.id === checked.id) || (r.id !== checked.id && naturalId(kind, r as never) === key),
  );
  if (!other) return;
  checked.findings.push(
    makeFinding(
      { file: FORM_FILE, line: 1, column: kind.titleColumn },
      'error',
      'DUPLICATE_ROW',
      `cette entrée est déjà dans la liste (« ${String(other[kind.titleColumn] ?? other.id)} ») : modifiez celle-ci plutôt que d'en ajouter une seconde.`,
    ),
  );
  checked.row = undefined;
}

/** What became of a deletion: done (`deleted`), or refused because its quarter is closed (`locked`). */
export interface RecordDeleteResult {
  state: 'deleted' | 'locked';
  message: string | undefined;
}

/**
 * Deletes a record of the cercle's lists the way the workbook deletes an emptied row: a
 * tombstone (`deleted`, revision + 1) written by `writeRecords`, journaled with the author,
 * which the next package carries so the region's copy goes too. Refused while its quarter is
 * closed; `RECORD_NOT_FOUND` when no such record.
 */
export async function deleteRecord(
  db: Kysely<Database>,
  options: EditOptions & { id: string },
): Promise<RecordDeleteResult> {
  const { node, kind, id } = options;
  needsCercle(node);
  const stored = await readRecord(db, { cercle: node.code, kind, id });
  if (isPeriodKind(kind)) {
    const scope = await loadEntryScope(db, node, options.now);
    const period = String(stored.period);
    const lock = await scope.lockFor(node.code, period);
    if (lock) return { state: 'locked', message: await closedLineMessage(scope, period, lock) };
  }
  await db.transaction().execute(async (trx) => {
    const before = await journalCount(trx);
    await writeRecords(trx, kind, [], [{ id, file: FORM_FILE }], {
      owner: node.code,
      author: options.author ?? node.code,
      now: options.now,
      channelOf: () => options.channel ?? 'web',
    });
    if ((await journalCount(trx)) === before)
      throw new OiseError('RECORD_NOT_FOUND', `cette entrée (${id}) est déjà supprimée.`, {
        node: node.code,
      });
  });
  return { state: 'deleted', message: undefined };
}
