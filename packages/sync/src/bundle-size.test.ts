import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { enroll, writePublicIdentity } from '@oise/node';
import { FIXTURES, SHARED_DATA, TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { exportBundles } from './export-bundles.js';

/**
 * SPEC §6: the size of one cercle-quarter as a bundle, next to the same values as a plain CSV
 * compressed with gzip. Every indicator of the catalog × every commune of Barouéli (13 in
 * Mali's real territory when ../shared/data is there, else the demo's communes), F and M for
 * indicators disaggregated by sex, the total otherwise.
 */
describe('bundle size of one cercle-quarter', () => {
  test('is reported next to a gzip CSV of the same values', async ({ tmp }) => {
    const territoryFile = SHARED_DATA.available ? SHARED_DATA.communes : FIXTURES.demoTerritory;
    const cercle = await makeTestNode(tmp, 'cercle', 'ML0401', { territoryFile });
    const region = await makeTestNode(tmp, 'region', 'ML04', { territoryFile });
    try {
      writePublicIdentity(region, join(tmp, 'ML04.json'));
      await enroll(cercle, join(tmp, 'ML04.json'), TEST_NOW);
      const communes = await cercle.db
        .selectFrom('org_unit')
        .select('code')
        .where('parent_code', '=', 'ML0401')
        .where('level', '=', 'commune')
        .execute();
      const indicators = await cercle.db.selectFrom('indicator').selectAll().orderBy('sort_order').execute();
      const csv = ['code_collectivite;code_indicateur;periode;categorie;valeur'];
      const rows = [];
      let n = 0;
      for (const c of communes) {
        for (const ind of indicators) {
          for (const category of ind.disaggregation === 'sex' ? ['F', 'M'] : ['']) {
            n++;
            const min = ind.min_value ?? 0;
            const max = ind.max_value ?? 1000;
            const text = ind.value_type === 'text';
            const raw = min + ((n * 7919) % Math.max(1, Math.floor(max - min)));
            const value = text
              ? null
              : ind.value_type === 'integer'
                ? Math.round(raw)
                : Math.round(raw * 10) / 10;
            const valueText = text ? `Observation ${n}` : null;
            rows.push({
              org_unit_code: c.code,
              indicator_code: ind.code,
              period: '2025Q1',
              category,
              value,
              value_text: valueText,
              comment: null,
              author: 'awa',
              channel: 'xlsx',
              owner: 'ML0401',
              revision: 1,
              updated_at: TEST_NOW,
            });
            csv.push(
              `${c.code};${ind.code};2025Q1;${category};${valueText ?? String(value).replace('.', ',')}`,
            );
          }
        }
      }
      for (let i = 0; i < rows.length; i += 200) {
        await cercle.db
          .insertInto('data_value')
          .values(rows.slice(i, i + 200))
          .execute();
      }
      const result = await exportBundles(cercle, { now: TEST_NOW });
      const bundle = result.written[0]!;
      expect(bundle.rowCount).toBe(rows.length);
      expect(statSync(bundle.file).size).toBe(bundle.bytes);
      const csvText = `${csv.join('\n')}\n`;
      const csvGzip = gzipSync(csvText, { level: 9 }).length;
      const report = {
        territory: SHARED_DATA.available ? 'Mali (shared/data)' : 'demo',
        communes: communes.length,
        indicators: indicators.length,
        rows: rows.length,
        bundleBytes: bundle.bytes,
        csvBytes: Buffer.byteLength(csvText),
        csvGzipBytes: csvGzip,
        ratio: Math.round((bundle.bytes / csvGzip) * 100) / 100,
      };
      writeFileSync(join(tmp, 'size.json'), JSON.stringify(report));
      console.log(`bundle size, one cercle-quarter: ${JSON.stringify(report)}`);
      // Signed rows with revision, owner and author cost more than bare CSV, but stay compact.
      expect(bundle.bytes).toBeLessThan(csvGzip * 4);
    } finally {
      await cercle.close();
      await region.close();
    }
  });
});
