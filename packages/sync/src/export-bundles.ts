import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OiseError, writeFileAtomic } from '@oise/core';
import { type Node, fingerprintOf, outboxFor, trustedNeighbours } from '@oise/node';
import type { Database, SyncedTable } from '@oise/schema';
import type { Kysely } from 'kysely';
import { BundleEncoder } from './bundle-codec.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleDirection,
  bundleFileName,
} from './bundle-format.js';
import { announced, logBundle } from './bundle-log.js';
import { type Recipient, hasRowsFor, streamRowsFor } from './should-have.js';
import { type PeerState, changeCounter, readPeer, writePeer } from './sync-peer.js';

export interface ExportOptions {
  now: string;
  /** Everything the neighbour should have, not only what changed since its acknowledgement. */
  full?: boolean;
  /** Only this neighbour. */
  to?: string;
  /**
   * Days after which rows a neighbour has still not acknowledged go again on their own, in
   * case the bundle was lost on the way (a USB key forgotten, an e-mail never sent). Default 7.
   */
  resendAfterDays?: number;
  /** Most rows in one bundle: more to send is split into several bundles (SPEC [B5]). Default 50 000. */
  maxRows?: number;
  /** A bundle is closed once its row lines pass this many bytes (uncompressed). Default 64 MiB. */
  maxBytes?: number;
  /** Called after each neighbour: `done` of `total` neighbours, and the one just handled. */
  onProgress?: (progress: { done: number; total: number; recipient: string }) => void;
}

/** Defaults of `maxRows` and `maxBytes`: a bundle stays far below the ingest limits (SPEC [V3]). */
export const DEFAULT_SPLIT = { maxRows: 50_000, maxBytes: 64 * 1024 * 1024 };

/** One bundle written into `outbox/<recipient>/`. */
export interface WrittenBundle {
  recipient: string;
  direction: BundleDirection;
  file: string;
  sequence: number;
  /** The sender's change-counter range the bundle covers (`from < local_seq ≤ to`). */
  changes: { from: number; to: number };
  rowCount: number;
  /** Rows per synced table, 0 included. */
  counts: Record<SyncedTable, number>;
  quarters: string[];
  /** The oldest schema that reads it (SPEC [C2]): newer than `READABLE_FROM` when it needs this version. */
  schemaVersion: string;
  bytes: number;
  /** The bundle carries only an acknowledgement. */
  ackOnly: boolean;
}

export interface ExportResult {
  /** Every bundle written, in sequence order (several per neighbour when split). */
  written: WrittenBundle[];
  /** Neighbours with nothing to receive. */
  skipped: { recipient: string; direction: BundleDirection }[];
}

/**
 * Writes the next bundles for each enrolled, unrevoked neighbour that has rows to receive or an
 * acknowledgement due (SPEC §3–4): UP to the parent, DOWN to each child. The rows are read in
 * change order by pages and encoded as they come; more than `maxRows` rows (or `maxBytes`) are
 * split into consecutive bundles, each covering a contiguous range of the change counter, each
 * signed and applicable alone. Each bundle is written atomically and logged (`bundle_log`,
 * status `written`).
 */
export async function exportBundles(node: Node, options: ExportOptions): Promise<ExportResult> {
  const neighbours = (await trustedNeighbours(node)).filter((k) => !options.to || k.node_code === options.to);
  if (options.to && neighbours.length === 0) {
    throw new OiseError(
      'EXPORT_UNKNOWN_RECIPIENT',
      `« ${options.to} » n'est pas un voisin enrôlé de ${node.identity.code} : enrôlez sa clé (oise enroll) ou vérifiez --to.`,
      { node: node.identity.code },
    );
  }
  const keyFingerprint = fingerprintOf(readFileSync(node.paths.publicKey, 'utf8'));
  const result: ExportResult = { written: [], skipped: [] };
  for (const [index, neighbour] of neighbours.entries()) {
    const recipient: Recipient = {
      code: neighbour.node_code,
      direction: neighbour.relation === 'parent' ? 'up' : 'down',
    };
    const written = await node.db
      .transaction()
      .execute((trx) => exportTo(trx, node, recipient, keyFingerprint, options));
    if (written.length > 0) result.written.push(...written);
    else result.skipped.push({ recipient: recipient.code, direction: recipient.direction });
    options.onProgress?.({
      done: index + 1,
      total: neighbours.length,
      recipient: recipient.code,
    });
  }
  return result;
}

