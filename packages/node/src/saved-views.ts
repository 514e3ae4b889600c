import { OiseError } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/** A dashboard view the node keeps (« vue enregistrée »): local, never synced. */
export interface SavedView {
  id: number;
  name: string;
  /** The dashboard's query string, without `?`. */
  query: string;
  author: string;
  createdAt: string;
}

const NAME_MAX = 80;
const QUERY_MAX = 2000;

/**
 * Saves a view of the dashboard under a name (trimmed, 1 to 80 characters) with its query string
 * (2 000 characters at most). A name already taken is refused (`SAVED_VIEW_NAME_TAKEN`), never
 * overwritten.
 */
export async function saveView(
  db: Kysely<Database>,
  view: { name: string; query: string; author: string; now: string },
): Promise<SavedView> {
  const name = view.name.trim().replace(/\s+/g, ' ');
  const query = view.query.replace(/^\?/, '');
  if (name.length === 0 || name.length > NAME_MAX || query.length > QUERY_MAX) {
    throw new OiseError(
      'SAVED_VIEW_INVALID',
      name.length === 0
        ? 'Donnez un nom à la vue (par exemple « Consultations par région »).'
        : name.length > NAME_MAX
          ? `Le nom de la vue a ${name.length} caractères : ${NAME_MAX} au plus.`
          : `L'adresse de la vue est trop longue (${query.length} caractères, ${QUERY_MAX} au plus) : choisissez moins de trimestres.`,
    );
  }
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('saved_view').select('id').where('name', '=', name).executeTakeFirst();
    if (taken) {
      throw new OiseError(
        'SAVED_VIEW_NAME_TAKEN',
        `Une vue s'appelle déjà « ${name} » : choisissez un autre nom, ou supprimez d'abord l'ancienne.`,
      );
    }
    const row = await trx
      .insertInto('saved_view')
      .values({ name, query, author: view.author, created_at: view.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, name, query, author: view.author, createdAt: view.now };
  });
}

/** The node's saved views, by name. */
export async function listSavedViews(db: Kysely<Database>): Promise<SavedView[]> {
  const rows = await db.selectFrom('saved_view').selectAll().orderBy('name').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    query: r.query,
    author: r.author,
    createdAt: r.created_at,
  }));
}

/** One saved view, or undefined. */
export async function getSavedView(db: Kysely<Database>, id: number): Promise<SavedView | undefined> {
  return (await listSavedViews(db)).find((v) => v.id === id);
}

/** Deletes a saved view; false when there was none of that id. */
export async function deleteSavedView(db: Kysely<Database>, id: number): Promise<boolean> {
  const r = await db.deleteFrom('saved_view').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
