import type { BundleLogEntry, Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import type { BundleDirection } from './bundle-format.js';

/**
 * What a manifest says about its bundle, read defensively: a rejected bundle's manifest may be
 * missing or forged, so each field is null (or empty) unless it has the right type.
 */
export interface Announced {
  sender: string | null;
  recipient: string | null;
  direction: BundleDirection | null;
  sequence: number | null;
  quarters: string[];
  rowCount: number;
  contentSha256: string | null;
}

export function announced(manifest: unknown): Announced {
  const m = (typeof manifest === 'object' && manifest !== null ? manifest : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    sender: text(m.sender),
    recipient: text(m.recipient),
    direction: m.direction === 'up' || m.direction === 'down' ? m.direction : null,
    sequence: Number.isInteger(m.sequence) ? (m.sequence as number) : null,
    quarters: Array.isArray(m.quarters) ? m.quarters.map(String) : [],
    rowCount: Number.isInteger(m.rowCount) ? (m.rowCount as number) : 0,
    contentSha256: text(m.contentSha256),
  };
}

/** One `bundle_log` line: a bundle seen here (`in`) or written for a neighbour (`out`). */
export interface BundleLogLine {
  direction: 'in' | 'out';
  file: string;
  status: BundleLogEntry['status'];
  reason: string | null;
  bundle: Announced;
  /** The content hash, or the file's own when the manifest names none. */
  sha256: string;
  bytes: number;
  at: string;
  /** A refusal signed by a key enrolled here (applied, duplicate and written lines always are). */
  signed?: boolean;
  /** The network address a body came from (HTTP inbox, the pages' drop). */
  remoteAddress?: string | null;
}

/** Every bundle seen or written is one line of the bundle log (SPEC §5); unknown fields stay empty. */
export async function logBundle(db: Kysely<Database>, line: BundleLogLine): Promise<void> {
  const b = line.bundle;
  await db
    .insertInto('bundle_log')
    .values({
      direction: line.direction,
      file_name: line.file,
      sender: b.sender ?? '',
      recipient: b.recipient ?? '',
      // Empty when the manifest could not be read.
      bundle_direction: (b.direction ?? '') as BundleDirection,
      sequence: b.sequence ?? 0,
      sha256: line.sha256,
      status: line.status,
      reason: line.reason,
      quarters: b.quarters.join(','),
      row_count: b.rowCount,
      byte_size: line.bytes,
      at: line.at,
      signed: line.status !== 'rejected' || line.signed ? 1 : 0,
      remote_address: line.remoteAddress ?? null,
    })
    .execute();
}
