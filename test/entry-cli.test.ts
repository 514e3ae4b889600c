import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliCaptured } from '@oise/cli';
import { withNode } from '@oise/node';
import { makeTestNode, test } from '@oise/testkit';
import { returnQuarter } from '@oise/workflow';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';

const NOW = '2025-04-10T09:00:00.000Z';

function cli(args: string[]) {
  return runCliCaptured(args, { OISE_NOW: NOW });
}

/** The cell a person would type into: the commune's row, the indicator's column (F, M, then total). */
function cellFor(ws: ExcelJS.Worksheet, commune: string, indicator: string, category: '' | 'F' | 'M') {
  let row = 0;
  ws.getColumn(1).eachCell((c, r) => {
    if (c.value === commune) row = r;
  });
  let col = 0;
  ws.getRow(3).eachCell((c, n) => {
    if (!col && String(c.value).startsWith(`${indicator} ·`)) col = n;
  });
  const sexed = ws.getCell(4, col).value === 'F';
  return ws.getCell(row, col + (category === 'M' ? 2 : category === '' && sexed ? 4 : 0));
}

async function cercleNode(tmp: string): Promise<string> {
  const node = await makeTestNode(tmp, 'cercle', 'ML0401');
  await node.close();
  return join(tmp, 'ML0401');
}

