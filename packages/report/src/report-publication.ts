import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/**
 * What the national node last published for a quarter: the change mark of the local
 * aggregates (quarter and year) its reports were made from. Kept in `report_publication`,
 * local to the node (never in a bundle).
 */
export interface ReportPublication {
  period: string;
  aggregatesMark: number;
}

/**
 * The change mark of a quarter's local aggregates, the quarter's and its year's: the highest
 * `local_seq` among them (0 when there is none). It grows whenever consolidation rewrites one.
 */
export async function aggregatesMark(db: Kysely<Database>, period: string): Promise<number> {
  const row = await db
    .selectFrom('aggregate_value')
    .select((eb) => eb.fn.max('local_seq').as('seq'))
    .where('source', '=', 'local')
    .where('period', 'in', [period, period.slice(0, 4)])
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** The last publication of a quarter, if it was ever published. */
export async function readPublication(
  db: Kysely<Database>,
  period: string,
): Promise<ReportPublication | undefined> {
  const row = await db
    .selectFrom('report_publication')
    .select(['period', 'aggregates_mark'])
    .where('period', '=', period)
    .executeTakeFirst();
  return row ? { period: row.period, aggregatesMark: row.aggregates_mark } : undefined;
}

/** Records that a quarter was published from the aggregates up to `aggregatesMark`. */
export async function recordPublication(db: Kysely<Database>, publication: ReportPublication): Promise<void> {
  await db
    .insertInto('report_publication')
    .values({ period: publication.period, aggregates_mark: publication.aggregatesMark })
    .onConflict((oc) => oc.column('period').doUpdateSet({ aggregates_mark: publication.aggregatesMark }))
    .execute();
}

/**
 * True when the quarter has local figures that no publication carries yet: never published,
 * or consolidation changed its aggregates since. False while it has no figures at all.
 */
export async function publicationDue(db: Kysely<Database>, period: string): Promise<boolean> {
  const mark = await aggregatesMark(db, period);
  if (mark === 0) return false;
  const last = await readPublication(db, period);
  return last === undefined || last.aggregatesMark < mark;
}

/** Every quarter this node published (`report_publication`), oldest first. */
export async function listPublications(db: Kysely<Database>): Promise<ReportPublication[]> {
  const rows = await db
    .selectFrom('report_publication')
    .select(['period', 'aggregates_mark'])
    .orderBy('period')
    .execute();
  return rows.map((r) => ({ period: r.period, aggregatesMark: r.aggregates_mark }));
}

/** A quarter national published, and when (its report documents' latest revision). */
export interface NationalPublication {
  period: string;
  publishedAt: string;
}

/**
 * The quarters national published, as any node knows them: those of the report documents
 * national registered at publication (`document` rows it owns; below national they come down
 * in bundles), oldest first, each with the date of its documents' latest revision. National's
 * aggregates come down for every quarter it consolidated, published or not: the documents
 * alone say which quarters were published.
 */
export async function nationalPublications(
  db: Kysely<Database>,
  nationalCode: string,
): Promise<NationalPublication[]> {
  const rows = await db
    .selectFrom('document')
    .select(['period', (eb) => eb.fn.max('updated_at').as('at')])
    .where('owner', '=', nationalCode)
    .where('deleted', '=', 0)
    .where('kind', '=', 'report-workbook')
    .groupBy('period')
    .orderBy('period')
    .execute();
  return rows.map((r) => ({ period: r.period, publishedAt: String(r.at) }));
}
