import { formatQuarter, parseQuarter } from '@oise/core';
import type { Database, QuarterDecision, QuarterSubmission } from '@oise/schema';
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

type SubmissionRow = Pick<
  QuarterSubmission,
  'org_unit_code' | 'period' | 'number' | 'submitted_at' | 'submitted_by' | 'missing_count'
>;
type DecisionRow = Pick<
  QuarterDecision,
  | 'org_unit_code'
  | 'period'
  | 'submission_number'
  | 'decision'
  | 'reason'
  | 'decided_at'
  | 'decided_by'
  | 'revision'
>;

/** A return ranks before a validation before a consolidation when two decisions tie. */
const TIE_RANK: Record<DecisionRow['decision'], number> = { returned: 0, validated: 1, consolidated: 2 };

/** True when decision `a` counts over `b` (both on the same submission). */
function countsOver(a: DecisionRow, b: DecisionRow): boolean {
  if (a.decided_at !== b.decided_at) return a.decided_at > b.decided_at;
  if (a.revision !== b.revision) return a.revision > b.revision;
  return TIE_RANK[a.decision] < TIE_RANK[b.decision];
}

/**
 * The decision that counts on submission `submissionNumber` when several exist: the latest
 * `decided_at`; on a tie the higher revision, then a return before a validation before a
 * consolidation (the cautious reading: the cercle may still correct, nothing goes up). The
 * answer never depends on the order the rows come in (a bundle, a query).
 */
export function latestDecision<T extends DecisionRow>(
  decisions: readonly T[],
  submissionNumber: number,
): T | undefined {
  let best: T | undefined;
  for (const d of decisions)
    if (d.submission_number === submissionNumber && (!best || countsOver(d, best))) best = d;
  return best;
}

/** The status from a unit-quarter's submissions and decisions (any order, same answer). */
function deriveStatus(
  unit: string,
  period: string,
  submissions: SubmissionRow[],
  decisions: DecisionRow[],
): QuarterStatusInfo {
  const latest = submissions.reduce<SubmissionRow | undefined>(
    (a, b) => (!a || b.number > a.number ? b : a),
    undefined,
  );
  const returns = decisions.filter((d) => d.decision === 'returned');
  const lastReturned = Math.max(...returns.map((d) => d.submission_number));
  const lastReturn = latestDecision(returns, lastReturned);
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
  const d = latestDecision(decisions, latest.number);
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

/** The derived status of `unit`'s quarter. */
export async function quarterStatus(
  db: Kysely<Database>,
  unit: string,
  quarter: string,
): Promise<QuarterStatusInfo> {
  return (await quarterStatusesOf(db, [unit], quarter)).get(unit)!;
}

/**
 * Every unit and quarter with at least one submission, latest quarters first: two reads, so a
 * national node with ten years of every cercle answers at once.
 */
export async function listQuarterStatuses(db: Kysely<Database>): Promise<QuarterStatusInfo[]> {
  const key = (unit: string, period: string) => `${period}|${unit}`;
  const submissions = new Map<string, SubmissionRow[]>();
  const decisions = new Map<string, DecisionRow[]>();
  const group = <T extends { org_unit_code: string; period: string }>(map: Map<string, T[]>, row: T) => {
    const k = key(row.org_unit_code, row.period);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  };
  for (const s of await db.selectFrom('quarter_submission').selectAll().execute()) group(submissions, s);
  for (const d of await db.selectFrom('quarter_decision').selectAll().execute()) group(decisions, d);
  return [...submissions.entries()]
    .map(([k, rows]) => deriveStatus(rows[0]!.org_unit_code, rows[0]!.period, rows, decisions.get(k) ?? []))
    .sort((a, b) => b.period.localeCompare(a.period) || a.unit.localeCompare(b.unit));
}

/** The statuses of several units' quarter in two reads; a unit never submitted is `open`. */
export async function quarterStatusesOf(
  db: Kysely<Database>,
  units: readonly string[],
  quarter: string,
): Promise<Map<string, QuarterStatusInfo>> {
  const period = formatQuarter(parseQuarter(quarter));
  const submissions = units.length
    ? await db
        .selectFrom('quarter_submission')
        .selectAll()
        .where('period', '=', period)
        .where('org_unit_code', 'in', units)
        .execute()
    : [];
  const decisions = units.length
    ? await db
        .selectFrom('quarter_decision')
        .selectAll()
        .where('period', '=', period)
        .where('org_unit_code', 'in', units)
        .execute()
    : [];
  return new Map(
    units.map((unit) => [
      unit,
      deriveStatus(
        unit,
        period,
        submissions.filter((s) => s.org_unit_code === unit),
        decisions.filter((d) => d.org_unit_code === unit),
      ),
    ]),
  );
}

/** French name of a status. */
export const STATUS_LABELS: Record<QuarterState, string> = {
  open: 'ouvert',
  submitted: 'transmis',
  validated: 'validé',
  returned: 'renvoyé',
  consolidated: 'consolidé',
};
