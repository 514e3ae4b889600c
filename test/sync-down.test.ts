import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from '@oise/node';
import { exportBundles } from '@oise/sync';
import { test } from '@oise/testkit';
import { markConsolidated } from '@oise/workflow';
import { describe, expect } from 'vitest';
import { NOW, enterValues, makeCountry, send, submit, validate } from './sync-fixtures.js';

async function publish(national: Node, content: Buffer, revision: number) {
  await national.db
    .insertInto('document')
    .values({
      id: 'national-2025Q1-xlsx',
      period: '2025Q1',
      org_unit_code: 'ML',
      kind: 'national-report',
      title: 'Rapport national consolidé — 1er trimestre 2025',
      file_name: 'rapport-national-2025Q1.xlsx',
      media_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      sha256: createHash('sha256').update(content).digest('hex'),
      size: content.length,
      content,
      created_at: NOW,
      owner: 'ML',
      revision,
      updated_at: NOW,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        content,
        sha256: createHash('sha256').update(content).digest('hex'),
        size: content.length,
        revision,
      }),
    )
    .execute();
}

async function aggregate(national: Node, unit: string, value: number, revision: number) {
  const row = {
    value,
    numerator: null,
    denominator: null,
    reporting: 2,
    expected: 3,
    on_time: 2,
    computed_by: 'ML',
    computed_at: NOW,
    owner: 'ML',
    revision,
    updated_at: NOW,
  };
  await national.db
    .insertInto('aggregate_value')
    .values({
      indicator_code: 'SAN_CSCOM',
      org_unit_code: unit,
      period: '2025Q1',
      category: '',
      source: 'local',
      ...row,
    })
    .onConflict((oc) =>
      oc.columns(['indicator_code', 'org_unit_code', 'period', 'category', 'source']).doUpdateSet(row),
    )
    .execute();
}

describe('DOWN: national → region → cercle', () => {
  test('figures, statuses and documents reach the cercle through its region; no ping-pong', async ({
    tmp,
  }) => {
    const country = await makeCountry(tmp, { ML04: ['ML0401', 'ML0402'] });
    const national = country.national;
    const region = country.nodes.get('ML04')!;
    const cercle = country.nodes.get('ML0401')!;
    const other = country.nodes.get('ML0402')!;
    try {
      await enterValues(cercle, [
        { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', category: '', value: 4 },
      ]);
      await submit(cercle, '2025Q1');
      await send(cercle, region);
      await validate(region, 'ML0401', '2025Q1');
      // The region forwards its quarter (ML0402 has not reported: it goes incomplete).
      await submit(region, '2025Q1');
      await send(region, national);

      const workbook = Buffer.from('PK\u0003\u0004 classeur national (contenu de test)');
      await publish(national, workbook, 1);
      await aggregate(national, 'ML', 40, 1);
      await aggregate(national, 'ML04', 12, 1);
      await markConsolidated(national, 'ML04', '2025Q1', { now: NOW, author: 'ccn' });

      const down1 = await send(national, region);
      expect(down1.results.map((r) => [r.status, r.documents.length])).toEqual([['applied', 1]]);
      const down2 = await send(region, cercle);
      expect(down2.results.map((r) => r.status)).toEqual(['applied']);
      await send(region, other);

      for (const node of [region, cercle, other]) {
        const file = join(node.paths.reports, 'national', '2025Q1', 'rapport-national-2025Q1.xlsx');
        expect(readFileSync(file)).toEqual(workbook);
        const published = await node.db
          .selectFrom('aggregate_value')
          .select(['org_unit_code', 'source', 'owner', 'value'])
          .orderBy('org_unit_code')
          .execute();
        expect(published).toEqual([
          { org_unit_code: 'ML', source: 'published', owner: 'ML', value: 40 },
          { org_unit_code: 'ML04', source: 'published', owner: 'ML', value: 12 },
        ]);
      }
      // The cercle sees the CSR's decision on its quarter and national's on its region.
      const decisions = await cercle.db
        .selectFrom('quarter_decision')
        .select(['org_unit_code', 'decision', 'owner'])
        .orderBy('org_unit_code')
        .execute();
      expect(decisions).toEqual([
        { org_unit_code: 'ML04', decision: 'consolidated', owner: 'ML' },
        { org_unit_code: 'ML0401', decision: 'validated', owner: 'ML04' },
      ]);
      // ML0402 does not get ML0401's decision.
      const otherDecisions = await other.db.selectFrom('quarter_decision').select('org_unit_code').execute();
      expect(otherDecisions.map((d) => d.org_unit_code)).toEqual(['ML04']);

      // A revised aggregate and document travel again; the old copies are replaced.
      const revised = Buffer.from('PK\u0003\u0004 classeur national, version corrigée');
      await publish(national, revised, 2);
      await aggregate(national, 'ML', 41, 2);
      await send(national, region);
      await send(region, cercle);
      expect(
        readFileSync(join(cercle.paths.reports, 'national', '2025Q1', 'rapport-national-2025Q1.xlsx')),
      ).toEqual(revised);
      const ml = await cercle.db
        .selectFrom('aggregate_value')
        .select(['value', 'revision'])
        .where('org_unit_code', '=', 'ML')
        .executeTakeFirstOrThrow();
      expect(ml).toEqual({ value: 41, revision: 2 });

      // Acknowledgements settle: after one exchange each way, nobody has anything to write.
      for (let round = 0; round < 3; round++) {
        for (const [a, b] of [
          [cercle, region],
          [region, cercle],
          [region, national],
          [national, region],
        ] as const) {
          await send(a, b);
        }
      }
      for (const node of [national, region, cercle]) {
        const result = await exportBundles(node, { now: NOW });
        expect(result.written.filter((w) => w.recipient !== 'ML0402')).toEqual([]);
      }
    } finally {
      await country.close();
    }
  });
});
