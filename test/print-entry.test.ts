import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DOMAIN_LABELS, isComputed, listIndicators, loadHierarchy } from '@oise/catalog';
import { runCliCaptured } from '@oise/cli';
import { formatNumberFr, parseQuarter } from '@oise/core';
import { seedReportData } from '@oise/report/test-support';
import { FIXTURES, SHARED_DATA, TEST_NOW, makeTempDir, makeTestNode } from '@oise/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NO_PRINT_TOOLS,
  PRINT_TOOLS,
  hasWholeWords,
  pdfInfo,
  pdfPages,
  toPdf,
  wordsOf,
} from './pdf-print.js';

/**
 * What a CCC adviser prints, read back from the PDF LibreOffice makes of it: the entry workbook
 * of Barouéli (real territory: 13 communes) and the paper collection forms of its communes.
 * One conversion for the whole file; each test reads the pages.
 */

const NOW = TEST_NOW;
const CERCLE = 'ML0401';
/** The page footer: its left part on a line of its own, the page number on another. */
const FOOTER = /^Cercle de Barouéli \(ML0401\) — 1er trimestre 2025 — (.+)$/m;
const PAGE = /^page (\d+) sur (\d+)$/m;
const sheetOf = (page: string) => FOOTER.exec(page)?.[1]?.trim();

interface Indicator {
  code: string;
  labelFr: string;
  domain: string;
  disaggregation: string;
}

let root = '';
let template: string[] = [];
let fiches: string[] = [];
let templateInfo = { pages: 0, width: 0, height: 0 };
let fichesInfo = { pages: 0, width: 0, height: 0 };
let indicators: Indicator[] = [];
let communes: { code: string; name: string }[] = [];
let officials: { org_unit_code: string; full_name: string }[] = [];
let previous: { org_unit_code: string; value: number | null }[] = [];
let dir = '';

async function cli(...args: string[]) {
  return runCliCaptured(args, { OISE_NOW: NOW });
}

