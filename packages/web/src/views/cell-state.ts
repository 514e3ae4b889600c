import type { CellSaveResult } from '@oise/entry';
import { type Lang, text } from '../messages/lang.js';
import { saisieText } from '../messages/saisie.js';

/** A cell's state as the page shows it, in words beside its colour (never by colour alone). */
export type CellState = CellSaveResult['state'];

/** « enregistré », « refusé, non enregistré »… in the page's language. */
export function cellStateLabel(state: CellState, lang: Lang = 'fr'): string {
  const t = text(lang, saisieText);
  const labels: Record<CellState, string> = {
    saved: t.stateSaved,
    warning: t.stateWarning,
    refused: t.stateRefused,
    locked: t.stateLocked,
  };
  return labels[state];
}

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

/** The state's words, then entry's own (French) messages about the value. */
export function cellOutcome(result: CellSaveResult, lang: Lang = 'fr'): CellOutcome {
  const label = cellStateLabel(result.state, lang);
  const said = result.messages.map(sentence).join(' ');
  return {
    state: result.state,
    text: said ? text(lang, saisieText).said(label, said) : label,
    shown: result.shown,
  };
}
