import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { consolidateAll } from '@oise/consolidate';
import { materializeDocuments } from '@oise/sync';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import type { GeneratedFile, ReportProgress } from './generate-reports.js';
import { publishReports } from './publish-reports.js';
import { documentId, registerReportDocuments } from './report-documents.js';
import { listReportFiles, openReportFile } from './report-files.js';
import { seedReportData } from './test-support/report-seed.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A national document as it arrives at a region in a DOWN bundle (the row; the file is materialised). */
function nationalWorkbook(content: string): GeneratedFile {
  const bytes = new TextEncoder().encode(content);
  return {
    path: '',
    fileName: 'rapport-national-ML-2025Q1.xlsx',
    kind: 'report-workbook',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    title: 'Rapport national consolidé',
    unitCode: 'ML',
    reportId: 'national-consolidated',
    sha256: sha256(bytes),
    size: bytes.byteLength,
    content: bytes,
  };
}

describe('report files', () => {
  test('a region: its generated reports with progress per workbook, a received document, nothing else', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'region', 'ML04');
    try {
      await seedReportData(node.db, {
        root: 'ML04',
        quarter: '2025Q1',
        quarters: 1,
        owner: 'ML04',
        now: TEST_NOW,
      });
      await consolidateAll(node.db, { nodeCode: 'ML04', now: TEST_NOW });
      const steps: ReportProgress[] = [];
      const result = await publishReports(node, {
        quarter: '2025Q1',
        now: TEST_NOW,
        onProgress: (p) => {
          steps.push(p);
        },
      });
      const workbooks = result.reports.length;
      expect(workbooks).toBeGreaterThan(2);
      // One step before each workbook, then the end: « classeur 1 sur N : Ségou » (the synthesis first).
      expect(steps.map((s) => s.done)).toEqual([...Array(workbooks + 1).keys()]);
      expect(steps.every((s) => s.total === workbooks)).toBe(true);
      expect(steps[0]!.step).toBe(`classeur 1 sur ${workbooks} : Ségou`);
      expect(steps[1]!.step).toBe(`classeur 2 sur ${workbooks} : ${result.reports[1]!.unitName}`);
      expect(steps.at(-1)!.step).toBe(`${workbooks} classeurs écrits, ${result.files.length} fichiers`);

      // What national published came down: the row, then its file.
      const received = nationalWorkbook('le classeur national');
      await registerReportDocuments(node.db, [received], { period: '2025Q1', owner: 'ML', now: TEST_NOW });
      const id = documentId('2025Q1', received.fileName);
      expect(await materializeDocuments(node, [id])).toHaveLength(1);
      writeFileSync(join(node.paths.reports, 'notes.txt'), 'pas un rapport');

      const listed = await listReportFiles(node);
      const generated = listed.filter((e) => e.origin === 'generated');
      expect(generated.map((e) => e.fileName).sort()).toEqual(
        result.files
          .map((f) => f.fileName)
          .filter((n, i, all) => all.indexOf(n) === i)
          .sort(),
      );
      expect(listed.some((e) => e.fileName === 'notes.txt')).toBe(false);
      const synthesis = generated.find((e) => e.fileName === 'synthese-regionale-ML04-2025Q1.xlsx')!;
      expect(synthesis).toMatchObject({
        id: 'fichier:synthese-regionale-ML04-2025Q1.xlsx',
        period: '2025Q1',
      });
      expect(synthesis.title).toBe('Synthèse régionale');
      expect(generated.find((e) => e.fileName.startsWith('rapport-ccc-ML0401-'))?.title).toBe(
        "Rapport d'activité du CCC",
      );
      expect(generated.find((e) => e.fileName.endsWith('.png'))?.title).toMatch(/ : graphique ou carte$/);
      expect(synthesis.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const doc = listed.find((e) => e.id === id)!;
      expect(doc).toMatchObject({
        origin: 'received',
        owner: 'ML',
        period: '2025Q1',
        title: 'Rapport national consolidé',
      });

      // Downloads: by listed key only, the bytes on disk.
      const opened = await openReportFile(node, synthesis.id);
      expect(opened?.content.equals(readFileSync(join(node.paths.reports, synthesis.fileName)))).toBe(true);
      expect((await openReportFile(node, id))?.content.toString()).toBe('le classeur national');
      for (const forged of [
        'fichier:notes.txt',
        'fichier:../node.sqlite',
        'fichier:national/ML/2025Q1/rapport-national-ML-2025Q1.xlsx',
        'rapport:2025Q1:../../node.sqlite',
        'rapport:2025Q2:rapport-national-ML-2025Q1.xlsx',
      ])
        expect(await openReportFile(node, forged), forged).toBeUndefined();

      // A received file changed on disk: the stored version, whose hash holds, is served instead.
      const onDisk = join(node.paths.reports, 'national', '2025Q1', received.fileName);
      writeFileSync(onDisk, 'falsifié');
      expect((await openReportFile(node, id))?.content.toString()).toBe('le classeur national');
      // And when the stored version does not match its hash either: nothing.
      await node.db
        .updateTable('document')
        .set({ content: Buffer.from('falsifié aussi') })
        .where('id', '=', id)
        .execute();
      expect(await openReportFile(node, id)).toBeUndefined();
    } finally {
      await node.close();
    }
  });

  test('national: each published file listed once, as a document', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'national', 'ML');
    try {
      await seedReportData(node.db, {
        root: 'ML',
        quarter: '2025Q1',
        quarters: 1,
        owner: 'ML',
        now: TEST_NOW,
      });
      await consolidateAll(node.db, { nodeCode: 'ML', now: TEST_NOW });
      const result = await publishReports(node, { quarter: '2025Q1', now: TEST_NOW });
      const listed = await listReportFiles(node);
      expect(listed.map((e) => e.origin)).toEqual(listed.map(() => 'published'));
      expect(listed.map((e) => e.fileName).sort()).toEqual(result.files.map((f) => f.fileName).sort());
      const workbook = listed.find((e) => e.fileName === 'rapport-national-ML-2025Q1.xlsx')!;
      expect(workbook.id).toBe(documentId('2025Q1', workbook.fileName));
      const opened = await openReportFile(node, workbook.id);
      expect(opened && sha256(opened.content)).toBe(
        result.files.find((f) => f.fileName === workbook.fileName)!.sha256,
      );
    } finally {
      await node.close();
    }
  });
});
