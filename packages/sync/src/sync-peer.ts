import type { Database, SyncPeer } from '@oise/schema';
import type { Kysely } from 'kysely';
import type { SeqRange } from './ack-ranges.js';

/**
 * What this node has exchanged with one neighbour: its `sync_peer` row (zeros when new), the
 * one home of sync's bookkeeping. Two numberings, never mixed:
 * - `…_sequence`: bundle sequence numbers (`last_sent_sequence` and `peer_acked_sequence` are
 *   ours, `applied_peer_sequence` the peer's);
 * - `…_local_seq`: change-counter values (`acked_local_seq` and `sent_to_local_seq` are ours,
 *   `applied_peer_local_seq` and the `applied_ahead` ranges the peer's).
 */
export interface PeerState extends Omit<SyncPeer, 'updated_at' | 'applied_ahead'> {
  /** Ranges of the peer's changes applied here beyond `applied_peer_local_seq` (SPEC [A3]). */
  applied_ahead: SeqRange[];
}

export async function readPeer(db: Kysely<Database>, code: string): Promise<PeerState> {
  const row = await db.selectFrom('sync_peer').selectAll().where('peer_code', '=', code).executeTakeFirst();
  if (!row) {
    return {
      peer_code: code,
      last_sent_sequence: 0,
      acked_local_seq: 0,
      applied_peer_sequence: 0,
      applied_peer_local_seq: 0,
      ack_due: 0,
      peer_acked_sequence: 0,
      sent_to_local_seq: 0,
      applied_ahead: [],
    };
  }
  const { updated_at, applied_ahead, ...state } = row;
  return { ...state, applied_ahead: parseRanges(applied_ahead) };
}

export async function writePeer(db: Kysely<Database>, state: PeerState, now: string): Promise<void> {
  const { peer_code, ...rest } = state;
  const values = { ...rest, applied_ahead: JSON.stringify(state.applied_ahead), updated_at: now };
  await db
    .insertInto('sync_peer')
    .values({ peer_code, ...values })
    .onConflict((oc) => oc.column('peer_code').doUpdateSet(values))
    .execute();
}

/** The stored ranges; anything unreadable counts as none (the gap is then simply resent). */
function parseRanges(text: string): SeqRange[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (r): r is [number, number] =>
        Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]) && r[0] < r[1],
    );
  } catch {
    return [];
  }
}

/** The node's change counter, kept by @oise/node (one reading for sync and consolidation). */
export { changeCounter } from '@oise/node';
