import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { storedValueText } from './entry-grid.js';
import { type EntryNode, loadEntryScope } from './entry-scope.js';
import { journalCount } from './journal.js';
import { checkValues } from './value-checks.js';
import type { ValueInput } from './value-input.js';
import { hasError } from './value-row-check.js';
import { writeValues } from './value-store.js';

/** One cell as the entry page sends it: the figure's key and the text typed ('' empties the cell). */
export interface CellEdit {
  unit: string;
  indicator: string;
  period: string;
  /** 'F', 'M', or '' for the total. */
  category: string;
  raw: string;
}

/**
 * What became of a cell, as DHIS2's entry screen shows it: stored (`saved`), stored but unusual
 * (`warning`), not stored because the value is wrong (`refused`) or the quarter is closed
 * (`locked`). `messages` are entry's French findings, saying what to do.
 */
export interface CellSaveResult {
  edit: CellEdit;
  state: 'saved' | 'warning' | 'refused' | 'locked';
  written: 'inserted' | 'updated' | 'deleted' | 'unchanged' | null;
  codes: string[];
  messages: string[];
  /** What the cell shows now: the stored figure as typed back (`1 234` → `1234`), or the refused text. */
  shown: string;
}

export interface CellSaveOptions {
  node: EntryNode;
  cells: CellEdit[];
  now: string;
  /** The signed-in login, or the node's code (the default). */
  author?: string;
  /** Journaled with every change (default `web`). */
  channel?: string;
}

/**
 * Saves cells typed in the entry page with the very checks of an import (value type, bounds,
 * the commune inside the cercle, the quarter still open, F + M = total, a part never above its
 * whole on the stored figures overlaid by these, outliers against the commune's history) and
 * its write path (revisions, journal with the author and the channel `web`). A refused cell is
 * not stored; the others are, in one transaction; a warning is stored and said. An empty cell
 * deletes the stored figure (tombstone), as emptying a pre-filled workbook cell does.
 */
export async function saveCellValues(
  db: Kysely<Database>,
  options: CellSaveOptions,
): Promise<{ results: CellSaveResult[]; journalRows: number }> {
  const { node } = options;
  const channel = options.channel ?? 'web';
  const scope = await loadEntryScope(db, node, options.now);
  const inputs: ValueInput[] = options.cells.map((edit, i) => ({
    file: 'saisie',
    line: i + 1,
    columns: { orgUnit: '', indicator: '', period: '', category: '', value: '', comment: '' },
    orgUnit: edit.unit,
    indicator: edit.indicator,
    period: edit.period,
    category: edit.category,
    raw: edit.raw,
    comment: undefined,
    clear: edit.raw.trim() === '',
    rejectRow: [],
    rejectKey: `saisie#${i + 1}`,
  }));
  const { checked, stored } = await checkValues(scope, inputs);
  const results: CellSaveResult[] = checked.map((c, i) => {
    const errors = c.findings.filter((f) => f.severity === 'error');
    const locked = errors.some((f) => f.code === 'QUARTER_READ_ONLY');
    const shown = (options.cells[i]?.raw ?? '').trim();
    return {
      edit: options.cells[i]!,
      state: locked ? 'locked' : errors.length > 0 ? 'refused' : c.findings.length > 0 ? 'warning' : 'saved',
      written: null,
      codes: c.findings.map((f) => f.code),
      messages: c.findings.map((f) => f.message),
      shown,
    };
  });
  let journalRows = 0;
  const accepted = checked.map((c, i) => ({ c, i })).filter(({ c }) => c.key && !hasError(c));
  if (accepted.length > 0) {
    const who = {
      owner: node.code,
      author: options.author ?? node.code,
      now: options.now,
      channelOf: () => channel,
    };
    await db.transaction().execute(async (trx) => {
      const before = await journalCount(trx);
      for (const { c, i } of accepted) {
        const counts = await writeValues(trx, [c], stored, who);
        const result = results[i]!;
        result.written =
          counts.inserted > 0
            ? 'inserted'
            : counts.updated > 0
              ? 'updated'
              : counts.deleted > 0
                ? 'deleted'
                : 'unchanged';
        const valueType = scope.catalog.get(c.key!.indicator)!.valueType;
        result.shown = c.input.clear ? '' : (storedValueText(valueType, c.value, c.valueText) ?? '');
      }
      journalRows = (await journalCount(trx)) - before;
    });
  }
  return { results, journalRows };
}

/** One cell of the entry page, saved as `saveCellValues` saves many. */
export async function saveCellValue(
  db: Kysely<Database>,
  options: Omit<CellSaveOptions, 'cells'> & { cell: CellEdit },
): Promise<CellSaveResult> {
  const { cell, ...rest } = options;
  const { results } = await saveCellValues(db, { ...rest, cells: [cell] });
  return results[0]!;
}
