import type { NodeIdentity } from '@oise/node';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import type { BundleDirection } from './bundle-format.js';

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
