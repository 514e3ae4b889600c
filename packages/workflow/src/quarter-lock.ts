import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { type QuarterStatusInfo, quarterStatus } from './quarter-status.js';

/** Why a unit's quarter is closed to entry: its latest submission awaits or got a non-return decision. */
export interface QuarterLock {
  status: 'submitted' | 'validated' | 'consolidated';
  submissionNumber: number;
}

/**
 * The lock a quarter status implies: open while never submitted or when the decision on the
 * latest submission is a return; closed otherwise (submitted and waiting, validated, consolidated).
 */
export function lockOf(status: QuarterStatusInfo): QuarterLock | undefined {
  if (status.status === 'open' || status.status === 'returned' || status.submissionNumber === null)
    return undefined;
  return { status: status.status, submissionNumber: status.submissionNumber };
}

/** Whether `unit`'s quarter is read-only for entry, from the one status derivation. */
export async function quarterLock(
  db: Kysely<Database>,
  unit: string,
  period: string,
): Promise<QuarterLock | undefined> {
  return lockOf(await quarterStatus(db, unit, period));
}

/** Why the quarter is closed, in French: « a été validé par la région »… */
export function lockState(lock: QuarterLock): string {
  switch (lock.status) {
    case 'submitted':
      return `a été transmis à la région (transmission n° ${lock.submissionNumber}) et attend sa décision`;
    case 'validated':
      return 'a été validé par la région';
    case 'consolidated':
      return 'a été consolidé au niveau national';
  }
}

/** What the CCC does to change a closed quarter. */
export const LOCK_WHAT_TO_DO =
  'Pour le modifier, demandez au chargé de suivi régional de vous le renvoyer (oise quarter return).';
