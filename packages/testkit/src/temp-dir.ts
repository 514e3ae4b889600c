import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from 'vitest';

/**
 * vitest fixture: a fresh temporary folder per test, removed afterwards. Real files, no mocks.
 */
export const test = base.extend<{ tmp: string }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies destructured
  tmp: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'oise-test-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
});

export function makeTempDir(prefix = 'oise-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
