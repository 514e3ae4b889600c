import { type Finding, makeFinding, quarterLabel } from '@oise/core';
import { LOCK_WHAT_TO_DO, type QuarterLock, lockState } from '@oise/workflow';
import type { EntryScope } from './entry-scope.js';
import type { CheckedRecord } from './record-check.js';
import { RECORD_KINDS } from './record-kinds.js';
import { loadRecords } from './record-store.js';
import type { CheckedValue } from './value-row-check.js';

/** The code of every line refused because it would change a closed quarter. */
export const CLOSED_QUARTER_CODE = 'QUARTER_READ_ONLY';

/** A pre-filled record row the user emptied in a workbook: its stored row becomes a tombstone. */
export interface RemovedRecord {
  kind: string;
  id: string;
  file: string;
  sheet: string;
  line: number;
  period: string;
}

async function subject(scope: EntryScope, period: string): Promise<string> {
  const code = scope.node.code;
  const name = (await scope.hierarchyFor(period)).get(code)?.name;
  return `le ${quarterLabel(period)} de ${name ? `${name} (${code})` : code}`;
}

/** Why one line is refused: its quarter is closed (the motif of the rejects file). */
export async function closedLineMessage(
  scope: EntryScope,
  period: string,
  lock: QuarterLock,
): Promise<string> {
  return `${await subject(scope, period)} ${lockState(lock)} : il est en lecture seule. ${LOCK_WHAT_TO_DO}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

interface Place {
  sheet?: string | undefined;
  line?: number | undefined;
  column?: string;
}

function placeText(p: Place): string {
  const parts = [
    ...(p.sheet ? [`feuille « ${p.sheet} »`] : []),
    ...(p.line !== undefined ? [`ligne ${p.line}`] : []),
    ...(p.column ? [`colonne ${p.column}`] : []),
  ];
  return parts.join(', ');
}

/**
 * One finding per file and closed quarter (submitted, validated or consolidated), instead of one
 * per line: an error saying how much the file would change in it and what to do, or, when the
 * file changes nothing there, a warning saying so. Each line that would change the quarter
 * keeps its own `QUARTER_READ_ONLY` finding for the rejects file; the caller prints these
 * instead. Also returns the removals that may be applied (none in a closed quarter).
 */
export async function closedQuarterFindings(
  scope: EntryScope,
  values: CheckedValue[],
  records: CheckedRecord[],
  removed: RemovedRecord[],
): Promise<{ findings: Finding[]; removed: RemovedRecord[] }> {
  const groups = new Map<
    string,
    { file: string; period: string; lock: QuarterLock; changed: Place[]; unchanged: number }
  >();
  const groupOf = async (file: string, period: string) => {
    const lock = await scope.lockFor(scope.node.code, period);
    if (!lock) return undefined;
    const key = `${file}|${period}`;
    let g = groups.get(key);
    if (!g) {
      g = { file, period, lock, changed: [], unchanged: 0 };
      groups.set(key, g);
    }
    return g;
  };
  const note = async (
    file: string,
    period: string | undefined,
    findings: Finding[],
    place: Omit<Place, 'column'>,
  ) => {
    if (!period) return;
    const g = await groupOf(file, period);
    if (!g) return;
    const refusal = findings.find((f) => f.code === CLOSED_QUARTER_CODE);
    if (refusal) g.changed.push({ ...place, column: refusal.column });
    else g.unchanged++;
  };
  for (const v of values)
    await note(v.input.file, v.key?.period, v.findings, { sheet: v.input.sheet, line: v.input.line });
  for (const r of records)
    await note(r.input.file, r.period, r.findings, { sheet: r.input.sheet, line: r.input.line });

  const kept: RemovedRecord[] = [];
  for (const kind of RECORD_KINDS) {
    const mine = removed.filter((r) => r.kind === kind.kind);
    if (mine.length === 0) continue;
    const stored = await loadRecords(
      scope.db,
      kind,
      mine.map((r) => r.id),
    );
    for (const r of mine) {
      const g = await groupOf(r.file, r.period);
      if (!g) {
        kept.push(r);
        continue;
      }
      const row = stored.get(r.id);
      if (row && !row.deleted) g.changed.push({ sheet: r.sheet, line: r.line });
      else g.unchanged++;
    }
  }

  const findings: Finding[] = [];
  for (const g of groups.values()) {
    const who = await subject(scope, g.period);
    const state = lockState(g.lock);
    if (g.changed.length === 0) {
      findings.push(
        makeFinding(
          { file: g.file, column: '' },
          'warning',
          'QUARTER_READ_ONLY_UNCHANGED',
          `${who} ${state} : ce fichier n'y change rien (${plural(g.unchanged, 'saisie identique', 'saisies identiques')} à ce qui est enregistré).`,
        ),
      );
      continue;
    }
    const shown = g.changed.slice(0, 3).map(placeText).join(' ; ');
    const more = g.changed.length > 3 ? ` ; et ${g.changed.length - 3} autre(s)` : '';
    findings.push(
      makeFinding(
        { file: g.file, column: '' },
        'error',
        CLOSED_QUARTER_CODE,
        `${who} ${state} : il est en lecture seule, et ce fichier y change ${plural(g.changed.length, 'saisie', 'saisies')} (${shown}${more}). ${LOCK_WHAT_TO_DO} Sinon, remettez ce qui est enregistré (un nouveau classeur d'oise template le montre).`,
      ),
    );
  }
  return { findings, removed: kept };
}
