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
  const period = formatQuarter(parseQuarter(quarter));
  const row = await db
    .selectFrom('quarter_note')
    .select(['org_unit_code', 'period', 'text', 'author', 'revision', 'updated_at'])
    .where('org_unit_code', '=', unit)
    .where('period', '=', period)
    .executeTakeFirst();
  return row
    ? {
        unit: row.org_unit_code,
        period: row.period,
        text: row.text,
        author: row.author,
        revision: row.revision,
        updatedAt: row.updated_at,
      }
    : undefined;
}
