import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

export type QuarterState = 'open' | 'submitted' | 'validated' | 'returned' | 'consolidated';

export const QUARTER_STATE_LABELS: Record<QuarterState, string> = {
  open: 'Ouvert',
  submitted: 'Soumis',
  validated: 'Validé',
  returned: 'Renvoyé',
  consolidated: 'Consolidé',
};

/** A unit's quarter as its submissions and its parent's decisions make it. */
export interface UnitQuarterStatus {
  unit: string;
  state: QuarterState;
  submissionNumber: number | null;
  submittedAt: string | null;
  missingCount: number | null;
  decidedAt: string | null;
  reason: string | null;
}

/**
 * Derives each unit's quarter status from the two rows that make it (the unit's numbered
 * submission, the parent's decision on it): no submission = open; a submission newer than the
 * last decision = submitted; otherwise the decision on the latest submission.
 */
export async function quarterStatuses(
  db: Kysely<Database>,
  units: string[],
  period: string,
): Promise<Map<string, UnitQuarterStatus>> {
  const out = new Map<string, UnitQuarterStatus>();
  for (const unit of units)
    out.set(unit, {
      unit,
      state: 'open',
      submissionNumber: null,
      submittedAt: null,
      missingCount: null,
      decidedAt: null,
      reason: null,
    });
  if (units.length === 0) return out;
  const submissions = await db
    .selectFrom('quarter_submission')
    .selectAll()
    .where('period', '=', period)
    .where('org_unit_code', 'in', units)
    .orderBy('number')
    .execute();
  for (const s of submissions) {
    const st = out.get(s.org_unit_code)!;
    Object.assign(st, {
      state: 'submitted',
      submissionNumber: s.number,
      submittedAt: s.submitted_at,
      missingCount: s.missing_count,
      decidedAt: null,
      reason: null,
    });
  }
  const decisions = await db
    .selectFrom('quarter_decision')
    .selectAll()
    .where('period', '=', period)
    .where('org_unit_code', 'in', units)
    .orderBy('submission_number')
    .orderBy('decided_at')
    .execute();
  for (const d of decisions) {
    const st = out.get(d.org_unit_code)!;
    if (st.submissionNumber !== d.submission_number) continue;
    st.state = d.decision;
    st.decidedAt = d.decided_at;
    st.reason = d.reason;
  }
  return out;
}
