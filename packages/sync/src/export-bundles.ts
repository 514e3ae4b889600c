import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OiseError } from '@oise/core';
import { type Node, fingerprintOf, getSetting, outboxFor, setSetting, trustedNeighbours } from '@oise/node';
import { type Database, SYNCED_TABLES, type SyncedTable } from '@oise/schema';
import type { Kysely } from 'kysely';
import { encodeBundle, writeFileAtomic } from './bundle-codec.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BUNDLE_SCHEMA_VERSION,
  type BundleDirection,
  bundleFileName,
} from './bundle-format.js';
import { selectRowsFor } from './should-have.js';
import { changeCounter, readPeer, writePeer } from './sync-peer.js';

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
}

/** One bundle written into `outbox/<recipient>/`. */
export interface WrittenBundle {
  recipient: string;
  direction: BundleDirection;
  file: string;
  sequence: number;
  rowCount: number;
  counts: Record<SyncedTable, number>;
  quarters: string[];
  bytes: number;
  /** The bundle carries only an acknowledgement. */
  ackOnly: boolean;
}

export interface ExportResult {
  written: WrittenBundle[];
  /** Neighbours with nothing to receive. */
  skipped: { recipient: string; direction: BundleDirection }[];
}

/**
 * Writes the next bundle for each enrolled, unrevoked neighbour that has rows to receive or an
 * acknowledgement due (SPEC §3–4): UP to the parent, DOWN to each child. Each bundle is
 * written atomically and logged (`bundle_log`, status `written`).
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
  for (const neighbour of neighbours) {
    const direction: BundleDirection = neighbour.relation === 'parent' ? 'up' : 'down';
    const written = await node.db.transaction().execute(async (trx) => {
      const peer = await readPeer(trx, neighbour.node_code);
      const to = await changeCounter(trx);
      const from = options.full ? 0 : Math.min(peer.acked_local_seq, to);
      const { rows, maxSeq } = await selectRowsFor(
        trx,
        node.identity,
        { code: neighbour.node_code, direction },
        { from, to },
      );
      // Unacknowledged rows go again, but only in a bundle that has something new to say: a
      // row changed since the last bundle to this neighbour, an acknowledgement due, or --full.
      const sentToKey = `sync.sent-to.${neighbour.node_code}`;
      const sentTo = Number((await getSetting(trx, sentToKey)) ?? 0);
      const fresh = rows.length > 0 && (options.full === true || maxSeq > sentTo);
      if (
        !fresh &&
        peer.ack_due === 0 &&
        !(rows.length > 0 && (await silentSince(trx, neighbour.node_code, options)))
      ) {
        return null;
      }
      const counts = Object.fromEntries(Object.keys(SYNCED_TABLES).map((t) => [t, 0])) as Record<
        SyncedTable,
        number
      >;
      const quarters = new Set<string>();
      for (const r of rows) {
        counts[r.table]++;
        if (typeof r.row.period === 'string') quarters.add(r.row.period);
      }
      const sequence = peer.last_sent_sequence + 1;
      const { bytes, manifest } = encodeBundle(
        {
          format: BUNDLE_FORMAT,
          formatVersion: BUNDLE_FORMAT_VERSION,
          schemaVersion: BUNDLE_SCHEMA_VERSION,
          sender: node.identity.code,
          senderLevel: node.identity.level,
          recipient: neighbour.node_code,
          direction,
          sequence,
          full: options.full === true,
          changes: { from, to },
          ack: { sequence: peer.applied_peer_sequence, localSeq: peer.applied_peer_seq },
          quarters: [...quarters].sort(),
          counts,
          rowCount: rows.length,
          createdAt: options.now,
        },
        rows,
        { privateKeyPath: node.paths.privateKey, keyFingerprint },
      );
      const folder = outboxFor(node.paths, neighbour.node_code);
      mkdirSync(folder, { recursive: true });
      const file = join(folder, bundleFileName(node.identity.code, neighbour.node_code, sequence));
      writeFileAtomic(file, bytes);
      await writePeer(trx, { ...peer, last_sent_sequence: sequence, ack_due: 0 }, options.now);
      await setSetting(trx, sentToKey, String(to));
      await trx
        .insertInto('bundle_log')
        .values({
          direction: 'out',
          file_name: file,
          sender: node.identity.code,
          recipient: neighbour.node_code,
          bundle_direction: direction,
          sequence,
          sha256: manifest.contentSha256,
          status: 'written',
          reason: null,
          quarters: manifest.quarters.join(','),
          row_count: rows.length,
          byte_size: bytes.length,
          at: options.now,
        })
        .execute();
      return {
        recipient: neighbour.node_code,
        direction,
        file,
        sequence,
        rowCount: rows.length,
        counts,
        quarters: manifest.quarters,
        bytes: bytes.length,
        ackOnly: rows.length === 0,
      } satisfies WrittenBundle;
    });
    if (written) result.written.push(written);
    else result.skipped.push({ recipient: neighbour.node_code, direction });
  }
  return result;
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