describe('oise template / import / quarter (data entry for CCC advisers)', () => {
  test('a template filled in Excel comes back exactly; re-import is a no-op; the quarter locks on submit', async ({
    tmp,
  }) => {
    const dir = await cercleNode(tmp);
    const out = join(tmp, 'saisie-T1.xlsx');
    const made = await cli(['template', '--dir', dir, '--quarter', '2025T1', '--out', out, '--json']);
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ quarter: '2025Q1', communes: 5, prefilled: 0 });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const written = [
      { sheet: 'Santé', commune: 'ML040106', indicator: 'SAN_CSCOM', category: '' as const, value: 4 },
      { sheet: 'Santé', commune: 'ML040112', indicator: 'SAN_CSCOM_FONCT', category: '' as const, value: 1 },
      {
        sheet: 'Éducation',
        commune: 'ML040109',
        indicator: 'EDU_ELEVES_INSCRITS',
        category: 'F' as const,
        value: 812,
      },
      {
        sheet: 'Éducation',
        commune: 'ML040109',
        indicator: 'EDU_ELEVES_INSCRITS',
        category: 'M' as const,
        value: 790,
      },
      {
        sheet: 'Hydraulique',
        commune: 'ML040101',
        indicator: 'HYD_FORAGES',
        category: '' as const,
        value: 17,
      },
    ];
    for (const w of written)
      cellFor(wb.getWorksheet(w.sheet)!, w.commune, w.indicator, w.category).value = w.value;
    await wb.xlsx.writeFile(out);

    const imported = await cli(['import', '--dir', dir, out, '--json']);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const doc = JSON.parse(imported.stdout);
    expect(doc).toMatchObject({ accepted: true, written: true, errors: 0, journalRows: written.length });
    expect(doc.counts.dataValues).toMatchObject({ inserted: written.length, updated: 0 });

    await withNode(dir, async (node) => {
      for (const w of written) {
        const row = await node.db
          .selectFrom('data_value')
          .selectAll()
          .where('org_unit_code', '=', w.commune)
          .where('indicator_code', '=', w.indicator)
          .where('period', '=', '2025Q1')
          .where('category', '=', w.category)
          .executeTakeFirstOrThrow();
        expect(row).toMatchObject({
          value: w.value,
          revision: 1,
          owner: 'ML0401',
          author: 'ML0401',
          channel: 'xlsx',
        });
      }
    });
    // Each value entered is what `oise query` answers for its commune.
    for (const w of written) {
      const args = [
        'query',
        '--dir',
        dir,
        '--indicator',
        w.indicator,
        '--unit',
        w.commune,
        '--period',
        '2025Q1',
        '--json',
      ];
      const q = await cli(w.category ? [...args, '--category', w.category] : args);
      expect(q.code).toBe(0);
      expect(JSON.parse(q.stdout).value).toBe(w.value);
    }

    const again = await cli(['import', '--dir', dir, out, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ journalRows: 0, written: false });

    // Submitting closes the quarter: a new import of it is refused, line by line.
    const submitted = await cli(['quarter', 'submit', '--dir', dir, '--quarter', '2025Q1']);
    expect(submitted.code).toBe(0);
    expect(submitted.stdout).toContain('transmission n° 1');
    cellFor(wb.getWorksheet('Santé')!, 'ML040106', 'SAN_CSCOM', '').value = 5;
    await wb.xlsx.writeFile(out);
    const locked = await cli(['import', '--dir', dir, out]);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain('QUARTER_READ_ONLY');
    expect(locked.stderr).toContain('lecture seule');

    // The CSR returns it (the decision reaches the cercle's database as its DOWN bundle would bring it):
    // the quarter reopens and the next workbook shows the reason.
    await withNode(dir, (node) =>
      returnQuarter(
        { db: node.db, identity: { code: 'ML04', level: 'region', parentCode: 'ML' } },
        'ML0401',
        '2025Q1',
        'Tamani : forages à vérifier',
        { now: NOW },
      ),
    );
    const status = JSON.parse((await cli(['status', '--dir', dir, '--json'])).stdout);
    expect(status.quarters).toMatchObject([
      {
        unit: 'ML0401',
        period: '2025Q1',
        status: 'returned',
        submissionNumber: 1,
        returnedReason: 'Tamani : forages à vérifier',
      },
    ]);
    const next = join(tmp, 'saisie-T1-bis.xlsx');
    const remade = await cli(['template', '--dir', dir, '--quarter', '2025Q1', '--out', next]);
    expect(remade.stdout).toContain('Tamani : forages à vérifier');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(next);
    const texts: string[] = [];
    wb2.getWorksheet('Instructions')!.eachRow((r) => texts.push(String(r.getCell(1).value)));
    expect(texts.some((t) => t.includes('Motif : Tamani : forages à vérifier'))).toBe(true);
    expect(cellFor(wb2.getWorksheet('Santé')!, 'ML040106', 'SAN_CSCOM', '').value).toBe(4);
    expect((await cli(['import', '--dir', dir, out])).code).toBe(0);
  });

  test('a hostile CSV is refused line by line with the database unchanged; --partial keeps the good lines', async ({
    tmp,
  }) => {
    const dir = await cercleNode(tmp);
    const path = join(tmp, 'saisie.csv');
    const lines = [
      'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire',
      'ML040101;SAN_CSCOM;2025T1;;2;',
      'ML040101;GOV_BUDGET_PREVU;2025Q1;;12\u00a0500\u00a0000,5;budget primitif',
      'ML030101;SAN_CSCOM;2025Q1;;1;',
      'ML040109;SAN_CSCOM;2025Q1;;deux;',
      'ML040101;SAN_CSCOM;2025T1;;2;',
      '',
      'ML040110;SAN_CSCOM;2025Q1',
    ];
    writeFileSync(path, `\ufeff${lines.join('\r\n')}`);
    const before = JSON.parse((await cli(['status', '--dir', dir, '--json'])).stdout).dataValues;
    const refused = await cli(['import', '--dir', dir, path]);
    expect(refused.code).toBe(1);
    const findingLines = refused.stderr.split('\n').filter((l) => l.startsWith('saisie.csv'));
    expect(findingLines.map((l) => /ligne (\d+)/.exec(l)?.[1])).toEqual(['4', '5', '6', '8']);
    expect(refused.stdout).toBe('');
    expect(JSON.parse((await cli(['status', '--dir', dir, '--json'])).stdout).dataValues).toBe(before);

    const dry = await cli(['import', '--dir', dir, path, '--partial', '--dry-run']);
    expect(dry.code).toBe(3);
    expect(existsSync(join(tmp, 'saisie-rejets.csv'))).toBe(false);

    const partial = await cli(['import', '--dir', dir, path, '--partial']);
    expect(partial.code).toBe(3);
    expect(partial.stdout).toContain('Import partiel : 2 lignes enregistrées, 4 refusées');
    const rejects = readFileSync(join(tmp, 'saisie-rejets.csv'), 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(rejects[0]).toBe('code_collectivite;code_indicateur;periode;categorie;valeur;commentaire;motif');
    expect(rejects.slice(1).map((l) => l.split(';').slice(0, 5).join(';'))).toEqual([
      'ML030101;SAN_CSCOM;2025Q1;;1',
      'ML040109;SAN_CSCOM;2025Q1;;deux',
      'ML040101;SAN_CSCOM;2025T1;;2',
      'ML040110;SAN_CSCOM;2025Q1;;',
    ]);
    expect(JSON.parse((await cli(['status', '--dir', dir, '--json'])).stdout).dataValues).toBe(before + 2);
  });

  test.skipIf(spawnSync('soffice', ['--version']).status !== 0)(
    'the workbook survives a save by LibreOffice Calc and imports back (needs soffice on the PATH)',
    async ({ tmp }) => {
      const dir = await cercleNode(tmp);
      const out = join(tmp, 'saisie.xlsx');
      await cli(['template', '--dir', dir, '--quarter', '2025Q1', '--out', out]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      cellFor(wb.getWorksheet('Santé')!, 'ML040106', 'SAN_CSCOM', '').value = 3;
      await wb.xlsx.writeFile(out);
      const conv = join(tmp, 'calc');
      const r = spawnSync('soffice', ['--headless', '--convert-to', 'xlsx', '--outdir', conv, out], {
        timeout: 120_000,
      });
      expect(r.status).toBe(0);
      const imported = await cli(['import', '--dir', dir, join(conv, 'saisie.xlsx'), '--json']);
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.stdout).counts.dataValues.inserted).toBe(1);
    },
  );
});