describe.skipIf(!PRINT_TOOLS)(
  `printing what a CCC adviser prints${PRINT_TOOLS ? '' : ` — skipped: ${NO_PRINT_TOOLS}`}`,
  () => {
    beforeAll(async () => {
      root = makeTempDir('oise-print-');
      const node = await makeTestNode(root, 'cercle', CERCLE, {
        territoryFile: SHARED_DATA.available ? SHARED_DATA.communes : FIXTURES.demoTerritory,
      });
      // Last quarter's figures and roster, so the forms show them beside the boxes.
      await seedReportData(node.db, {
        root: CERCLE,
        quarter: '2024Q4',
        quarters: 1,
        owner: CERCLE,
        now: NOW,
      });
      indicators = (await listIndicators(node.db)).filter((d) => !isComputed(d));
      communes = (await loadHierarchy(node.db, parseQuarter('2025Q1')))
        .descendantsAt(CERCLE, 'commune')
        .map((c) => ({ code: c.code, name: c.name }));
      officials = await node.db
        .selectFrom('elected_official')
        .select(['org_unit_code', 'full_name'])
        .execute();
      previous = await node.db
        .selectFrom('data_value')
        .select(['org_unit_code', 'value'])
        .where('indicator_code', '=', 'SAN_CONSULT_CURATIVES')
        .where('period', '=', '2024Q4')
        .execute();
      await node.close();
      dir = join(root, CERCLE);
      const workbook = join(root, 'saisie-T1.xlsx');
      const forms = join(root, 'fiches-T1.xlsx');
      expect((await cli('template', '--dir', dir, '--quarter', '2025T1', '--out', workbook)).code).toBe(0);
      const made = await cli('fiches', '--dir', dir, '--quarter', '2025T1', '--out', forms);
      expect(made.stderr).toBe('');
      expect(made.code).toBe(0);
      expect(made.stdout).toContain(
        `Fiches de collecte écrites : ${forms} (1er trimestre 2025, ${communes.length} commune(s)`,
      );
      const [a, b] = toPdf([workbook, forms], join(root, 'pdf'));
      template = pdfPages(a!);
      fiches = pdfPages(b!);
      templateInfo = pdfInfo(a!);
      fichesInfo = pdfInfo(b!);
    });
    afterAll(() => {
      if (root) rmSync(root, { recursive: true, force: true });
    });

    it('the entry workbook: A4 landscape, far fewer than 63 pages, each page names its cercle, quarter and sheet', () => {
      expect(templateInfo.width).toBeGreaterThan(templateInfo.height);
      expect(Math.round(templateInfo.width)).toBe(842);
      expect(template.length).toBeGreaterThan(10);
      expect(template.length).toBeLessThanOrEqual(40);
      template.forEach((page, i) => {
        expect(sheetOf(page), `page ${i + 1}`).toBeDefined();
        const number = PAGE.exec(page);
        expect(Number(number?.[1]), `page ${i + 1}`).toBe(i + 1);
        expect(Number(number?.[2])).toBe(template.length);
      });
    });

    it('every page of a domain sheet has the commune columns, all the communes and its headers whole', () => {
      const domains = new Set(Object.values(DOMAIN_LABELS));
      let domainPages = 0;
      for (const [i, page] of template.entries()) {
        const sheet = sheetOf(page)!;
        if (!domains.has(sheet)) continue;
        domainPages++;
        const where = `page ${i + 1} (${sheet})`;
        // The repeated title rows and columns: the sheet's title, the headers, every commune.
        expect(
          hasWholeWords(page, `${sheet} — cercle de Barouéli (ML0401) — 1er trimestre 2025`),
          where,
        ).toBe(true);
        for (const header of ['Indicateur', 'Code · unité · bornes', 'Code', 'Commune', 'T4 2024'])
          expect(hasWholeWords(page, header), `${where}: ${header}`).toBe(true);
        for (const c of communes) {
          expect(wordsOf(page), `${where}: ${c.code}`).toContain(c.code.toLowerCase());
          expect(hasWholeWords(page, c.name), `${where}: ${c.name}`).toBe(true);
        }
      }
      expect(domainPages).toBeGreaterThanOrEqual(9);
    });

    it('every indicator prints whole on exactly one page: its code, its full label, its F, M and total', () => {
      for (const d of indicators) {
        const pages = template.flatMap((page, i) =>
          wordsOf(page).includes(d.code.toLowerCase()) ? [i] : [],
        );
        expect(pages, d.code).toHaveLength(1);
        const page = template[pages[0]!]!;
        expect(hasWholeWords(page, d.labelFr), `${d.code} : « ${d.labelFr} » page ${pages[0]! + 1}`).toBe(
          true,
        );
        if (d.disaggregation === 'sex') expect(hasWholeWords(page, 'F M Total'), d.code).toBe(true);
      }
    });

    it('the lists print with their column headers whole on every page', () => {
      const lists: Record<string, string[]> = {
        'Liste des élus': [
          'Collectivité',
          'Nom et prénom',
          'Fonction',
          'Sexe',
          'Année de naissance',
          'Scolarité',
        ],
        Formations: ['Thème', 'Date de début', 'Participantes (F)', 'Participants (M)', 'Public cible'],
        'Activités CCC': ["Type d'activité", 'Date', 'Description', 'Participants'],
      };
      for (const [sheet, headers] of Object.entries(lists)) {
        const pages = template.filter((p) => sheetOf(p) === sheet);
        expect(pages.length, sheet).toBeGreaterThanOrEqual(1);
        for (const page of pages)
          for (const h of [...headers, 'Identifiant (ne pas modifier)'])
            expect(hasWholeWords(page, h), `${sheet}: ${h}`).toBe(true);
      }
    });

    it('the collection forms: A4 portrait, every page names its commune, a few pages per commune', () => {
      expect(fichesInfo.height).toBeGreaterThan(fichesInfo.width);
      expect(Math.round(fichesInfo.height)).toBe(842);
      const byCommune = new Map<string, number>();
      let last = '';
      fiches.forEach((page, i) => {
        const footer = /^Fiche de collecte — commune de (.+) \((ML\d{6})\) — 1er trimestre 2025$/m.exec(page);
        expect(footer, `page ${i + 1}`).not.toBeNull();
        expect(page, `page ${i + 1}`).toMatch(/^page \d+$/m);
        const code = footer![2]!;
        // A commune's pages follow each other: one sheet, one commune.
        if (code !== last) expect(byCommune.has(code), `page ${i + 1}`).toBe(false);
        last = code;
        byCommune.set(code, (byCommune.get(code) ?? 0) + 1);
      });
      expect([...byCommune.keys()]).toEqual(communes.map((c) => c.code));
      for (const [code, pages] of byCommune) {
        expect(pages, code).toBeGreaterThanOrEqual(4);
        expect(pages, code).toBeLessThanOrEqual(9);
      }
    });

    it("each commune's form holds every indicator once, whole, with its unit, last quarter's value and the headers of its page", async () => {
      const ofCommune = (code: string) => fiches.filter((p) => p.includes(`(${code}) — 1er trimestre 2025`));
      const headers = [
        'Indicateur (code)',
        'Unité et bornes',
        'Catégorie',
        'T4 2024',
        '1er trim. 2025 à remplir',
      ];
      for (const c of communes) {
        const pages = ofCommune(c.code);
        for (const d of indicators) {
          const on = pages.filter((p) => wordsOf(p).includes(d.code.toLowerCase()));
          expect(on, `${c.code} ${d.code}`).toHaveLength(1);
          expect(hasWholeWords(on[0]!, d.labelFr), `${c.code} ${d.code}`).toBe(true);
          for (const h of headers) expect(hasWholeWords(on[0]!, h), `${c.code} ${d.code}: ${h}`).toBe(true);
        }
        // Last quarter's figure beside the box.
        const consultations = pages.find((p) => wordsOf(p).includes('san_consult_curatives'))!;
        const before = previous.find((v) => v.org_unit_code === c.code);
        if (before?.value != null)
          expect(hasWholeWords(consultations, formatNumberFr(before.value))).toBe(true);
        // Pupils are girls and boys; teachers women and men.
        const pupils = pages.find((p) => wordsOf(p).includes('edu_eleves_inscrits'))!;
        expect(hasWholeWords(pupils, 'Filles Garçons Total')).toBe(true);
        // The officials known last quarter, to check, and the lists' headers.
        const mine = officials.filter((o) => o.org_unit_code === c.code);
        expect(mine.length).toBeGreaterThan(0);
        const all = pages.join('\n');
        for (const o of mine) expect(hasWholeWords(all, o.full_name), `${c.code} ${o.full_name}`).toBe(true);
        for (const h of ['Nom et prénom', 'Fonction', 'Scolarité', 'Thème', 'Public cible', 'Financeur'])
          expect(hasWholeWords(all, h), `${c.code}: ${h}`).toBe(true);
      }
    });

    it('oise fiches for one commune by its name; an unknown commune is refused in French', async () => {
      const one = join(root, 'fiche-baraoueli.xlsx');
      const first = communes[0]!;
      const made = await cli(
        'fiches',
        '--dir',
        dir,
        '--quarter',
        '2025T1',
        '--commune',
        first.name.toUpperCase(),
        '--out',
        one,
        '--json',
      );
      expect(made.code).toBe(0);
      expect(JSON.parse(made.stdout)).toMatchObject({
        out: one,
        quarter: '2025Q1',
        communes: [{ code: first.code, name: first.name }],
        indicators: indicators.length,
      });
      const refused = await cli(
        'fiches',
        '--dir',
        dir,
        '--quarter',
        '2025T1',
        '--commune',
        'Tombouctou',
        '--out',
        one,
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /la commune « Tombouctou » n'est pas dans le cercle de Barouéli \(ML0401\)/,
      );
    });
  },
);
