/** A range of a neighbour's changes, `from < local_seq ≤ to`, applied here. */
export type SeqRange = readonly [from: number, to: number];

/** Ranges applied ahead of a gap that are remembered; beyond that they are sent again. */
const MAX_AHEAD = 256;

/**
 * The acknowledgement after applying `range` (SPEC [A2]): it only moves over contiguous
 * ranges, starting from `applied`. A range that starts beyond it (a bundle before it is late or
 * lost) is kept in `ahead`, and the acknowledgement jumps over it once the gap is filled, so
 * split bundles applied in any order end with the same acknowledgement as in order.
 */
export function advanceAck(
  applied: number,
  ahead: readonly SeqRange[],
  range: { from: number; to: number },
): { applied: number; ahead: SeqRange[] } {
  const ranges = [...ahead, [range.from, range.to] as const].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let ack = applied;
  const kept: [number, number][] = [];
  // Sorted by start: once one range lies beyond the acknowledgement, every later one does too.
  for (const [from, to] of ranges) {
    if (from <= ack) {
      ack = Math.max(ack, to);
      continue;
    }
    if (to <= from) continue;
    const last = kept.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else kept.push([from, to]);
  }
  return { applied: ack, ahead: kept.slice(0, MAX_AHEAD) };
}
