import type { CellSaveResult } from '@oise/entry';

/** A cell's state as the page shows it, in words beside its colour (never by colour alone). */
export type CellState = CellSaveResult['state'];

export const CELL_STATE_LABELS: Record<CellState, string> = {
  saved: 'enregistré',
  warning: 'enregistré, à vérifier',
  refused: 'refusé, non enregistré',
  locked: 'verrouillé, non enregistré',
};

/** What the page says of one saved (or refused) cell, and what the cell shows now. */
export interface CellOutcome {
  state: CellState;
  /** « refusé, non enregistré : « 12 personnes » n'est pas un nombre… ». */
  text: string;
  shown: string;
}

/** Entry's messages start in lower case (they follow a place in a file); a sentence of its own does not. */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

export function cellOutcome(result: CellSaveResult): CellOutcome {
  const label = CELL_STATE_LABELS[result.state];
  const said = result.messages.map(sentence).join(' ');
  return { state: result.state, text: said ? `${label} : ${said}` : label, shown: result.shown };
}
