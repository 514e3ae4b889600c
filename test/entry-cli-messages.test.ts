import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliCaptured } from '@oise/cli';
import { withNode } from '@oise/node';
import { makeTestNode, test } from '@oise/testkit';
import { validateQuarter } from '@oise/workflow';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';

// What a CCC adviser reads from `oise import` (issue 13: messages that were silent, repeated
// or in English). The demo territory is Mali's: Barouéli (ML0401) has Baraoueli, Konobougou,
// Saminé, Sanando and Tamani on rows 5 to 9 of each domain sheet; Cinzana (ML040204) is in the
// Ségou cercle (ML0402).

const NOW = '2025-04-10T09:00:00.000Z';
const cli = (args: string[]) => runCliCaptured(args, { OISE_NOW: NOW });

async function cercle(tmp: string): Promise<string> {
  const node = await makeTestNode(tmp, 'cercle', 'ML0401');
  await node.close();
  return join(tmp, 'ML0401');
}

async function template(dir: string, out: string): Promise<ExcelJS.Workbook> {
  const made = await cli(['template', '--dir', dir, '--quarter', '2025T1', '--out', out]);
  expect(made.code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  return wb;
}

/** The entry column of an indicator (its F, M or total column when disaggregated by sex). */
function columnOf(ws: ExcelJS.Worksheet, indicator: string, category: '' | 'F' | 'M' = ''): number {
  let col = 0;
  ws.getRow(3).eachCell((c, n) => {
    if (!col && String(c.value).startsWith(`${indicator} ·`)) col = n;
  });
  const sexed = ws.getCell(4, col).value === 'F';
  return col + (category === 'M' ? 2 : category === '' && sexed ? 4 : 0);
}

function rowOf(ws: ExcelJS.Worksheet, commune: string): number {
  let row = 0;
  ws.getColumn(1).eachCell((c, r) => {
    if (c.value === commune) row = r;
  });
  return row;
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const INTERNAL_NAMES = /\b(period|officials|trainings|activities|mandate_start|org_unit_code|orgUnit)\b/;

describe('oise import says what it refuses, once, in French', () => {
  test("a workbook row for another cercle's commune is refused as in a CSV, not dropped", async ({ tmp }) => {
    const dir = await cercle(tmp);
    const out = join(tmp, 'saisie-T1.xlsx');
    const wb = await template(dir, out);
    const sante = wb.getWorksheet('Santé')!;
    // The adviser unprotects the sheet (no password) and adds Cinzana below the communes.
    sante.unprotect();
    sante.getCell('A10').value = 'ML040204';
    sante.getCell('B10').value = 'Cinzana';
    sante.getCell(10, columnOf(sante, 'SAN_CSCOM')).value = 2;
    sante.getCell(rowOf(sante, 'ML040101'), columnOf(sante, 'SAN_CSCOM')).value = 4;
    // … and names a councillor of Cinzana in the list of officials.
    wb.getWorksheet('Liste des élus')!.getRow(2).values = [
      'Cinzana (ML040204)',
      'Oumar Coulibaly',
      'Conseiller communal',
      'M',
      1975,
      'Primaire',
      'oui',
    ];
    await wb.xlsx.writeFile(out);

    const refused = await cli(['import', '--dir', dir, out]);
    expect(refused.code).toBe(1);
    expect(lines(refused.stderr)).toEqual([
      "saisie-T1.xlsx, feuille « Liste des élus », ligne 2, colonne A : [refusé ORG_UNIT_OUTSIDE_SCOPE] la commune Cinzana (ML040204) n'est pas dans le cercle Barouéli (ML0401) : ses données sont saisies par son propre CCC.",
      "saisie-T1.xlsx, feuille « Santé », ligne 10, colonne A : [refusé ORG_UNIT_OUTSIDE_SCOPE] la commune Cinzana (ML040204) n'est pas dans le cercle Barouéli (ML0401) : ses données sont saisies par son propre CCC.",
      "Import refusé : 2 erreurs, rien n'a été enregistré. Corrigez les lignes signalées puis importez de nouveau (ou --partial pour n'enregistrer que les lignes valides).",
    ]);

    // The same line in a CSV: the same rule, the same words.
    const csv = join(tmp, 'saisie.csv');
    writeFileSync(
      csv,
      'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire\r\nML040204;SAN_CSCOM;2025T1;;2;\r\n',
    );
    const fromCsv = await cli(['import', '--dir', dir, csv]);
    expect(lines(fromCsv.stderr)[0]).toBe(
      "saisie.csv, ligne 2, colonne A : [refusé ORG_UNIT_OUTSIDE_SCOPE] la commune Cinzana (ML040204) n'est pas dans le cercle Barouéli (ML0401) : ses données sont saisies par son propre CCC.",
    );

    // With --partial, the commune's row and the councillor are refused, counted and written aside.
    const partial = await cli(['import', '--dir', dir, out, '--partial']);
    expect(partial.code).toBe(3); // part stored, part refused
    expect(lines(partial.stdout)).toEqual([
      'Import partiel : 1 ligne enregistrée, 2 refusées, 0 ignorée ; 1 changement au journal, 0 avertissement.',
      '  valeurs : 1 nouvelle, 0 modifiée, 0 supprimée, 0 inchangée',
      `  lignes refusées de saisie-T1.xlsx : ${join(tmp, 'saisie-T1-valeurs-rejets.csv')}`,
      `  lignes refusées de saisie-T1.xlsx : ${join(tmp, 'saisie-T1-elus-rejets.csv')}`,
    ]);
    const rejected = readFileSync(join(tmp, 'saisie-T1-valeurs-rejets.csv'), 'utf8').split('\r\n');
    expect(rejected[1]).toBe(
      "ML040204;SAN_CSCOM;2025Q1;;2;colonne A : la commune Cinzana (ML040204) n'est pas dans le cercle Barouéli (ML0401) : ses données sont saisies par son propre CCC.",
    );
  });

  test('re-importing after validation: one line when nothing changes, one per quarter when something would', async ({
    tmp,
  }) => {
    const dir = await cercle(tmp);
    const out = join(tmp, 'saisie-T1.xlsx');
    const wb = await template(dir, out);
    const sante = wb.getWorksheet('Santé')!;
    const cscom = columnOf(sante, 'SAN_CSCOM');
    for (const [i, commune] of ['ML040101', 'ML040106', 'ML040109', 'ML040110', 'ML040112'].entries())
      sante.getCell(rowOf(sante, commune), cscom).value = i + 1;
    wb.getWorksheet('Liste des élus')!.getRow(2).values = [
      'Tamani (ML040112)',
      'Awa Traoré',
      'Maire',
      'F',
      1970,
      'Secondaire',
      'oui',
      2016,
      2021,
    ];
    await wb.xlsx.writeFile(out);
    const first = await cli(['import', '--dir', dir, out]);
    expect(first.stderr).toBe('');
    expect(lines(first.stdout)[0]).toBe(
      'Import terminé : 6 lignes enregistrées, 0 refusée, 0 ignorée ; 6 changements au journal, 0 avertissement.',
    );

    // Unchanged, before any decision: « aucune modification ».
    const same = await cli(['import', '--dir', dir, out]);
    expect(same.stderr).toBe('');
    expect(lines(same.stdout)).toEqual([
      'Import terminé : aucune modification (6 lignes identiques à ce qui est enregistré).',
    ]);

    expect((await cli(['quarter', 'submit', '--dir', dir, '--quarter', '2025T1'])).code).toBe(0);
    // The region validates (its decision reaches the cercle's database as its DOWN bundle would bring it).
    await withNode(dir, (node) =>
      validateQuarter(
        { db: node.db, identity: { code: 'ML04', level: 'region', parentCode: 'ML' } },
        'ML0401',
        '2025Q1',
        { now: NOW },
      ),
    );

    const again = await cli(['import', '--dir', dir, out]);
    expect(again.code).toBe(0);
    expect(lines(again.stderr)).toEqual([
      "saisie-T1.xlsx : [attention QUARTER_READ_ONLY_UNCHANGED] le 1er trimestre 2025 de Barouéli (ML0401) a été validé par la région : ce fichier n'y change rien (6 saisies identiques à ce qui est enregistré).",
    ]);
    expect(lines(again.stdout)).toEqual([
      'Import terminé : aucune modification (6 lignes identiques à ce qui est enregistré) ; 1 avertissement.',
    ]);

    // Now the file would change the validated quarter: two figures changed (one unreadable), a new one.
    sante.getCell(rowOf(sante, 'ML040101'), cscom).value = 9;
    sante.getCell(rowOf(sante, 'ML040106'), cscom).value = 'douze';
    sante.getCell(rowOf(sante, 'ML040101'), columnOf(sante, 'SAN_MEDECINS')).value = 2;
    await wb.xlsx.writeFile(out);
    const changed = await cli(['import', '--dir', dir, out]);
    expect(changed.code).toBe(1);
    const cscomLetter = sante.getColumn(cscom).letter;
    const medLetter = sante.getColumn(columnOf(sante, 'SAN_MEDECINS')).letter;
    expect(lines(changed.stderr)).toEqual([
      `saisie-T1.xlsx : [refusé QUARTER_READ_ONLY] le 1er trimestre 2025 de Barouéli (ML0401) a été validé par la région : il est en lecture seule, et ce fichier y change 3 saisies (feuille « Santé », ligne 5, colonne ${cscomLetter} ; feuille « Santé », ligne 5, colonne ${medLetter} ; feuille « Santé », ligne 6, colonne ${cscomLetter}). Pour le modifier, demandez au chargé de suivi régional de vous le renvoyer (oise quarter return). Sinon, remettez ce qui est enregistré (un nouveau classeur d'oise template le montre).`,
      "Import refusé : 1 erreur, rien n'a été enregistré. Corrigez les lignes signalées puis importez de nouveau (ou --partial pour n'enregistrer que les lignes valides).",
    ]);
    expect(changed.stdout + changed.stderr).not.toMatch(INTERNAL_NAMES);

    // --partial keeps what changes nothing and writes the three refused figures aside, each with its reason.
    const partial = await cli(['import', '--dir', dir, out, '--partial']);
    expect(partial.code).toBe(3); // part stored, part refused
    const rejects = readFileSync(join(tmp, 'saisie-T1-rejets.csv'), 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n');
    expect(rejects[0]).toBe('code_collectivite;code_indicateur;periode;categorie;valeur;motif');
    expect(rejects.slice(1, 4).map((l) => l.split(';').slice(0, 5).join(';'))).toEqual([
      'ML040101;SAN_CSCOM;2025Q1;;9',
      'ML040101;SAN_MEDECINS;2025Q1;;2',
      'ML040106;SAN_CSCOM;2025Q1;;douze',
    ]);
    expect(rejects[1]).toContain(
      'le 1er trimestre 2025 de Barouéli (ML0401) a été validé par la région : il est en lecture seule.',
    );
    expect(lines(partial.stdout)[0]).toBe(
      'Import terminé : aucune modification (4 lignes identiques à ce qui est enregistré) ; 3 refusées.',
    );

    // A workbook made after validation shows the stored official: emptying its row would delete it.
    const bis = join(tmp, 'saisie-T1-bis.xlsx');
    const wb2 = await template(dir, bis);
    wb2.getWorksheet('Liste des élus')!.getRow(2).values = [];
    await wb2.xlsx.writeFile(bis);
    const removal = await cli(['import', '--dir', dir, bis]);
    expect(removal.code).toBe(1);
    expect(lines(removal.stderr)[0]).toBe(
      "saisie-T1-bis.xlsx : [refusé QUARTER_READ_ONLY] le 1er trimestre 2025 de Barouéli (ML0401) a été validé par la région : il est en lecture seule, et ce fichier y change 1 saisie (feuille « Liste des élus », ligne 2). Pour le modifier, demandez au chargé de suivi régional de vous le renvoyer (oise quarter return). Sinon, remettez ce qui est enregistré (un nouveau classeur d'oise template le montre).",
    );
    const kept = await withNode(dir, (node) =>
      node.db.selectFrom('elected_official').select('deleted').executeTakeFirstOrThrow(),
    );
    expect(kept.deleted).toBe(0);
  });

  test('every header shows its expected form; a date where a year is meant gives its year, with a note', async ({
    tmp,
  }) => {
    const dir = await cercle(tmp);
    const out = join(tmp, 'saisie-T1.xlsx');
    const wb = await template(dir, out);
    const header = (sheet: string) =>
      (wb.getWorksheet(sheet)!.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    expect(header('Liste des élus')).toEqual([
      'Collectivité (liste) *',
      'Nom et prénom *',
      'Fonction (liste) *',
      'Sexe (F/M) *',
      'Année de naissance (aaaa)',
      'Scolarité (liste) *',
      'Alphabétisé (oui/non) *',
      'Début du mandat (année)',
      'Fin du mandat (année)',
      'Identifiant (ne pas modifier)',
    ]);
    expect(header('Formations')).toEqual([
      'Collectivité (liste) *',
      'Thème *',
      'Date de début (jj/mm/aaaa) *',
      'Date de fin (jj/mm/aaaa)',
      'Nombre de jours (ex. 1,5) *',
      'Participantes F (nombre) *',
      'Participants M (nombre) *',
      'Public cible (liste) *',
      'Financeur',
      'Coût (FCFA)',
      'Identifiant (ne pas modifier)',
    ]);
    expect(header('Activités CCC')).toEqual([
      'Collectivité (liste) *',
      "Type d'activité (liste) *",
      'Date (jj/mm/aaaa) *',
      'Nombre de jours (ex. 1,5) *',
      'Description *',
      'Participants (nombre)',
      'Identifiant (ne pas modifier)',
    ]);
    // Domain sheets: row 3 gives the code, the form with its unit, and the bounds.
    const row3 = (sheet: string, code: string) => {
      const ws = wb.getWorksheet(sheet)!;
      return String(ws.getCell(3, columnOf(ws, code, 'F') || columnOf(ws, code)).value);
    };
    expect(row3('Santé', 'SAN_CSCOM')).toBe('SAN_CSCOM · nombre entier · 0 à 30');
    expect(row3('Santé', 'SAN_RUPTURE_MAX')).toBe('SAN_RUPTURE_MAX · jours, nombre entier · 0 à 92');
    expect(row3('Éducation', 'EDU_ELEVES_INSCRITS')).toMatch(/^EDU_ELEVES_INSCRITS · nombre entier · 0 à /);
    for (const ws of wb.worksheets.filter((w) => w.state === 'visible' && w.name !== 'Instructions')) {
      if (ws.getCell('A3').value !== 'Code · unité · bornes') continue;
      ws.getRow(3).eachCell((c, n) => {
        if (n > 2) expect(String(c.value)).toMatch(/^[A-Z0-9_]+ · (nombre entier|oui\/non|texte|%|FCFA|\S+)/);
      });
    }

    // The adviser types the date of the installation where the year is asked.
    wb.getWorksheet('Liste des élus')!.getRow(2).values = [
      'Tamani (ML040112)',
      'Awa Traoré',
      'Maire',
      'F',
      1970,
      'Secondaire',
      'oui',
      new Date(Date.UTC(2016, 10, 20)),
      '2021',
    ];
    await wb.xlsx.writeFile(out);
    const imported = await cli(['import', '--dir', dir, out]);
    expect(imported.code).toBe(0);
    expect(lines(imported.stderr)).toEqual([
      "saisie-T1.xlsx, feuille « Liste des élus », ligne 2, colonne H : [attention YEAR_FROM_DATE] « 20/11/2016 » est une date : l'année 2016 a été retenue pour « Début du mandat », qui attend une année.",
    ]);
    const official = await withNode(dir, (node) =>
      node.db.selectFrom('elected_official').selectAll().executeTakeFirstOrThrow(),
    );
    expect(official).toMatchObject({ full_name: 'Awa Traoré', mandate_start: 2016, mandate_end: 2021 });

    // Lists saved as CSV with the old headers (workbooks in circulation) and with the new ones both import.
    const old = join(tmp, 'formations-ancien.csv');
    writeFileSync(
      old,
      [
        'Collectivité *;Thème *;Date de début *;Date de fin;Nombre de jours *;Participantes (F) *;Participants (M) *;Public cible *;Financeur;Coût (FCFA)',
        'Tamani (ML040112);Budget participatif;14/02/2025;15/02/2025;2;6;9;Élus;ANICT;250000',
      ].join('\r\n'),
    );
    const current = join(tmp, 'formations.csv');
    writeFileSync(
      current,
      [
        `${header('Formations').slice(0, -1).join(';')}`,
        'Saminé (ML040109);État civil;03/03/2025;04/03/2025;1,5;4;7;Agents des collectivités;;',
      ].join('\r\n'),
    );
    const lists = await cli(['import', '--dir', dir, old, current, '--quarter', '2025T1']);
    expect(lists.stderr).toBe('');
    expect(lines(lists.stdout)).toEqual([
      'Import terminé : 2 lignes enregistrées, 0 refusée, 0 ignorée ; 2 changements au journal, 0 avertissement.',
      '  formations : 2 nouvelles, 0 modifiée, 0 supprimée, 0 inchangée',
    ]);
    // A year field that is neither a year nor a date says what to write.
    const bad = join(tmp, 'elus.csv');
    writeFileSync(
      bad,
      [
        'Collectivité;Nom et prénom;Fonction;Sexe (F/M);Scolarité;Alphabétisé (oui/non);Début du mandat (année)',
        'Tamani (ML040112);Ali Diarra;Conseiller communal;M;Primaire;oui;mars',
      ].join('\r\n'),
    );
    const year = await cli(['import', '--dir', dir, bad, '--quarter', '2025T1']);
    expect(lines(year.stderr)[0]).toBe(
      "elus.csv, ligne 2, colonne G : [refusé VALUE_NOT_YEAR] « mars » n'est pas une année : écrivez l'année sur 4 chiffres pour « Début du mandat », par exemple 2016.",
    );
  });

  test('F + M ≠ total is said once, naming its three columns; reject files are named in French', async ({
    tmp,
  }) => {
    const dir = await cercle(tmp);
    const out = join(tmp, 'saisie-T1.xlsx');
    const wb = await template(dir, out);
    const edu = wb.getWorksheet('Éducation')!;
    const row = rowOf(edu, 'ML040109');
    const [f, m, t] = (['F', 'M', ''] as const).map((c) => columnOf(edu, 'EDU_ELEVES_INSCRITS', c));
    edu.getCell(row, f!).value = 812;
    edu.getCell(row, m!).value = 790;
    edu.getCell(row, t!).value = 1600;
    edu.getCell(rowOf(edu, 'ML040101'), columnOf(edu, 'EDU_SALLES')).value = 24;
    await wb.xlsx.writeFile(out);
    const letters = [f!, m!, t!].map((c) => edu.getColumn(c).letter);

    const refused = await cli(['import', '--dir', dir, out]);
    expect(refused.code).toBe(1);
    expect(lines(refused.stderr)).toEqual([
      `saisie-T1.xlsx, feuille « Éducation », ligne ${row}, colonnes ${letters[0]}, ${letters[1]} et ${letters[2]} : [refusé SEX_SUM_MISMATCH] « Nombre d'élèves inscrits au premier cycle du fondamental » : F (812) + M (790) = 1 602, mais le total vaut 1 600 : corrigez l'une des trois valeurs, ou laissez le total vide.`,
      "Import refusé : 1 erreur, rien n'a été enregistré. Corrigez les lignes signalées puis importez de nouveau (ou --partial pour n'enregistrer que les lignes valides).",
    ]);

    // Only figures refused: the guide's `saisie-T1-rejets.csv`, the three cells in it.
    const partial = await cli(['import', '--dir', dir, out, '--partial']);
    expect(partial.code).toBe(3); // part stored, part refused
    expect(lines(partial.stdout)).toEqual([
      'Import partiel : 1 ligne enregistrée, 3 refusées, 0 ignorée ; 1 changement au journal, 0 avertissement.',
      '  valeurs : 1 nouvelle, 0 modifiée, 0 supprimée, 0 inchangée',
      `  lignes refusées de saisie-T1.xlsx : ${join(tmp, 'saisie-T1-rejets.csv')}`,
    ]);
    const rejects = readFileSync(join(tmp, 'saisie-T1-rejets.csv'), 'utf8').split('\r\n');
    expect(rejects.slice(1, 4).map((l) => l.split(';').slice(0, 5).join(';'))).toEqual([
      'ML040109;EDU_ELEVES_INSCRITS;2025Q1;F;812',
      'ML040109;EDU_ELEVES_INSCRITS;2025Q1;M;790',
      'ML040109;EDU_ELEVES_INSCRITS;2025Q1;;1600',
    ]);
    expect(existsSync(join(tmp, 'saisie-T1-officials-rejets.csv'))).toBe(false);

    // Figures and a list refused together: one file per kind, named in French.
    wb.getWorksheet('Formations')!.getRow(2).values = ['Tamani (ML040112)', 'Budget', '14/02/2025'];
    await wb.xlsx.writeFile(out);
    const both = await cli(['import', '--dir', dir, out, '--partial']);
    expect(lines(both.stdout).filter((l) => l.includes('lignes refusées'))).toEqual([
      `  lignes refusées de saisie-T1.xlsx : ${join(tmp, 'saisie-T1-valeurs-rejets.csv')}`,
      `  lignes refusées de saisie-T1.xlsx : ${join(tmp, 'saisie-T1-formations-rejets.csv')}`,
    ]);
    const trainings = readFileSync(join(tmp, 'saisie-T1-formations-rejets.csv'), 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n');
    expect(trainings[0]).toBe(
      'Collectivité (liste);Thème;Date de début (jj/mm/aaaa);Date de fin (jj/mm/aaaa);Nombre de jours (ex. 1,5);Participantes F (nombre);Participants M (nombre);Public cible (liste);Financeur;Coût (FCFA);identifiant;motif',
    );
    expect(both.stdout + both.stderr).not.toMatch(INTERNAL_NAMES);

    // A correction: counts say what changed.
    edu.getCell(row, t!).value = 1602;
    wb.getWorksheet('Formations')!.getRow(2).values = [];
    await wb.xlsx.writeFile(out);
    const fixed = await cli(['import', '--dir', dir, out]);
    expect(fixed.stderr).toBe('');
    expect(lines(fixed.stdout)).toEqual([
      'Import terminé : 4 lignes enregistrées, 0 refusée, 0 ignorée ; 3 changements au journal, 0 avertissement.',
      '  valeurs : 3 nouvelles, 0 modifiée, 0 supprimée, 1 inchangée',
    ]);
  });
});
