import { describe, expect, it } from 'vitest';
import { foldText } from './fold-text.js';

describe('foldText', () => {
  it('drops accents and case, keeping spaces and punctuation', () => {
    expect(foldText('Ségou')).toBe('segou');
    expect(foldText('BAROUÉLI')).toBe('baroueli');
    expect(foldText(' Laly-Tounka ')).toBe(' laly-tounka ');
    expect(foldText('Kéniéba, Tominian')).toBe('kenieba, tominian');
  });
});
