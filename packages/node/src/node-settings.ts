import { DEFAULT_CALENDAR, type QuarterCalendar } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

export async function getSetting(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('node_setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function setSetting(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db
    .insertInto('node_setting')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** Stores several settings at once, in one transaction: all of them or none. */
export async function setSettings(
  db: Kysely<Database>,
  entries: readonly { key: string; value: string }[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const { key, value } of entries) await setSetting(trx, key, value);
  });
}

/** The node's quarter calendar: the design's defaults, overridden by `calendar.*` settings. */
export async function getCalendar(db: Kysely<Database>): Promise<QuarterCalendar> {
  const calendar = { ...DEFAULT_CALENDAR };
  for (const key of Object.keys(calendar) as (keyof QuarterCalendar)[]) {
    const value = await getSetting(db, `calendar.${key}`);
    if (value !== undefined && Number.isFinite(Number(value))) calendar[key] = Number(value);
  }
  return calendar;
}
