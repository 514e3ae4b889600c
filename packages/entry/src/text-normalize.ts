/**
 * Folds a name for comparison: accents removed, lower case, punctuation and repeated spaces
 * collapsed, so « Ségou », « SEGOU » and « segou » compare equal, as do « Laly-Tounka » and
 * « laly tounka ».
 */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
