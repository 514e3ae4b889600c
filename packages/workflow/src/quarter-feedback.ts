import { MONTHS_FR, addQuarters, formatQuarter, parseQuarter, quarterLabel } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { type QuarterState, type QuarterStatusInfo, quarterStatusesOf } from './quarter-status.js';

/**
 * What the region told a cercle about one of its quarters: the decision on the latest
 * submission (validated, or returned with its reason) and the CSR's note. Both rows are the
 * region's (`quarter_decision`, `quarter_note`) and reach the cercle in the region's DOWN
 * bundles; the cercle reads them here for `oise status`, its next workbook and its report.
 */
export interface QuarterFeedback {
  unit: string;
  period: string;
  status: QuarterState;
  submissionNumber: number | null;
  decision: QuarterStatusInfo['decision'];
  note: { text: string; author: string; updatedAt: string } | null;
}

/** The region's decision and note on each of `quarters` of `unit` (a quarter without either is left out). */
export async function quarterFeedback(
  db: Kysely<Database>,
  unit: string,
  quarters: readonly string[],
): Promise<QuarterFeedback[]> {
  const periods = [...new Set(quarters.map((q) => formatQuarter(parseQuarter(q))))];
  if (periods.length === 0) return [];
  const notes = await db
    .selectFrom('quarter_note')
    .select(['period', 'author', 'text', 'updated_at'])
    .where('org_unit_code', '=', unit)
    .where('period', 'in', periods)
    .execute();
  const out: QuarterFeedback[] = [];
  for (const period of periods) {
    const status = (await quarterStatusesOf(db, [unit], period)).get(unit)!;
    const note = notes.find((n) => n.period === period);
    if (!status.decision && !note) continue;
    out.push({
      unit,
      period,
      status: status.status,
      submissionNumber: status.submissionNumber,
      decision: status.decision,
      note: note ? { text: note.text, author: note.author, updatedAt: note.updated_at } : null,
    });
  }
  return out;
}

/**
 * Every quarter of `unit` the region decided on or wrote a note about, latest first (at most
 * `limit`): what `oise status` shows at a cercle.
 */
export async function listQuarterFeedback(
  db: Kysely<Database>,
  unit: string,
  limit = 4,
): Promise<QuarterFeedback[]> {
  const rows = await db
    .selectFrom('quarter_decision')
    .select('period')
    .where('org_unit_code', '=', unit)
    .union(db.selectFrom('quarter_note').select('period').where('org_unit_code', '=', unit))
    .execute();
  const periods = [...new Set(rows.map((r) => r.period))].sort().reverse().slice(0, limit);
  return quarterFeedback(db, unit, periods);
}

/**
 * The feedback a new entry workbook of `quarter` opens with: the region's word on the quarter
 * before (how the last one went) and on this one (a return, a note), oldest first.
 */
export async function feedbackForEntry(
  db: Kysely<Database>,
  unit: string,
  quarter: string,
): Promise<QuarterFeedback[]> {
  const q = parseQuarter(quarter);
  return quarterFeedback(db, unit, [formatQuarter(addQuarters(q, -1)), formatQuarter(q)]);
}

/** « 5 avril 2025 » from an ISO time (Bamako keeps UTC all year). */
function dateFr(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  return `${day === 1 ? '1er' : day} ${MONTHS_FR[(month ?? 1) - 1]} ${year}`;
}

/** « 2025T1 », as users write quarters. */
function quarterFr(period: string): string {
  return period.replace('Q', 'T');
}

/**
 * The feedback in French, one line for the decision and one for the note, in the same words
 * wherever a cercle reads it (`oise status`, the entry workbook, the CCC report):
 * « 2025T1 (1er trimestre 2025) : validé par la région le 5 avril 2025 (transmission n° 1). »
 * « 2025T1 : renvoyé par la région le 5 avril 2025 (transmission n° 1) — motif : … »
 * « Note du CSR sur 2025T1 (ML04, 5 avril 2025) : … »
 */
export function describeFeedback(f: QuarterFeedback): { decision: string | null; note: string | null } {
  const head = `${quarterFr(f.period)} (${quarterLabel(f.period)})`;
  const number = f.submissionNumber !== null ? ` (transmission n° ${f.submissionNumber})` : '';
  let decision: string | null = null;
  const d = f.decision;
  if (d?.decision === 'validated' || d?.decision === 'consolidated')
    decision = `${head} : validé par la région le ${dateFr(d.decidedAt)}${number}.`;
  else if (d?.decision === 'returned')
    decision = `${head} : renvoyé par la région le ${dateFr(d.decidedAt)}${number} — motif : ${d.reason ?? 'non précisé'}`;
  else if (f.status === 'submitted')
    decision = `${head} : transmis${number}, en attente de la décision de la région.`;
  const note = f.note
    ? `Note du CSR sur ${quarterFr(f.period)} (${f.note.author}, ${dateFr(f.note.updatedAt)}) : ${f.note.text}`
    : null;
  return { decision, note };
}

/** « validé » / « renvoyé » …: the decision's word alone, for tables. */
export function decisionWord(f: QuarterFeedback): string {
  const d = f.decision?.decision;
  if (d === 'returned') return 'renvoyé';
  if (d === 'validated' || d === 'consolidated') return 'validé';
  return f.status === 'submitted' ? 'en attente' : 'aucune décision';
}
