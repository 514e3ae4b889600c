import { describe, expect, it } from 'vitest';
import { type SeqRange, advanceAck } from './ack-ranges.js';

/** Applies ranges one by one from an empty acknowledgement. */
function applyAll(ranges: readonly SeqRange[]) {
  let state = { applied: 0, ahead: [] as SeqRange[] };
  for (const [from, to] of ranges) state = advanceAck(state.applied, state.ahead, { from, to });
  return state;
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

describe('acknowledgement over split bundles (SPEC [A2], [A3])', () => {
  const split: SeqRange[] = [
    [0, 50],
    [50, 100],
    [100, 130],
    [130, 200],
  ];

  it('[A3] reaches the end of the last range whatever the order of application', () => {
    for (const order of permutations(split)) {
      expect(applyAll(order), JSON.stringify(order)).toEqual({ applied: 200, ahead: [] });
    }
  });

  it('[A2] stops at a gap and keeps what lies beyond it until the gap is filled', () => {
    const withoutSecond = applyAll([split[0], split[2], split[3]] as SeqRange[]);
    expect(withoutSecond).toEqual({ applied: 50, ahead: [[100, 200]] });
    // The lost bundle comes again (resent from the acknowledgement, maybe cut elsewhere).
    expect(advanceAck(withoutSecond.applied, withoutSecond.ahead, { from: 50, to: 120 })).toEqual({
      applied: 200,
      ahead: [],
    });
  });

  it('[A2] a range starting beyond the acknowledgement alone does not move it', () => {
    expect(advanceAck(10, [], { from: 20, to: 30 })).toEqual({ applied: 10, ahead: [[20, 30]] });
    expect(advanceAck(10, [], { from: 5, to: 8 })).toEqual({ applied: 10, ahead: [] });
    // An acknowledgement-only bundle (from = to) beyond a gap is nothing to remember.
    expect(advanceAck(10, [], { from: 20, to: 20 })).toEqual({ applied: 10, ahead: [] });
  });
});
