import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consolidateAll } from '@oise/consolidate';
import { listReportFiles, publishReports } from '@oise/report';
import { test } from '@oise/testkit';
import { writeNote } from '@oise/workflow';
import { describe, expect } from 'vitest';
import { NOW, enterValues, makeCountry, send, submit, validate } from './sync-fixtures.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const NOTE = 'Barouéli a tout transmis <b>à temps</b> ; Kati & Bla à relancer.';

describe('DOWN: the CNO synthesis travels with the national report', () => {
  test('a region and its cercle receive it as documents, bytes checked, listed as the CNO synthesis', async ({
    tmp,
  }) => {
    const country = await makeCountry(tmp, { ML04: ['ML0401'] });
    const national = country.national;
    const region = country.nodes.get('ML04')!;
    const cercle = country.nodes.get('ML0401')!;
    try {
      // The quarter goes up: the cercle's values, the CSR's validation and note, the region's forwarding.
      await enterValues(cercle, [
        { unit: 'ML040101', indicator: 'SAN_CONSULT_CURATIVES', period: '2025Q1', category: '', value: 310 },
        { unit: 'ML040106', indicator: 'SAN_CONSULT_CURATIVES', period: '2025Q1', category: '', value: 120 },
      ]);
      await submit(cercle, '2025Q1');
      await send(cercle, region);
      await validate(region, 'ML0401', '2025Q1');
      await writeNote(region, 'ML0401', '2025Q1', NOTE, { now: NOW, author: 'csr.segou' });
      await submit(region, '2025Q1');
      await send(region, national);

      await consolidateAll(national.db, { nodeCode: 'ML', now: NOW });
      const published = await publishReports(national, { quarter: '2025Q1', now: NOW });
      const files = published.files.filter((f) => f.reportId === 'synthese-cno');
      expect(files.map((f) => f.fileName)).toEqual([
        'synthese-CNO-ML-2025Q1.xlsx',
        'synthese-CNO-ML-2025Q1.html',
      ]);
      // The note went up with the region's quarter and is in the CNO's synthesis, as text.
      const html = Buffer.from(files[1]!.content).toString('utf8');
      expect(html).toContain(
        'Barouéli a tout transmis &lt;b&gt;à temps&lt;/b&gt; ; Kati &amp; Bla à relancer.',
      );

      await send(national, region);
      await send(region, cercle);
      for (const node of [region, cercle]) {
        const where = node.identity.code;
        const docs = await node.db
          .selectFrom('document')
          .select(['file_name', 'sha256', 'size', 'owner', 'title'])
          .where('file_name', 'like', 'synthese-CNO-%')
          .where('deleted', '=', 0)
          .orderBy('file_name')
          .execute();
        expect(
          docs.map((d) => [d.file_name, d.owner, d.title]),
          where,
        ).toEqual([
          ['synthese-CNO-ML-2025Q1.html', 'ML', 'Synthèse pour le CNO : version à imprimer'],
          ['synthese-CNO-ML-2025Q1.xlsx', 'ML', 'Synthèse pour le CNO'],
        ]);
        for (const doc of docs) {
          const sent = files.find((f) => f.fileName === doc.file_name)!;
          const onDisk = readFileSync(join(node.paths.reports, 'national', '2025Q1', doc.file_name));
          expect(sha256(onDisk), `${where} ${doc.file_name}`).toBe(sent.sha256);
          expect(doc.sha256).toBe(sent.sha256);
          expect(onDisk.byteLength).toBe(doc.size);
        }
        // The Rapports page's list: received from national, with the committee it is for.
        const listed = (await listReportFiles(node)).filter((e) => e.fileName.startsWith('synthese-CNO-'));
        expect(
          listed.map((e) => [e.fileName, e.origin, e.kind, e.committee]),
          where,
        ).toEqual([
          ['synthese-CNO-ML-2025Q1.xlsx', 'received', 'report-workbook', 'CNO'],
          ['synthese-CNO-ML-2025Q1.html', 'received', 'report-print', 'CNO'],
        ]);
      }
    } finally {
      await country.close();
    }
  });
});
