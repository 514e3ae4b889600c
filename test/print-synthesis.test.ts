import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCliCaptured } from '@oise/cli';
import { consolidateAll } from '@oise/consolidate';
import { insertSubmission } from '@oise/consolidate/test-support';
import { generateReports } from '@oise/report';
import { seedReportData } from '@oise/report/test-support';
import { SHARED_DATA, makeTempDir, makeTestNode } from '@oise/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_PRINT_TOOLS, PRINT_TOOLS, hasWholeWords, pdfInfo, pdfPages, toPdf } from './pdf-print.js';
import { checkPage, outputFolder, useChromium } from './web/browser.js';

/**
 * The committees' syntheses as a committee member gets them, for all of Mali: the workbook
 * printed by LibreOffice (A4 portrait, one or two pages at every level), and the printable page
 * opened in Chromium from its file, alone (accessible, on a phone's width too).
 */

const READY = PRINT_TOOLS && SHARED_DATA.available;
const WHY = PRINT_TOOLS ? 'the shared data of Mali (../shared/data) is missing' : NO_PRINT_TOOLS;
const NOW = '2025-05-20T08:00:00.000Z';
const HOSTILE = 'Note <script>document.title="piégé"</script> du CSR & fin.';

let root = '';
const workbooks = new Map<string, string>();

describe.skipIf(!READY)(`printing the committees' syntheses${READY ? '' : ` — skipped: ${WHY}`}`, () => {
  const chromium = useChromium();
  beforeAll(async () => {
    root = makeTempDir('oise-print-synthesis-');
    // All of Mali (701 communes), two quarters, as national holds them; six of the nine regions
    // forwarded their quarter, Kayes, Koulikoro and Kidal did not.
    const node = await makeTestNode(root, 'national', 'ML', {
      territoryFile: SHARED_DATA.communes,
      now: NOW,
    });
    await seedReportData(node.db, { root: 'ML', quarter: '2025Q1', quarters: 2, owner: 'ML', now: NOW });
    for (const region of ['ML03', 'ML04', 'ML05', 'ML06', 'ML07', 'ML09'])
      await insertSubmission(node.db, region, '2025Q1', '2025-04-25T09:00:00.000Z');
    await node.db
      .updateTable('quarter_note')
      .set({ text: HOSTILE })
      .where('org_unit_code', '=', 'ML0401')
      .where('period', '=', '2025Q1')
      .execute();
    await consolidateAll(node.db, { nodeCode: 'ML', now: NOW });
    // The region's and the cercle's syntheses from the same rows, as their nodes would write them.
    const out = join(root, 'below');
    for (const [level, unitCode] of [
      ['region', 'ML04'],
      ['cercle', 'ML0401'],
    ] as const) {
      const result = await generateReports(node.db, {
        level,
        unitCode,
        quarter: '2025Q1',
        now: NOW,
        outDir: out,
        withCercleReports: false,
      });
      workbooks.set(level, result.reports.find((r) => r.id.startsWith('synthese-'))!.workbook);
    }
    await node.close();
    const run = await runCliCaptured(['report', '--dir', join(root, 'ML'), '--quarter', '2025T1', '--json'], {
      OISE_NOW: NOW,
    });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { reports: { id: string; workbook: string }[] };
    workbooks.set('national', report.reports.find((r) => r.id === 'synthese-cno')!.workbook);
  }, 240_000);
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('prints on one or two A4 portrait pages at each level, titled, numbered, in French', () => {
    const pdfs = toPdf([...workbooks.values()], join(root, 'pdf'));
    const folder = outputFolder('print-synthesis');
    const titles = {
      national: 'Synthèse pour le CNO — 1er trimestre 2025',
      region: 'Synthèse pour le CRO de Ségou — 1er trimestre 2025',
      cercle: 'Synthèse pour le CLO de Barouéli — 1er trimestre 2025',
    };
    [...workbooks.keys()].forEach((level, i) => {
      const pdf = pdfs[i]!;
      // The pictures of the pages, to look at.
      spawnSync('pdftoppm', ['-png', '-r', '60', pdf, join(folder, level)]);
      const info = pdfInfo(pdf);
      expect([Math.round(info.width), Math.round(info.height)], level).toEqual([595, 842]);
      expect(info.pages, level).toBeGreaterThanOrEqual(1);
      expect(info.pages, level).toBeLessThanOrEqual(2);
      const pages = pdfPages(pdf);
      pages.forEach((page, p) => {
        expect(hasWholeWords(page, titles[level as keyof typeof titles]), `${level} page ${p + 1}`).toBe(
          true,
        );
        expect(page, `${level} page ${p + 1}`).toMatch(new RegExp(`page ${p + 1} sur ${pages.length}`));
      });
      const text = pages.join('\n');
      expect(hasWholeWords(text, 'Chiffres clés du trimestre Évolution'), level).toBe(true);
    });
    const national = pdfPages(pdfs[[...workbooks.keys()].indexOf('national')]!)
      .join('\n')
      .replace(/\s+/g, ' ');
    // National lists regions and counts what lies below: never the 701 communes one by one.
    expect(national).toContain("Régions qui n'ont pas transmis");
    expect(national).toMatch(
      /Plus bas, sans aucune valeur : \d+ cercles? sur \d+ et \d+ communes? sur 701\./,
    );
    expect(national).toMatch(/Kayes non transmis .* Koulikoro non transmis .* Kidal non transmis/);
    expect(national).not.toContain('Konobougou');
  });

  it('the printable page opens alone from its file: accessible, the note as text, no horizontal scroll on a phone', async () => {
    const folder = outputFolder('print-synthesis');
    for (const [level, workbook] of workbooks) {
      const page = await chromium.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(workbook.replace(/\.xlsx$/, '.html')).href;
      await page.goto(url);
      expect(requests, level).toEqual([url]);
      await expect.poll(() => page.title()).toMatch(/^Synthèse pour le C[LRN]O/);
      expect(await page.locator('script').count()).toBe(0);
      await checkPage(page, folder, `page-${level}`);
      const headers = await page.locator('table').first().locator('thead th').allTextContents();
      expect(headers.slice(0, 3), level).toEqual(['Indicateur', 'T1 2025', 'T4 2024']);
      if (level !== 'cercle') {
        const notes = page.getByRole('table', { name: /^Notes d(u|es) CSR$/ });
        await expect.poll(() => notes.getByText(HOSTILE, { exact: true }).count()).toBe(1);
      }
      await page.setViewportSize({ width: 360, height: 740 });
      const scroll = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      expect(scroll, level).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });
});
