import { listIndicators, loadHierarchy } from '@oise/catalog';
import {
  OiseError,
  compareQuarters,
  formatQuarter,
  formatQuarterFr,
  parseQuarter,
  quarterLabel,
  quarterOf,
} from '@oise/core';
import { STATUS_LABELS, quarterStatus } from './quarter-status.js';
import { type BlockingFinding, type MissingEntry, checkStoredQuarter } from './stored-quarter-check.js';
import type { ActionOptions, WorkflowNode } from './workflow-node.js';

export interface SubmitResult {
  unit: string;
  period: string;
  submitted: boolean;
  /** The new submission's number (1, then 2 after a return …); null when refused. */
  number: number | null;
  /** What forbids submitting; empty when submitted. */
  blocking: BlockingFinding[];
  /** Entries expected but missing (a cercle: commune × indicator; a region: cercles not validated). */
  missing: MissingEntry[];
  missingCount: number;
  expected: number;
}

/** What submitting the quarter now would meet: why it may not go at all, or what blocks it, and what is missing. */
export interface SubmissionCheck {
  unit: string;
  period: string;
  /** Why the quarter cannot be submitted whatever its figures (national, not begun, already submitted); French. */
  refusal: OiseError | undefined;
  /** The stored figures that forbid submitting (a cercle); empty when refused. */
  blocking: BlockingFinding[];
  /** Entries expected but missing (a cercle: commune × indicator; a region: cercles not validated). */
  missing: MissingEntry[];
  expected: number;
  /** The latest submission's number (null before the first). */
  submissionNumber: number | null;
}

/**
 * The checks of `submitQuarter`, without writing: the node may submit this quarter (not
 * national, begun, not awaiting or past a decision other than a return), then, at a cercle,
 * the stored figures re-checked (`checkStoredQuarter`) and the missing entries; at a region,
 * the cercles not validated. The page shows it before its « Transmettre le trimestre » button.
 */
export async function checkSubmission(
  node: WorkflowNode,
  quarter: string,
  options: { now: string },
): Promise<SubmissionCheck> {
  const { db, identity } = node;
  const q = parseQuarter(quarter);
  const period = formatQuarter(q);
  const check: SubmissionCheck = {
    unit: identity.code,
    period,
    refusal: undefined,
    blocking: [],
    missing: [],
    expected: 0,
    submissionNumber: null,
  };
  if (identity.level === 'national')
    return {
      ...check,
      refusal: new OiseError(
        'SUBMIT_NOT_ALLOWED',
        'le niveau national ne transmet pas de trimestre : il consolide (oise consolidate).',
        { node: identity.code },
      ),
    };
  if (compareQuarters(q, quarterOf(options.now)) > 0)
    return {
      ...check,
      refusal: new OiseError(
        'QUARTER_FUTURE',
        `le ${quarterLabel(q)} n'est pas encore commencé : il ne peut pas être transmis.`,
        { quarter: period },
      ),
    };
  const status = await quarterStatus(db, identity.code, period);
  check.submissionNumber = status.submissionNumber;
  if (status.status === 'submitted' || status.status === 'validated' || status.status === 'consolidated')
    return {
      ...check,
      refusal: new OiseError(
        'QUARTER_ALREADY_SUBMITTED',
        `le trimestre ${formatQuarterFr(period)} de ${identity.code} est déjà ${STATUS_LABELS[status.status]} (transmission n° ${status.submissionNumber}) : il ne peut être transmis de nouveau qu'après un renvoi de la région.`,
        { node: identity.code, quarter: period },
      ),
    };
  const hierarchy = await loadHierarchy(db, q);
  if (identity.level === 'cercle') {
    const stored = await checkStoredQuarter(db, await listIndicators(db), hierarchy, identity.code, period);
    return { ...check, ...stored };
  }
  const cercles = hierarchy.childrenOf(identity.code).filter((u) => u.level === 'cercle');
  for (const c of cercles)
    if ((await quarterStatus(db, c.code, period)).status !== 'validated')
      check.missing.push({ orgUnit: c.code, indicator: null });
  return { ...check, expected: cercles.length };
}

/**
 * Submits the node's own quarter: a cercle's figures (re-checked first: any blocking finding
 * refuses the submission and is returned), or a region's forwarding of its cercles. Writes
 * submission n + 1 with the count of missing entries; a quarter may go incomplete, never with a
 * refused value. Refused while the latest submission awaits or got a decision other than a return.
 */
export async function submitQuarter(
  node: WorkflowNode,
  quarter: string,
  options: ActionOptions,
): Promise<SubmitResult> {
  const { db, identity } = node;
  const check = await checkSubmission(node, quarter, options);
  if (check.refusal) throw check.refusal;
  const { period, blocking, missing, expected } = check;
  const result: SubmitResult = {
    unit: identity.code,
    period,
    submitted: false,
    number: null,
    blocking,
    missing,
    missingCount: missing.length,
    expected,
  };
  if (blocking.length > 0) return result;
  const number = (check.submissionNumber ?? 0) + 1;
  await db
    .insertInto('quarter_submission')
    .values({
      org_unit_code: identity.code,
      period,
      number,
      submitted_at: options.now,
      submitted_by: options.author ?? identity.code,
      missing_count: missing.length,
      owner: identity.code,
      revision: 1,
      updated_at: options.now,
    })
    .execute();
  return { ...result, submitted: true, number };
}
