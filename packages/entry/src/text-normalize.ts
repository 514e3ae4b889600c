import { foldText } from '@oise/core';

/**
 * Folds a name for comparison: accents removed, lower case, punctuation and repeated spaces
 * collapsed, so « Ségou », « SEGOU » and « segou » compare equal, as do « Laly-Tounka » and
 * « laly tounka ».
 */
export function foldName(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
