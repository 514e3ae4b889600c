import { loadFigures } from '@oise/consolidate';
import { OiseError } from '@oise/core';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { quarterStatusesOf } from '@oise/workflow';
import { describe, expect } from 'vitest';
import { keyIndicatorCodes, publicFigures, publicQuarters } from './public-figures.js';
import { aggregatesMark, recordPublication } from './report-publication.js';
import { seededNode } from './test-support/seeded-node.js';

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error instanceof OiseError ? `${error.code}: ${error.message}` : String(error);
  }
  return 'no error';
};

describe('what is public', () => {
  test('national: the published quarters only, up to --quarter, a warning when a quarter changed since', async ({
    tmp,
  }) => {
    const node = await seededNode(tmp, 'national', 'ML', { quarter: '2025Q1', quarters: 3 });
    try {
      expect(await codeOf(publicQuarters(node))).toMatch(/^SITE_NOTHING_PUBLISHED: Aucun trimestre publié/);
      for (const period of ['2024Q3', '2024Q4'])
        await recordPublication(node.db, { period, aggregatesMark: await aggregatesMark(node.db, period) });
      expect(await publicQuarters(node)).toEqual({
        quarters: ['2024Q3', '2024Q4'],
        warnings: [],
        publishedAt: {},
      });
      expect(await publicQuarters(node, { quarter: '2024T3' })).toEqual({
        quarters: ['2024Q3'],
        warnings: [],
        publishedAt: {},
      });
      expect(await codeOf(publicQuarters(node, { quarter: '2024T2' }))).toMatch(
        /^SITE_NOTHING_PUBLISHED: Aucun trimestre publié jusqu'au 2e trimestre 2024/,
      );

      // The 2025Q1 figures exist but were never published: the figure reads as nobody's.
      const pub = await publicFigures(node);
      const all = await loadFigures(node.db, { units: ['ML', 'ML04'], periods: ['2024Q4', '2025Q1'] });
      const key = { indicator: 'SAN_CONSULT_CURATIVES', unit: 'ML04', category: '' };
      expect(all({ ...key, period: '2025Q1' }).value).not.toBeNull();
      expect(pub.figure({ ...key, period: '2025Q1' }).value).toBeNull();
      expect(pub.figure({ ...key, period: '2024Q4' })).toEqual(all({ ...key, period: '2024Q4' }));
      expect(pub.top.code).toBe('ML');
      expect(pub.units.filter((u) => u.level === 'commune').length).toBe(45);
      expect(pub.keyIndicators.map((d) => d.code)).toEqual(keyIndicatorCodes());
      expect(keyIndicatorCodes()).toContain('SAN_CONSULT_CURATIVES');
      expect([...pub.indicators.values()].some((d) => d.valueType === 'text')).toBe(false);

      // Published from older aggregates than today's: said, so that it is published first.
      await recordPublication(node.db, {
        period: '2024Q4',
        aggregatesMark: (await aggregatesMark(node.db, '2024Q4')) - 1,
      });
      expect((await publicQuarters(node)).warnings).toEqual([
        "Les chiffres du 4e trimestre 2024 ont changé depuis sa publication : publiez-le d'abord (oise report --quarter 2024T4), le site montre les chiffres d'aujourd'hui.",
      ]);
    } finally {
      await node.close();
    }
  });

  test('a region: the quarters national published (its documents), its own cercles only once validated; a cercle refused', async ({
    tmp,
  }) => {
    const region = await seededNode(tmp, 'region', 'ML04', { quarter: '2025Q1', quarters: 2 });
    const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
    try {
      expect(await codeOf(publicQuarters(cercle))).toMatch(
        /^SITE_LEVEL_REFUSED: Le nœud ML0401 est un cercle : le site public se construit au nœud national/,
      );
      expect(await codeOf(publicQuarters(region))).toMatch(
        /^SITE_NOTHING_PUBLISHED: Aucun trimestre publié par le national/,
      );
      // National's workbook of 2025Q1 came down; 2024Q4 was not published.
      await region.db
        .insertInto('document')
        .values({
          id: 'rapport:2025Q1:rapport-national-ML-2025Q1.xlsx',
          period: '2025Q1',
          org_unit_code: 'ML',
          kind: 'report-workbook',
          title: 'Rapport national consolidé',
          file_name: 'rapport-national-ML-2025Q1.xlsx',
          media_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          sha256: '0'.repeat(64),
          size: 1,
          content: new Uint8Array([1]),
          created_at: TEST_NOW,
          owner: 'ML',
          revision: 1,
          updated_at: TEST_NOW,
        })
        .execute();
      const pub = await publicFigures(region);
      expect(pub.quarters).toEqual(['2025Q1']);
      expect(pub.publishedAt).toEqual({ '2025Q1': TEST_NOW });
      expect(pub.top.code).toBe('ML04');
      const cercles = pub.hierarchy.childrenOf('ML04').map((c) => c.code);
      const statuses = await quarterStatusesOf(region.db, cercles, '2025Q1');
      const validated = cercles.filter((c) =>
        ['validated', 'consolidated'].includes(statuses.get(c)!.status),
      );
      expect(validated.length).toBeGreaterThan(0);
      expect(validated.length).toBeLessThan(cercles.length);
      for (const c of cercles) expect(pub.isPublic(c, '2025Q1'), c).toBe(validated.includes(c));
      expect(pub.units.every((u) => u.code.startsWith('ML04'))).toBe(true);
      const hidden = cercles.find((c) => !validated.includes(c))!;
      expect(pub.units.some((u) => u.code.startsWith(hidden))).toBe(false);
      expect(pub.isPublic('ML04', '2025Q1')).toBe(true);
      expect(pub.isPublic('ML04', '2024Q4')).toBe(false);
    } finally {
      await region.close();
      await cercle.close();
    }
  });
});
