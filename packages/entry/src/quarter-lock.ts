import type { Database, QuarterDecision } from '@oise/schema';
import type { Kysely } from 'kysely';

/** Why a cercle's quarter is closed to entry: its latest submission awaits or got a non-return decision. */
export interface QuarterLock {
  status: 'submitted' | 'validated' | 'consolidated';
  submissionNumber: number;
}

/**
 * Whether `unit`'s quarter is read-only. Open while never submitted or when the region's
 * decision on the latest submission is a return; closed otherwise (submitted and waiting,
 * validated, consolidated). The full status, with its history, is derived by @oise/workflow.
 */
export async function quarterLock(
  db: Kysely<Database>,
  unit: string,
  period: string,
): Promise<QuarterLock | undefined> {
  const latest = await latestDecision(db, unit, period);
  if (!latest || latest.decision?.decision === 'returned') return undefined;
  return { status: latest.decision?.decision ?? 'submitted', submissionNumber: latest.number };
}

/** The latest submission of `unit`'s quarter and the parent's decision on it, if any. */
export async function latestDecision(
  db: Kysely<Database>,
  unit: string,
  period: string,
): Promise<{ number: number; decision: QuarterDecision | undefined } | undefined> {
  const latest = await db
    .selectFrom('quarter_submission')
    .select('number')
    .where('org_unit_code', '=', unit)
    .where('period', '=', period)
    .orderBy('number', 'desc')
    .executeTakeFirst();
  if (!latest) return undefined;
  const decision = await db
    .selectFrom('quarter_decision')
    .selectAll()
    .where('org_unit_code', '=', unit)
    .where('period', '=', period)
    .where('submission_number', '=', latest.number)
    .orderBy('decided_at', 'desc')
    .executeTakeFirst();
  return { number: latest.number, decision };
}

/** French sentence for a closed quarter, saying what to do. */
export function lockMessage(unit: string, period: string, lock: QuarterLock): string {
  const state =
    lock.status === 'submitted'
      ? `a été transmis (transmission n° ${lock.submissionNumber}) et attend la décision de la région`
      : lock.status === 'validated'
        ? 'a été validé par la région'
        : 'a été consolidé au niveau national';
  return `le trimestre ${period} de ${unit} ${state} : il est en lecture seule. Demandez au chargé de suivi régional de vous le renvoyer (oise quarter return) pour le modifier.`;
}
