import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCliCaptured } from '@oise/cli';
import { consolidateAll } from '@oise/consolidate';
import { seedReportData } from '@oise/report/test-support';
import { SHARED_DATA, TEST_NOW, makeTempDir, makeTestNode } from '@oise/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NO_PRINT_TOOLS,
  PRINT_TOOLS,
  hasWholeWords,
  pdfImages,
  pdfInfo,
  pdfPages,
  pdfWords,
  toPdf,
} from './pdf-print.js';

/**
 * The national report as a CSR prints it: the workbook `oise report` publishes, through
 * LibreOffice to PDF. No picture split across pages, captions whole, a readable cover.
 */

const READY = PRINT_TOOLS && SHARED_DATA.available;
const WHY = PRINT_TOOLS ? 'the shared data of Mali (../shared/data) is missing' : NO_PRINT_TOOLS;

let root = '';
let pdf = '';
let pages: string[] = [];
let pictures: string[] = [];
let maps: string[] = [];

describe.skipIf(!READY)(`printing the national report${READY ? '' : ` — skipped: ${WHY}`}`, () => {
  beforeAll(async () => {
    root = makeTempDir('oise-print-report-');
    const node = await makeTestNode(root, 'national', 'ML');
    await seedReportData(node.db, { root: 'ML', quarter: '2025Q1', owner: 'ML', now: TEST_NOW });
    await consolidateAll(node.db, { nodeCode: 'ML', now: TEST_NOW });
    await node.close();
    const dir = join(root, 'ML');
    const cli = async (...args: string[]) => {
      const run = await runCliCaptured(args, { OISE_NOW: TEST_NOW });
      expect(run.stderr, args.join(' ')).toBe('');
      expect(run.code, args.join(' ')).toBe(0);
      return run.stdout;
    };
    await cli('settings', '--dir', dir, 'report.boundaries', SHARED_DATA.regionsGeojson);
    const report = JSON.parse(await cli('report', '--dir', dir, '--quarter', '2025T1', '--json'));
    const files = report.files as { kind: string; path: string }[];
    pictures = files.filter((f) => f.kind === 'report-chart' || f.kind === 'report-map').map((f) => f.path);
    maps = files.filter((f) => f.kind === 'report-map').map((f) => f.path);
    pdf = toPdf([files.find((f) => f.kind === 'report-workbook')!.path], join(root, 'pdf'))[0]!;
    pages = pdfPages(pdf);
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('prints on A4 landscape, every page with its footer and number, none blank', () => {
    const info = pdfInfo(pdf);
    expect(Math.round(info.width)).toBe(842);
    expect(Math.round(info.height)).toBe(595);
    const images = pdfImages(pdf);
    pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toMatch(/^Rapport national consolidé — Mali — 1er trimestre 2025$/m);
      expect(page, `page ${i + 1}`).toMatch(new RegExp(`^page ${i + 1} sur ${pages.length}$`, 'm'));
      const lines = page.split('\n').filter((l) => l.trim()).length;
      const drawn = images.some((im) => im.page === i + 1);
      expect(drawn || lines > 4, `page ${i + 1} est vide`).toBe(true);
    });
  });

  it('every chart and map is drawn once, on one page: none is split across two', () => {
    const images = pdfImages(pdf);
    const byObject = new Map<number, number[]>();
    for (const im of images) byObject.set(im.object, [...(byObject.get(im.object) ?? []), im.page]);
    expect(byObject.size).toBe(pictures.length);
    for (const [object, on] of byObject) expect(on, `image ${object}`).toHaveLength(1);
    expect(maps.length).toBeGreaterThanOrEqual(2);
  });

  it('each map has its caption whole on its own page', () => {
    const images = pdfImages(pdf);
    for (let k = 1; k <= maps.length; k++) {
      const on = pages.flatMap((p, i) => (p.includes(`Carte ${k} sur ${maps.length} —`) ? [i] : []));
      expect(on, `carte ${k}`).toHaveLength(1);
      const page = pages[on[0]!]!.replace(/\s+/g, ' ');
      expect(page, `carte ${k}`).toMatch(
        new RegExp(
          `Carte ${k} sur ${maps.length} — .+, 1er trimestre 2025\\. Classes par quantiles : .+\\. En gris : pas de données\\.`,
        ),
      );
      expect(
        images.filter((im) => im.page === on[0]! + 1),
        `carte ${k}`,
      ).toHaveLength(1);
    }
  });

  it('the cover: the title stands below the line above it, nothing overlaps', () => {
    const words = pdfWords(pdf, 1);
    const line = (text: string) => words.filter((w) => w.text === text);
    const oise = line('Outil')[0]!;
    const title = line('consolidé')[0]!;
    expect(oise.yMax).toBeLessThanOrEqual(title.yMin);
    const level = line('Niveau')[0]!;
    expect(title.yMax).toBeLessThanOrEqual(level.yMin);
    expect(hasWholeWords(pages[0]!, 'Sommaire Statuts des régions Cartes')).toBe(true);
  });

  it('speaks French: « Régions du Mali »', () => {
    const sides = pages.find((p) => /^Régions côte à côte$/m.test(p) && p.includes('SAN_CONSULT_CURATIVES'))!;
    expect(sides.replace(/\s+/g, ' ')).toContain('Régions du Mali, 1er trimestre 2025');
    expect(pages.join('\n')).not.toContain('de Mali');
  });
});
