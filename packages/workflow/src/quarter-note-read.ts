import { formatQuarter, parseQuarter } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/** The CSR's note on a cercle's quarter, as the cercle and the region read it. */
export interface QuarterNoteView {
  unit: string;
  period: string;
  text: string;
  author: string;
  revision: number;
  updatedAt: string;
}

/** The note on `unit`'s quarter, or undefined while the region has written none. */
export async function readNote(
  db: Kysely<Database>,
  unit: string,
  quarter: string,
): Promise<QuarterNoteView | undefined> {
  return (await readNotes(db, [unit], quarter))[0];
}

/**
 * The notes on the quarter of each of `units` that has one, in the order of `units`: a region's
 * notes on its cercles, or at national the regions' notes on theirs as they arrived.
 */
export async function readNotes(
  db: Kysely<Database>,
  units: readonly string[],
  quarter: string,
): Promise<QuarterNoteView[]> {
  if (units.length === 0) return [];
  const period = formatQuarter(parseQuarter(quarter));
  const rows = await db
    .selectFrom('quarter_note')
    .select(['org_unit_code', 'period', 'text', 'author', 'revision', 'updated_at'])
    .where('org_unit_code', 'in', [...units])
    .where('period', '=', period)
    .execute();
  const byUnit = new Map(rows.map((r) => [r.org_unit_code, r]));
  return units.flatMap((unit) => {
    const row = byUnit.get(unit);
    return row
      ? [
          {
            unit,
            period: row.period,
            text: row.text,
            author: row.author,
            revision: row.revision,
            updatedAt: row.updated_at,
          },
        ]
      : [];
  });
}
