import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { runCliCaptured } from '@oise/cli';
import { FIXTURES, test } from '@oise/testkit';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';

/** One command at a given day of 2025 (08:00, Bamako). */
async function ok(day: string, args: string[]) {
  const run = await runCliCaptured(args, { OISE_NOW: `2025-${day}T08:00:00.000Z` });
  expect(run.code, `oise ${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
}

/** The courier: every bundle waiting in `from`'s outbox for `code`, into `to`'s inbox. */
function carry(from: string, code: string, to: string): string[] {
  const folder = join(from, 'outbox', code);
  const files = readdirSync(folder).filter((f) => f.endsWith('.oise.gz'));
  for (const f of files) copyFileSync(join(folder, f), join(to, 'inbox', basename(f)));
  return files;
}

async function sheetLines(file: string, sheet: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const lines: string[] = [];
  wb.getWorksheet(sheet)!.eachRow((row) => {
    lines.push(
      Array.from((row.values as ExcelJS.CellValue[]).slice(1))
        .map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '')))
        // A merged cell (a note over the table's width) reads once.
        .filter((v, i, all) => i === 0 || v === '' || v !== all[i - 1])
        .join(' | '),
    );
  });
  return lines;
}

const REASON = 'Les consultations prénatales de Baraoueli semblent sous-estimées : vérifiez le registre.';
const NOTE = 'Bonne tenue des listes ; revoir la santé maternelle avec le CSCOM de Baraoueli.';

describe('the CCC sees the CSR’s decision and note (oise status, next workbook, CCC report)', () => {
  test('a return with its reason, then a validation, reach the cercle with the CSR’s note', async ({
    tmp,
  }) => {
    const national = join(tmp, 'national');
    const region = join(tmp, 'segou');
    const cercle = join(tmp, 'baroueli');
    await ok('01-06', ['init', '--dir', national, '--level', 'national', '--code', 'ML']);
    await ok('01-06', ['territory', 'import', '--dir', national, FIXTURES.demoTerritory]);
    await ok('01-06', ['init', '--dir', region, '--level', 'region', '--code', 'ML04', '--parent', 'ML']);
    await ok('01-06', ['init', '--dir', cercle, '--level', 'cercle', '--code', 'ML0401', '--parent', 'ML04']);
    await ok('01-06', ['key', 'export', '--dir', region, '--out', join(tmp, 'ML04.json')]);
    await ok('01-06', ['key', 'export', '--dir', cercle, '--out', join(tmp, 'ML0401.json')]);
    await ok('01-06', ['enroll', '--dir', national, join(tmp, 'ML04.json')]);
    await ok('01-06', ['enroll', '--dir', region, join(tmp, 'demarrage-ML04.oise')]);
    await ok('01-06', ['enroll', '--dir', region, join(tmp, 'ML0401.json')]);
    await ok('01-06', ['enroll', '--dir', cercle, join(tmp, 'demarrage-ML0401.oise')]);
    const none = await ok('04-02', ['status', '--dir', cercle]);
    expect(none.stdout).toMatch(/Décisions de la région : aucune pour le moment\./);

    // The CCC enters a little and submits; the bundle goes up.
    const csv = join(tmp, 'saisie.csv');
    const write = (value: number) =>
      writeFileSync(
        csv,
        `code_collectivite;code_indicateur;periode;categorie;valeur\r\nML040101;SAN_CPN;2025T1;;${value}\r\nML040106;SAN_CPN;2025T1;;31\r\n`,
      );
    write(12);
    await ok('04-03', ['import', '--dir', cercle, csv]);
    await ok('04-03', ['quarter', 'submit', '--dir', cercle, '--quarter', '2025T1']);
    await ok('04-03', ['export', '--dir', cercle]);
    carry(cercle, 'ML04', region);
    await ok('04-05', ['ingest', '--dir', region]);

    // The CSR returns it with a reason and writes a note; both go down in the region's bundle.
    await ok('04-05', [
      'quarter',
      'return',
      '--dir',
      region,
      '--quarter',
      '2025T1',
      '--unit',
      'ML0401',
      '--reason',
      REASON,
    ]);
    await ok('04-05', ['note', '--dir', region, '--quarter', '2025T1', '--unit', 'ML0401', '--text', NOTE]);
    const down = JSON.parse(
      // The return and the note wrote their packages at once; a full export shows what the cercle holds from the region.
      (await ok('04-05', ['export', '--dir', region, '--to', 'ML0401', '--full', '--json'])).stdout,
    );
    const counts = down.written.reduce(
      (sum: Record<string, number>, w: { counts: Record<string, number> }) => {
        for (const [t, n] of Object.entries(w.counts)) sum[t] = (sum[t] ?? 0) + n;
        return sum;
      },
      {},
    );
    expect(counts.quarter_decision).toBe(1);
    expect(counts.quarter_note).toBe(1);
    carry(region, 'ML0401', cercle);
    await ok('04-06', ['ingest', '--dir', cercle]);

    const returned = await ok('04-06', ['status', '--dir', cercle]);
    expect(returned.stdout).toContain(
      `2025T1 (1er trimestre 2025) : renvoyé par la région le 5 avril 2025 (transmission n° 1) — motif : ${REASON}`,
    );
    expect(returned.stdout).toContain(`Note du CSR sur 2025T1 (ML04, 5 avril 2025) : ${NOTE}`);
    const json = JSON.parse((await ok('04-06', ['status', '--dir', cercle, '--json'])).stdout);
    expect(json.feedback).toEqual([
      expect.objectContaining({
        period: '2025Q1',
        status: 'returned',
        decision: expect.objectContaining({ decision: 'returned', reason: REASON }),
        note: expect.objectContaining({ text: NOTE, author: 'ML04' }),
      }),
    ]);

    // The workbook to correct opens with the reason (once) and the note.
    const again = join(tmp, 'saisie-T1.xlsx');
    await ok('04-06', ['template', '--dir', cercle, '--quarter', '2025T1', '--out', again]);
    const top = (await sheetLines(again, 'Instructions')).slice(0, 12).join('\n');
    expect(top).toMatch(/Retour de la région/);
    expect(top).toContain(`Note du CSR sur 2025T1 (ML04, 5 avril 2025) : ${NOTE}`);
    expect(top).toContain(`Motif : ${REASON}`);
    expect(top.split(REASON)).toHaveLength(2);

    // Corrected, submitted again, validated: the cercle sees « validé » on submission 2.
    write(19);
    await ok('04-07', ['import', '--dir', cercle, csv]);
    await ok('04-07', ['quarter', 'submit', '--dir', cercle, '--quarter', '2025T1']);
    await ok('04-07', ['export', '--dir', cercle]);
    carry(cercle, 'ML04', region);
    await ok('04-08', ['ingest', '--dir', region]);
    await ok('04-08', ['quarter', 'validate', '--dir', region, '--quarter', '2025T1', '--unit', 'ML0401']);
    await ok('04-08', ['export', '--dir', region]);
    carry(region, 'ML0401', cercle);
    // The cercle's pass takes the decision and writes the synthesis for its CLO with the note.
    const pass = await ok('04-09', ['run', '--dir', cercle, '--once']);
    expect(pass.stdout).toMatch(/Synthèse pour le CLO/);
    const clo = join(cercle, 'reports', 'synthese-CLO-ML0401-2025Q1.xlsx');
    expect((await sheetLines(clo, 'Synthèse')).join('\n')).toContain(NOTE);
    const validated = await ok('04-09', ['status', '--dir', cercle]);
    expect(validated.stdout).toContain(
      '2025T1 (1er trimestre 2025) : validé par la région le 8 avril 2025 (transmission n° 2).',
    );
    expect(validated.stdout).toContain(NOTE);
    expect(validated.stdout).not.toContain(REASON);

    // The CCC's report opens on the decision and the note.
    await ok('04-09', ['report', '--dir', cercle, '--quarter', '2025T1']);
    const report = join(cercle, 'reports', 'rapport-ccc-ML0401-2025Q1.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    expect(wb.worksheets.map((w) => w.name).slice(0, 3)).toEqual([
      'Couverture',
      'Décision du CSR',
      'Activités du CCC',
    ]);
    const sheet = await sheetLines(report, 'Décision du CSR');
    expect(sheet).toContain(
      '2025T1 (1er trimestre 2025) : validé par la région le 8 avril 2025 (transmission n° 2).',
    );
    expect(sheet).toContain(`2025T1 | validé | 2025-04-08 |  | ${NOTE}`);

    // And the next quarter's workbook starts with how the last one went.
    const next = join(tmp, 'saisie-T2.xlsx');
    await ok('07-02', ['template', '--dir', cercle, '--quarter', '2025T2', '--out', next]);
    const head = await sheetLines(next, 'Instructions');
    expect(head.slice(2, 5)).toEqual([
      'Retour de la région',
      '2025T1 (1er trimestre 2025) : validé par la région le 8 avril 2025 (transmission n° 2).',
      `Note du CSR sur 2025T1 (ML04, 5 avril 2025) : ${NOTE}`,
    ]);
  });
});
