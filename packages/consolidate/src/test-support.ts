import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/** A raw value for tests: indicator × commune × quarter × category. */
export interface RawValue {
  unit: string;
  indicator: string;
  period: string;
  category?: string;
  value: number | null;
  text?: string;
}

/** Stores raw values as a cercle's entry would (owner = the commune's cercle). Test support only. */
export async function insertValues(
  db: Kysely<Database>,
  values: RawValue[],
  now = '2025-04-05T10:00:00.000Z',
) {
  for (let i = 0; i < values.length; i += 500) {
    await db
      .insertInto('data_value')
      .values(
        values.slice(i, i + 500).map((v) => ({
          org_unit_code: v.unit,
          indicator_code: v.indicator,
          period: v.period,
          category: v.category ?? '',
          value: v.value,
          value_text: v.text ?? null,
          comment: null,
          author: 'test',
          channel: 'test',
          owner: v.unit.slice(0, 6),
          revision: 1,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['org_unit_code', 'indicator_code', 'period', 'category']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          value_text: eb.ref('excluded.value_text'),
          deleted: 0,
          revision: eb(eb.ref('data_value.revision'), '+', 1),
        })),
      )
      .execute();
  }
}

/**
 * Records a cercle's submission of a quarter and its reception by the region (at `receivedAt`,
 * by default the submission time), as the region's ingest would. Test support only.
 */
export async function insertSubmission(
  db: Kysely<Database>,
  cercle: string,
  period: string,
  submittedAt: string,
  number = 1,
  receivedAt = submittedAt,
) {
  await db
    .insertInto('quarter_submission')
    .values({
      org_unit_code: cercle,
      period,
      number,
      submitted_at: submittedAt,
      submitted_by: 'test',
      missing_count: 0,
      owner: cercle,
      revision: 1,
      updated_at: submittedAt,
    })
    .execute();
  await db
    .insertInto('quarter_reception')
    .values({
      org_unit_code: cercle,
      period,
      submission_number: number,
      received_at: receivedAt,
      owner: cercle.slice(0, 4),
      revision: 1,
      updated_at: receivedAt,
    })
    .execute();
}

/** Local aggregates, sorted, for comparing two consolidations. Test support only. */
export async function localAggregates(db: Kysely<Database>) {
  return db
    .selectFrom('aggregate_value')
    .select([
      'indicator_code',
      'org_unit_code',
      'period',
      'category',
      'value',
      'numerator',
      'denominator',
      'reporting',
      'expected',
      'on_time',
      'revision',
    ])
    .where('source', '=', 'local')
    .orderBy('indicator_code')
    .orderBy('org_unit_code')
    .orderBy('period')
    .orderBy('category')
    .execute();
}
