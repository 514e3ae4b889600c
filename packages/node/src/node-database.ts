import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/*
 * What a node's database records about the node itself, never sent in a bundle: its code
 * (`node_info`, written once by `initNode`) and its change counter (`change_counter`, advanced by
 * the triggers of every synced table).
 */

/** The code of the node whose database this is, or undefined for a bare database. */
export async function getNodeCode(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db.selectFrom('node_info').select('code').executeTakeFirst();
  return row?.code;
}

/**
 * The node's change counter: the newest `local_seq` handed out. Sync exports what lies above a
 * neighbour's acknowledgement; consolidation recomputes what lies above its last pass.
 */
export async function changeCounter(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('change_counter').select('value').where('id', '=', 1).executeTakeFirst();
  return row?.value ?? 0;
}
