import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OiseError } from '@oise/core';
import { aggregatesMark, recordPublication } from '@oise/report';
import { seededNode } from '@oise/report/test-support';
import { TEST_NOW, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { SITE_MARKER, buildSite } from './build-site.js';

describe('buildSite', () => {
  test('writes the pages of the published quarter, then replaces the site whole; a failure leaves it as it was', async ({
    tmp,
  }) => {
    const node = await seededNode(tmp, 'national', 'ML', { quarter: '2025Q1', quarters: 2 });
    try {
      await recordPublication(node.db, {
        period: '2024Q4',
        aggregatesMark: await aggregatesMark(node.db, '2024Q4'),
      });
      const out = join(tmp, 'public', 'site');
      const steps: number[] = [];
      const site = await buildSite(node, {
        outDir: out,
        now: TEST_NOW,
        onProgress: (p) => void steps.push(p.done),
      });
      expect(site).toMatchObject({ quarters: ['2024Q4'], latest: '2024Q4', dhis2: false, warnings: [] });
      // Home, 3 regions, their cercles and 45 communes, the domains, search and downloads.
      const units = readdirSync(join(out, 'unites'));
      expect(units).toContain('ML040101.html');
      expect(units.length).toBe(3 + 9 + 45);
      expect(site.pages).toBe(1 + units.length + readdirSync(join(out, 'domaines')).length + 2);
      expect(steps.length).toBeGreaterThan(1);
      expect(steps).toEqual([...steps].sort((a, b) => a - b));
      const home = readFileSync(join(out, 'index.html'), 'utf8');
      expect(home).toContain('<html lang="fr">');
      expect(home).toContain('4e trimestre 2024');
      expect(home).not.toContain('1er trimestre 2025');
      expect(home).toMatch(/\d+ \/ 45 communes/);
      expect(readFileSync(join(out, 'telechargements.html'), 'utf8')).toContain(
        'Pas de jeu de valeurs DHIS2',
      );
      const csv = readFileSync(join(out, 'telechargements', 'chiffres-ML-2024T4.csv'), 'utf8');
      expect(csv.startsWith('\ufeffcode_collectivite;collectivite;niveau;')).toBe(true);
      expect(csv).not.toContain('2025T1');
      // The seed's officials have names: none is in the site.
      const names = (await node.db.selectFrom('elected_official').select('full_name').execute()).map(
        (r) => r.full_name,
      );
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(home + csv).not.toContain(name);
      const index = readFileSync(join(out, 'recherche-index.js'), 'utf8');
      expect(index).toContain('"n":"Barouéli","f":"baroueli"');
      expect(index).toContain('"n":"Ségou","f":"segou"');

      // A second build replaces the first whole (no stale file, no temporary folder left).
      writeFileSync(join(out, 'unites', 'ancienne.html'), 'x');
      await recordPublication(node.db, {
        period: '2025Q1',
        aggregatesMark: await aggregatesMark(node.db, '2025Q1'),
      });
      const again = await buildSite(node, { outDir: out, now: TEST_NOW });
      expect(again.latest).toBe('2025Q1');
      expect(existsSync(join(out, 'unites', 'ancienne.html'))).toBe(false);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('1er trimestre 2025');
      expect(readdirSync(join(tmp, 'public'))).toEqual(['site']);

      // A build killed midway (its process gone) left the site moved aside and a half-written
      // one: the next build puts the site back and removes the other, even when it fails itself.
      const dead = 2 ** 22 + 7; // above Linux's largest pid: no such process
      const kept = readFileSync(join(out, 'index.html'), 'utf8');
      renameSync(out, join(tmp, 'public', `.site.ancien-${dead}-00ff`));
      mkdirSync(join(tmp, 'public', `.site.nouveau-${dead}-00fe`));
      await expect(buildSite(node, { outDir: out, now: TEST_NOW, quarter: '2024T2' })).rejects.toMatchObject({
        code: 'SITE_NOTHING_PUBLISHED',
      });
      expect(readdirSync(join(tmp, 'public'))).toEqual(['site']);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe(kept);

      // A failing build (a mapping file that is not one) leaves the last site as it was.
      const bad = join(tmp, 'correspondances.csv');
      writeFileSync(bad, 'type;code_oise;code_dhis2;libelle\nindicateur;PAS_UN_CODE;abc;x\n');
      const before = readFileSync(join(out, 'index.html'), 'utf8');
      await expect(buildSite(node, { outDir: out, now: TEST_NOW, dhis2Mapping: bad })).rejects.toMatchObject({
        code: 'DHIS2_MAPPING_INVALID',
      });
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe(before);
      expect(readdirSync(join(tmp, 'public'))).toEqual(['site']);

      // Never into the node's folder, nor over a folder that holds something else.
      await expect(buildSite(node, { outDir: node.paths.root, now: TEST_NOW })).rejects.toBeInstanceOf(
        OiseError,
      );
      const other = join(tmp, 'documents');
      await buildSite(node, { outDir: other, now: TEST_NOW });
      expect(existsSync(join(other, SITE_MARKER))).toBe(true);
      writeFileSync(join(tmp, 'public', 'notes.txt'), 'x');
      await expect(buildSite(node, { outDir: join(tmp, 'public'), now: TEST_NOW })).rejects.toMatchObject({
        code: 'SITE_OUT_INVALID',
      });
      expect(readdirSync(join(tmp, 'public')).sort()).toEqual(['notes.txt', 'site']);
    } finally {
      await node.close();
    }
  });
});
