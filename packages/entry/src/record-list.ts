import { type Hierarchy, loadHierarchy } from '@oise/catalog';
import { OiseError, formatQuarter, parseQuarter, quarterLabel, quarterOf } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { type EntryReadOnly, entryReadOnly } from './entry-grid.js';
import { RECORD_LISTS, type RecordKind, isPeriodKind } from './record-kinds.js';
import { type StoredRecord, loadRecords } from './record-store.js';

/** A collectivity a record may name: the cercle's communes, then the cercle itself. */
export interface RecordUnit {
  code: string;
  /** « Baraoueli », « Cercle de Barouéli », as the territory spells them. */
  label: string;
}

/** One list of a cercle (its officials of a quarter, its partnerships…), as the pages show it. */
export interface RecordList {
  kind: RecordKind;
  cercle: { code: string; name: string };
  /** The quarter of the list; undefined for partnerships, which hold no period. */
  quarter: string | undefined;
  /** The collectivities a record of the list may name (the form's choices). */
  units: RecordUnit[];
  /** The stored records (no tombstones), by collectivity then title. */
  records: StoredRecord[];
  /** Why the list takes no change (the quarter submitted, validated, not begun). */
  readOnly: EntryReadOnly | undefined;
}

/** The cercle's collectivities in a territory: its communes, then the cercle itself. */
export function recordUnits(hierarchy: Hierarchy, cercle: string): RecordUnit[] {
  const units = hierarchy.descendantsAt(cercle, 'commune').map((u) => ({ code: u.code, label: u.name }));
  const c = hierarchy.get(cercle);
  if (c) units.push({ code: c.code, label: `Cercle de ${c.name}` });
  return units;
}

async function territoryOf(db: Kysely<Database>, cercle: string, quarter: string) {
  const hierarchy = await loadHierarchy(db, parseQuarter(quarter));
  const unit = hierarchy.get(cercle);
  if (!unit)
    throw new OiseError(
      'TEMPLATE_NO_TERRITORY',
      `le cercle ${cercle} est absent du territoire au ${quarterLabel(quarter)} : déposez le paquet descendant de la région (Paquets) avant la saisie.`,
      { node: cercle, quarter },
    );
  return { hierarchy, name: unit.name };
}

/**
 * A cercle's list of one kind: for officials, trainings and activities the records of
 * `quarter` (and whether the quarter takes changes); for partnerships every one (`quarter` is
 * not used). Readable on any node that holds the cercle's rows (the region reads what came up).
 */
export async function listRecords(
  db: Kysely<Database>,
  options: { cercle: string; kind: RecordKind; quarter: string; now: string },
): Promise<RecordList> {
  const { cercle, kind } = options;
  const periodKind = isPeriodKind(kind);
  const quarter = formatQuarter(periodKind ? parseQuarter(options.quarter) : quarterOf(options.now));
  const { hierarchy, name } = await territoryOf(db, cercle, quarter);
  const units = recordUnits(hierarchy, cercle);
  const table = kind.table as 'ccc_activity';
  let query = db
    .selectFrom(table)
    .selectAll()
    .where(
      'org_unit_code',
      'in',
      units.map((u) => u.code),
    )
    .where('deleted', '=', 0);
  if (periodKind) query = query.where('period', '=', quarter);
  const records = (await query.execute()) as unknown as StoredRecord[];
  const order = new Map(units.map((u, i) => [u.code, i]));
  const title = (r: StoredRecord) => String(r[kind.titleColumn] ?? '');
  records.sort(
    (a, b) =>
      (order.get(String(a.org_unit_code)) ?? 0) - (order.get(String(b.org_unit_code)) ?? 0) ||
      title(a).localeCompare(title(b), 'fr') ||
      a.id.localeCompare(b.id),
  );
  return {
    kind,
    cercle: { code: cercle, name },
    quarter: periodKind ? quarter : undefined,
    units,
    records,
    readOnly: periodKind ? await entryReadOnly(db, cercle, quarter, options.now) : undefined,
  };
}

/** How many records each of the four lists holds for a quarter (partnerships: all of them). */
export async function countRecords(
  db: Kysely<Database>,
  options: { cercle: string; quarter: string; now: string },
): Promise<{ kind: RecordKind; count: number }[]> {
  const out: { kind: RecordKind; count: number }[] = [];
  for (const kind of RECORD_LISTS)
    out.push({ kind, count: (await listRecords(db, { ...options, kind })).records.length });
  return out;
}

/**
 * One stored record of the cercle's lists by id: absent (`RECORD_NOT_FOUND`) when no such row,
 * when it names a collectivity outside the cercle, or when it was deleted.
 */
export async function readRecord(
  db: Kysely<Database>,
  options: { cercle: string; kind: RecordKind; id: string },
): Promise<StoredRecord> {
  const { cercle, kind, id } = options;
  const row = (await loadRecords(db, kind, [id])).get(id);
  const at = row && typeof row.period === 'string' ? parseQuarter(row.period) : undefined;
  const inCercle = row ? (await loadHierarchy(db, at)).isWithin(String(row.org_unit_code), cercle) : false;
  if (!row || row.deleted || !inCercle)
    throw new OiseError(
      'RECORD_NOT_FOUND',
      `cette entrée (${id}) n'est pas (ou plus) dans les listes du cercle ${cercle} : elle a peut-être été supprimée. Rouvrez la liste.`,
      { node: cercle },
    );
  return row;
}

/**
 * A stored record's fields as a form shows them to be typed again, each read back by the
 * record check to the same value: enumeration codes, « oui »/« non », ISO dates, decimals
 * with a comma, '' for an empty field.
 */
export function recordFormValues(kind: RecordKind, row: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of kind.fields) {
    const v = row[f.column];
    if (v === null || v === undefined) out[f.column] = '';
    else if (f.type === 'boolean') out[f.column] = v ? 'oui' : 'non';
    else if (f.type === 'number') out[f.column] = String(v).replace('.', ',');
    else out[f.column] = String(v);
  }
  return out;
}
