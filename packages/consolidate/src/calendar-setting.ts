import { DEFAULT_CALENDAR, type QuarterCalendar } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/**
 * The node's quarter calendar as `getCalendar` in @oise/node reads it (`calendar.*` settings over
 * the design's defaults). Read here only when the caller passes no calendar, so that timeliness
 * is the same whoever triggers a consolidation.
 */
export async function readCalendar(db: Kysely<Database>): Promise<QuarterCalendar> {
  const calendar = { ...DEFAULT_CALENDAR };
  const rows = await db
    .selectFrom('node_setting')
    .select(['key', 'value'])
    .where('key', 'like', 'calendar.%')
    .execute();
  for (const row of rows) {
    const key = row.key.slice('calendar.'.length) as keyof QuarterCalendar;
    if (key in calendar && Number.isFinite(Number(row.value))) calendar[key] = Number(row.value);
  }
  return calendar;
}

/** The code of the node whose database this is (`node_info`), or undefined for a bare database. */
export async function readNodeCode(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db.selectFrom('node_info').select('code').executeTakeFirst();
  return row?.code;
}
