import { formatQuarter, parseQuarter } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/**
 * The status of a unit's quarter, derived from two kinds of rows with two owners: the unit's
 * numbered submissions and the parent's decisions on them.
 *
 *   open ──submit n──▶ submitted ──validate──▶ validated ──(national)──▶ consolidated
 *     ▲                   │
 *     └──── returned ◀────┘ return (reason)      returned ──submit n+1──▶ submitted
 *
 * Only the latest submission counts: a submission newer than the last decision reopens the
 * question (the quarter is `submitted` again until the parent decides on it).
 */
export type QuarterState = 'open' | 'submitted' | 'validated' | 'returned' | 'consolidated';

export interface QuarterStatusInfo {
  unit: string;
  period: string;
  status: QuarterState;
  /** Number of the latest submission (null while never submitted). */
  submissionNumber: number | null;
  submittedAt: string | null;
  submittedBy: string | null;
  missingCount: number | null;
  /** The decision on the latest submission, if any. */
  decision: {
    decision: 'validated' | 'returned' | 'consolidated';
    reason: string | null;
    decidedAt: string;
    decidedBy: string;
  } | null;
  /** The reason of the latest return (also after a new submission), for the next workbook. */
  returnedReason: string | null;
}

/** The derived status of `unit`'s quarter. */
export async function quarterStatus(
  db: Kysely<Database>,
  unit: string,
  quarter: string,
): Promise<QuarterStatusInfo> {
  const period = formatQuarter(parseQuarter(quarter));
  const submissions = await db
    .selectFrom('quarter_submission')
    .selectAll()
    .where('org_unit_code', '=', unit)
    .where('period', '=', period)
    .orderBy('number', 'desc')
    .execute();
  const decisions = await db
    .selectFrom('quarter_decision')
    .selectAll()
    .where('org_unit_code', '=', unit)
    .where('period', '=', period)
    .orderBy('submission_number', 'desc')
    .execute();
  const latest = submissions[0];
  const lastReturn = decisions.find((d) => d.decision === 'returned');
  const base = { unit, period, returnedReason: lastReturn?.reason ?? null };
  if (!latest)
    return {
      ...base,
      status: 'open',
      submissionNumber: null,
      submittedAt: null,
      submittedBy: null,
      missingCount: null,
      decision: null,
    };
  const d = decisions.find((x) => x.submission_number === latest.number);
  return {
    ...base,
    status: d ? d.decision : 'submitted',
    submissionNumber: latest.number,
    submittedAt: latest.submitted_at,
    submittedBy: latest.submitted_by,
    missingCount: latest.missing_count,
    decision: d
      ? { decision: d.decision, reason: d.reason, decidedAt: d.decided_at, decidedBy: d.decided_by }
      : null,
  };
}

/** Every unit and quarter with at least one submission, latest quarters first. */
export async function listQuarterStatuses(db: Kysely<Database>): Promise<QuarterStatusInfo[]> {
  const pairs = await db
    .selectFrom('quarter_submission')
    .select(['org_unit_code', 'period'])
    .distinct()
    .orderBy('period', 'desc')
    .orderBy('org_unit_code')
    .execute();
  const out: QuarterStatusInfo[] = [];
  for (const p of pairs) out.push(await quarterStatus(db, p.org_unit_code, p.period));
  return out;
}

/** French name of a status. */
export const STATUS_LABELS: Record<QuarterState, string> = {
  open: 'ouvert',
  submitted: 'transmis',
  validated: 'validé',
  returned: 'renvoyé',
  consolidated: 'consolidé',
};
