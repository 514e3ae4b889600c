import { basename } from 'node:path';
import type { BundleLogEntry, Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/** The bundle log's statuses in French, as the pages and `oise status` say them. */
export const BUNDLE_LOG_STATUS_LABELS: Readonly<Record<BundleLogEntry['status'], string>> = {
  applied: 'appliqué',
  duplicate: 'déjà reçu',
  rejected: 'refusé',
  written: 'écrit',
};

/** Which lines of the log to read: all of them, or the refused bundles only. */
export type BundleLogFilter = 'all' | 'rejected';

/** One line of the bundle log, as a person reads it. */
export interface BundleLogItem {
  id: number;
  /** `in`: a bundle received here; `out`: one written here for a neighbour. */
  direction: 'in' | 'out';
  /** The file's name (an export logs its path in the outbox: only the name is kept here). */
  file: string;
  sender: string;
  recipient: string;
  sequence: number;
  status: BundleLogEntry['status'];
  /** Stable code of a refusal (`BUNDLE_BAD_SIGNATURE` …), null otherwise. */
  code: string | null;
  /** French reason of a refusal, without its code; null otherwise. */
  reason: string | null;
  quarters: string[];
  rows: number;
  bytes: number;
  at: string;
  /** False for a refusal that cannot be tied to a key enrolled here (« expéditeur inconnu »). */
  signed: boolean;
  /** The network address it came from (HTTP inbox, the pages' drop), null for a file. */
  remoteAddress: string | null;
}

/** One page of the log, newest first. */
export interface BundleLogPage {
  items: BundleLogItem[];
  /** Lines matching the filter, over every page. */
  total: number;
  /** 1-based, clamped to the pages there are. */
  page: number;
  pageCount: number;
  pageSize: number;
}

/** Per neighbour: what came from it (by status) and what was written for it. */
export interface BundleLogCounts {
  neighbour: string;
  applied: number;
  duplicate: number;
  rejected: number;
  written: number;
}

/**
 * Reads the bundle log page by page, newest first: every bundle received (applied, duplicate,
 * refused with its reason) and written here. A page number past the end gives the last page.
 */
export async function readBundleLog(
  db: Kysely<Database>,
  options: { filter?: BundleLogFilter; page?: number; pageSize?: number } = {},
): Promise<BundleLogPage> {
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 50));
  const filtered = () => {
    const q = db.selectFrom('bundle_log');
    return options.filter === 'rejected' ? q.where('status', '=', 'rejected') : q;
  };
  const { n } = await filtered()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(n);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pageCount);
  const rows = await filtered()
    .selectAll()
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      direction: r.direction,
      file: basename(r.file_name),
      sender: r.sender,
      recipient: r.recipient,
      sequence: r.sequence,
      status: r.status,
      ...splitReason(r.reason),
      quarters: r.quarters ? r.quarters.split(',') : [],
      rows: r.row_count,
      bytes: r.byte_size,
      at: r.at,
      signed: r.signed === 1,
      remoteAddress: r.remote_address,
    })),
    total,
    page,
    pageCount,
    pageSize,
  };
}

/**
 * The bundle log grouped by direction, sender, recipient, status and whether an enrolled key
 * signed it: how many lines, the highest sequence and the latest time of each group. The one
 * query behind `bundleLogCounts` (the pages) and `getBundleStatus` (`oise status`), so both
 * count alike.
 */
export async function groupedBundleLog(db: Kysely<Database>) {
  return db
    .selectFrom('bundle_log')
    .select((eb) => [
      'direction',
      'sender',
      'recipient',
      'status',
      'signed',
      eb.fn.countAll<number>().as('n'),
      eb.fn.max('sequence').as('last_sequence'),
      eb.fn.max('at').as('last_at'),
    ])
    .groupBy(['direction', 'sender', 'recipient', 'status', 'signed'])
    .execute();
}

/**
 * The log's counts per neighbour: bundles received from each sender (applied, duplicate,
 * refused) and bundles written for each recipient, in code order. A refusal not signed by the
 * key its sender is enrolled with (unreadable, forged, from a stranger) is counted under an
 * empty neighbour, « expéditeur inconnu », never under the code it claims (as `oise status`).
 */
export async function bundleLogCounts(db: Kysely<Database>): Promise<BundleLogCounts[]> {
  const grouped = await groupedBundleLog(db);
  const byCode = new Map<string, BundleLogCounts>();
  for (const g of grouped) {
    const neighbour = g.direction === 'out' ? g.recipient : g.signed === 1 ? g.sender : '';
    const counts = byCode.get(neighbour) ?? { neighbour, applied: 0, duplicate: 0, rejected: 0, written: 0 };
    counts[g.status] += Number(g.n);
    byCode.set(neighbour, counts);
  }
  return [...byCode.values()].sort((a, b) => a.neighbour.localeCompare(b.neighbour));
}

/** Ingest logs a refusal as `[CODE] message` (SPEC §5): the two apart. */
function splitReason(reason: string | null): { code: string | null; reason: string | null } {
  if (reason === null) return { code: null, reason: null };
  const match = /^\[([A-Z0-9_]+)\] ([\s\S]*)$/.exec(reason);
  return match ? { code: match[1] ?? null, reason: match[2] ?? '' } : { code: null, reason };
}
