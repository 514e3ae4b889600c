import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@oise/testkit';
import { describe, expect, test } from 'vitest';
import { REPORTS_DIR, STANDARD_REPORTS, readReportDefinition } from './report-definition.js';

describe('standard report definitions', () => {
  test('are found in the @oise/reports package (the repository’s reports/), one per level', () => {
    expect(REPORTS_DIR).toBe(join(REPO_ROOT, 'reports'));
    for (const [level, files] of Object.entries(STANDARD_REPORTS)) {
      for (const file of files) {
        expect(existsSync(join(REPORTS_DIR, file)), file).toBe(true);
        expect(readReportDefinition(join(REPORTS_DIR, file)).level).toBe(level);
      }
    }
  });
});
