import type { Database } from '@oise/schema';
import { describeFeedback, feedbackForEntry } from '@oise/workflow';
import type { Kysely } from 'kysely';

/**
 * The lines the entry workbook opens with: the region's decision on the last quarter and this
 * one, with its reason, and the CSR's notes (`describeFeedback`, the words of `oise status`).
 * A return of this very quarter is left to the instructions' own alert, which says what to do.
 */
export async function regionFeedbackLines(
  db: Kysely<Database>,
  cercle: string,
  quarter: string,
): Promise<string[]> {
  const lines: string[] = [];
  for (const f of await feedbackForEntry(db, cercle, quarter)) {
    const { decision, note } = describeFeedback(f);
    const shownByAlert = f.period === quarter && f.status === 'returned';
    if (decision && !shownByAlert) lines.push(decision);
    if (note) lines.push(note);
  }
  return lines;
}
