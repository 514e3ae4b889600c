import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/** What this node has exchanged with one neighbour (the `sync_peer` row, zeros when new). */
export interface PeerState {
  peer_code: string;
  last_sent_sequence: number;
  acked_local_seq: number;
  applied_peer_sequence: number;
  applied_peer_seq: number;
  ack_due: number;
  peer_acked_sequence: number;
}

export async function readPeer(db: Kysely<Database>, code: string): Promise<PeerState> {
  const row = await db.selectFrom('sync_peer').selectAll().where('peer_code', '=', code).executeTakeFirst();
  return (
    row ?? {
      peer_code: code,
      last_sent_sequence: 0,
      acked_local_seq: 0,
      applied_peer_sequence: 0,
      applied_peer_seq: 0,
      ack_due: 0,
      peer_acked_sequence: 0,
    }
  );
}

export async function writePeer(db: Kysely<Database>, state: PeerState, now: string): Promise<void> {
  const { peer_code, ...values } = state;
  await db
    .insertInto('sync_peer')
    .values({ ...state, updated_at: now })
    .onConflict((oc) => oc.column('peer_code').doUpdateSet({ ...values, updated_at: now }))
    .execute();
}

/** The node's change counter, kept by @oise/node (one reading for sync and consolidation). */
export { changeCounter } from '@oise/node';
