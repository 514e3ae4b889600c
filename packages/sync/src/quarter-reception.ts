import type { NodeIdentity } from '@oise/node';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import type { BundleDirection, BundleManifest } from './bundle-format.js';
import { SYNCED_ADDITIONS, isSchemaBefore } from './schema-compat.js';

/** The migration that brought receptions: a sender before it never wrote any. */
const RECEPTION_SCHEMA = SYNCED_ADDITIONS.tables.quarter_reception?.since ?? '0005-quarter-reception';

/**
 * Records, as the receiver, when this node received its children's submissions: every
 * `quarter_submission` row of an UP bundle that is the sender's own (a cercle's at its region, a
 * region's at national, not the cercle rows a region forwards) gets a `quarter_reception` row
 * owned by this node, `received_at` = the time of the ingest. The first reception stays: a
 * submission sent again (a lost acknowledgement) keeps its first time. Run inside the ingest's
 * transaction; returns the receptions written.
 */
export async function recordReceptions(
  trx: Kysely<Database>,
  me: NodeIdentity,
  bundle: { sender: string; direction: BundleDirection },
  submissions: readonly Record<string, unknown>[],
  now: string,
): Promise<number> {
  if (bundle.direction !== 'up') return 0;
  const own = submissions.filter((s) => s.owner === bundle.sender && s.org_unit_code === bundle.sender);
  if (own.length === 0) return 0;
  const result = await trx
    .insertInto('quarter_reception')
    .values(
      own.map((s) => ({
        org_unit_code: String(s.org_unit_code),
        period: String(s.period),
        submission_number: Number(s.number),
        received_at: now,
        owner: me.code,
        revision: 1,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/**
 * The receptions a sender older than `0005-quarter-reception` never wrote (SPEC [C5]): its
 * bundle forwards its children's submissions (a region's cercles, at national) without the
 * region's reception of them. They are recorded as that sender's migration 0005 records them
 * once it is updated — owned by the sender, received at the submission time, the best known —
 * so timeliness here reads the same rows before and after the sender's update (the same key and
 * revision: the sender's own copy, when it comes, changes nothing). Only a direct child of the
 * sender in the territory this node holds; a reception already here stays.
 */
export async function recordSenderReceptions(
  trx: Kysely<Database>,
  bundle: Pick<BundleManifest, 'sender' | 'direction' | 'schemaVersion' | 'writer'>,
  submissions: readonly Record<string, unknown>[],
): Promise<number> {
  const writerSchema = bundle.writer?.schemaVersion ?? bundle.schemaVersion;
  if (bundle.direction !== 'up' || !isSchemaBefore(writerSchema, RECEPTION_SCHEMA)) return 0;
  const forwarded = submissions.filter(
    (s) => s.owner === s.org_unit_code && s.owner !== bundle.sender && typeof s.org_unit_code === 'string',
  );
  if (forwarded.length === 0) return 0;
  const children = new Set(
    (
      await trx
        .selectFrom('org_unit')
        .select('code')
        .where('parent_code', '=', bundle.sender)
        .where(
          'code',
          'in',
          forwarded.map((s) => String(s.org_unit_code)),
        )
        .execute()
    ).map((u) => u.code),
  );
  const rows = forwarded
    .filter((s) => children.has(String(s.org_unit_code)))
    .map((s) => ({
      org_unit_code: String(s.org_unit_code),
      period: String(s.period),
      submission_number: Number(s.number),
      received_at: String(s.submitted_at),
      owner: bundle.sender,
      revision: 1,
      updated_at: String(s.submitted_at),
    }));
  if (rows.length === 0) return 0;
  const result = await trx
    .insertInto('quarter_reception')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}
