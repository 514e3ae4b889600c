import { formatQuarterFr } from '@oise/core';
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

/** French sentence for a closed quarter, saying what to do. */
export function lockMessage(unit: string, period: string, lock: QuarterLock): string {
  const state =
    lock.status === 'submitted'
      ? `a été transmis (transmission n° ${lock.submissionNumber}) et attend la décision de la région`
      : lock.status === 'validated'
        ? 'a été validé par la région'
        : 'a été consolidé au niveau national';
  return `le trimestre ${formatQuarterFr(period)} de ${unit} ${state} : il est en lecture seule. Demandez au chargé de suivi régional de vous le renvoyer (oise quarter return) pour le modifier.`;
}