/** The bundles for one neighbour, inside the export's transaction; none when nothing is due. */
async function exportTo(
  trx: Kysely<Database>,
  node: Node,
  recipient: Recipient,
  keyFingerprint: string,
  options: ExportOptions,
): Promise<WrittenBundle[]> {
  const peer = await readPeer(trx, recipient.code);
  const to = await changeCounter(trx);
  const from = options.full ? 0 : Math.min(peer.acked_local_seq, to);
  if (!(await isDue(trx, node, recipient, peer, { from, to }, options))) return [];

  const maxRows = Math.max(1, options.maxRows ?? DEFAULT_SPLIT.maxRows);
  const maxBytes = Math.max(1, options.maxBytes ?? DEFAULT_SPLIT.maxBytes);
  const folder = outboxFor(node.paths, recipient.code);
  mkdirSync(folder, { recursive: true });
  const written: WrittenBundle[] = [];
  let sequence = peer.last_sent_sequence;
  let encoder = new BundleEncoder();
  let start = from;
  let lastSeq = from;

  const close = async (end: number) => {
    sequence++;
    const { bytes, manifest } = encoder.finish(
      {
        format: BUNDLE_FORMAT,
        formatVersion: BUNDLE_FORMAT_VERSION,
        sender: node.identity.code,
        senderLevel: node.identity.level,
        recipient: recipient.code,
        direction: recipient.direction,
        sequence,
        full: options.full === true,
        changes: { from: start, to: end },
        ack: { sequence: peer.applied_peer_sequence, localSeq: peer.applied_peer_local_seq },
        createdAt: options.now,
      },
      { privateKeyPath: node.paths.privateKey, keyFingerprint },
    );
    const file = join(folder, bundleFileName(node.identity.code, recipient.code, sequence));
    writeFileAtomic(file, bytes);
    await logBundle(trx, {
      direction: 'out',
      file,
      status: 'written',
      reason: null,
      bundle: announced(manifest),
      sha256: manifest.contentSha256,
      bytes: bytes.length,
      at: options.now,
    });
    written.push({
      recipient: recipient.code,
      direction: recipient.direction,
      file,
      sequence,
      changes: manifest.changes,
      rowCount: manifest.rowCount,
      counts: { ...encoder.counts },
      quarters: manifest.quarters,
      schemaVersion: manifest.schemaVersion,
      bytes: bytes.length,
      ackOnly: manifest.rowCount === 0,
    });
    start = end;
    encoder = new BundleEncoder();
  };

  for await (const { seq, ...row } of streamRowsFor(trx, node.identity, recipient, { from, to })) {
    // A full bundle is closed when the next row comes: it ends at its own last change, the
    // next one starts there, so the ranges stay contiguous (SPEC [A2]).
    if (encoder.rowCount >= maxRows || encoder.contentBytes >= maxBytes) await close(lastSeq);
    encoder.add(row);
    lastSeq = seq;
  }
  // The last bundle reaches the counter, rows or not (an acknowledgement alone has none).
  await close(to);
  await writePeer(
    trx,
    { ...peer, last_sent_sequence: sequence, sent_to_local_seq: to, ack_due: 0 },
    options.now,
  );
  return written;
}

/**
 * Whether a bundle goes to this neighbour now (SPEC [S4]): a row it should have changed since
 * the last bundle to it (any row with --full), an acknowledgement due, or rows it has not
 * acknowledged while it already applied our latest bundle (one before it was lost: a gap) or
 * while nothing was written to it for `resendAfterDays`.
 */
async function isDue(
  trx: Kysely<Database>,
  node: Node,
  recipient: Recipient,
  peer: PeerState,
  range: { from: number; to: number },
  options: ExportOptions,
): Promise<boolean> {
  const { from, to } = range;
  const me = node.identity;
  const freshFrom = options.full ? 0 : Math.max(from, peer.sent_to_local_seq);
  if (await hasRowsFor(trx, me, recipient, { from: freshFrom, to })) return true;
  if (peer.ack_due !== 0) return true;
  if (!(await hasRowsFor(trx, me, recipient, { from, to }))) return false;
  const gap =
    peer.last_sent_sequence > 0 &&
    peer.peer_acked_sequence >= peer.last_sent_sequence &&
    peer.acked_local_seq < peer.sent_to_local_seq;
  return gap || (await silentSince(trx, recipient.code, options));
}

/** True when the last bundle written to `recipient` is older than the resend delay. */
async function silentSince(
  db: Kysely<Database>,
  recipient: string,
  options: ExportOptions,
): Promise<boolean> {
  const last = await db
    .selectFrom('bundle_log')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('direction', '=', 'out')
    .where('recipient', '=', recipient)
    .executeTakeFirst();
  if (!last?.at) return true;
  const days = options.resendAfterDays ?? 7;
  return Date.parse(options.now) - Date.parse(String(last.at)) >= days * 86_400_000;
}
