import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './error-codes.js';

describe('the error-code catalogue', () => {
  it('holds upper-case codes in alphabetical order, each explained in one English line', () => {
    const codes = Object.keys(ERROR_CODES);
    expect(codes).toEqual([...codes].sort());
    for (const [code, english] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(english).toMatch(/^[^\n]{10,}[.?]$/);
    }
  });
});
