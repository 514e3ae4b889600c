import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@oise/testkit';
import { describe, expect, test } from 'vitest';
import {
  REPORTS_DIR,
  STANDARD_REPORTS,
  checkReportDefinition,
  readReportDefinition,
} from './report-definition.js';

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

describe('a brief definition (the committees’ syntheses)', () => {
  const brief = {
    id: 'synthese-test',
    level: 'cercle',
    title: 'Synthèse pour le CLO',
    fileStem: 'synthese-CLO',
    layout: 'brief',
    committee: { code: 'CLO', name: "Comité local d'orientation" },
    sections: [{ type: 'key-figures', title: 'Chiffres clés', indicators: ['SAN_CPN'] }],
  };

  test('is read with its layout and committee; a wrong layout, committee or key figures say where', () => {
    expect(checkReportDefinition(brief, 'brief.json')).toMatchObject({
      layout: 'brief',
      committee: { code: 'CLO' },
    });
    expect(() => checkReportDefinition({ ...brief, layout: 'portrait' }, 'brief.json')).toThrow(
      /« layout » vaut « brief »/,
    );
    expect(() => checkReportDefinition({ ...brief, committee: { code: 'CLO' } }, 'brief.json')).toThrow(
      /« committee » demande « code » et « name »/,
    );
    expect(() =>
      checkReportDefinition(
        { ...brief, sections: [{ type: 'key-figures', title: 'Chiffres clés' }] },
        'brief.json',
      ),
    ).toThrow(/section n° 1 : les chiffres clés demandent « indicators »/);
  });
});
