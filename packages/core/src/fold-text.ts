/**
 * Folds a text for comparison and search: accents removed (NFD, combining marks dropped) and
 * lower case, so « Ségou », « SEGOU » and « segou » all give « segou », « Barouéli » gives
 * « baroueli ». Spaces and punctuation are kept; callers trim or collapse them as they need.
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
