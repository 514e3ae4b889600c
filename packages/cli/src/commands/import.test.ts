import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { runCliCaptured } from '../run-cli.js';

const NOW = '2025-04-10T09:00:00.000Z';
const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const HEADER = 'code_collectivite;code_indicateur;periode;categorie;valeur';

const cli = (args: string[]) => runCliCaptured(args, { OISE_NOW: NOW });

async function cercle(tmp: string): Promise<string> {
  const node = await makeTestNode(tmp, 'cercle', 'ML0401');
  await node.close();
  return join(tmp, 'ML0401');
}

function csv(tmp: string, name: string, lines: string[]): string {
  const path = join(tmp, name);
  writeFileSync(path, `${[HEADER, ...lines].join('\n')}\n`);
  return path;
}

const storedValues = async (dir: string) =>
  JSON.parse((await cli(['status', '--dir', dir, '--json'])).stdout).dataValues as number;

describe('oise import: the exit code tells a script what was stored', () => {
  test('--partial with refused lines exits 3 (part stored, part refused); the same in a dry run', async ({
    tmp,
  }) => {
    const dir = await cercle(tmp);
    const file = csv(tmp, 'saisie-T1.csv', [
      'ML040101;SAN_CSCOM;2025T1;;4',
      'ML040106;SAN_CSCOM;2025T1;;3',
      'ML040109;SAN_CSCOM;2025T1;;trois',
    ]);
    const dry = await cli(['import', '--dir', dir, file, '--partial', '--dry-run']);
    expect(dry.code).toBe(3);
    expect(dry.stdout).toContain('Vérification seule : 2 lignes seraient enregistrées, 1 refusée, 0 ignorée');
    expect(await storedValues(dir)).toBe(0);

    const partial = await cli(['import', '--dir', dir, file, '--partial']);
    expect(partial.code).toBe(3);
    expect(partial.stdout).toContain('Import partiel : 2 lignes enregistrées, 1 refusée, 0 ignorée');
    expect(partial.stdout).toContain('valeurs : 2 nouvelles, 0 modifiée, 0 supprimée, 0 inchangée');
    expect(partial.stderr).toMatch(/saisie-T1\.csv, ligne 4, colonne E : \[refusé VALUE_NOT_NUMBER\]/);
    expect(existsSync(join(tmp, 'saisie-T1-rejets.csv'))).toBe(true);
    expect(await storedValues(dir)).toBe(2);

    // As a real process: the shell sees 3.
    const process3 = spawnSync(
      process.execPath,
      ['--import', 'tsx', MAIN, 'import', '--dir', dir, file, '--partial'],
      {
        encoding: 'utf8',
        env: { ...process.env, OISE_NOW: NOW },
      },
    );
    expect(process3.status).toBe(3);
    // The two good lines are already stored: nothing changes, the third is still refused.
    expect(process3.stdout).toContain(
      'Import terminé : aucune modification (2 lignes identiques à ce qui est enregistré) ; 1 refusée.',
    );
  });

  test('exits 1 when nothing could be stored, with or without --partial', async ({ tmp }) => {
    const dir = await cercle(tmp);
    const file = csv(tmp, 'tout-faux.csv', [
      'ML040101;SAN_CSCOM;2025T1;;quatre',
      'ML040106;SAN_CSCOM;2025T1;;-3',
    ]);
    const whole = await cli(['import', '--dir', dir, file]);
    expect(whole.code).toBe(1);
    expect(whole.stderr).toContain("Import refusé : 2 erreurs, rien n'a été enregistré.");
    const partial = await cli(['import', '--dir', dir, file, '--partial']);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain(
      "Import refusé : aucune ligne valide, rien n'a été enregistré (2 erreurs).",
    );
    expect(await storedValues(dir)).toBe(0);
  });

  test('exits 0 when nothing was refused, --partial or not; « 1 nouvelle », « 1 ligne enregistrée »', async ({
    tmp,
  }) => {
    const dir = await cercle(tmp);
    const file = csv(tmp, 'bon.csv', ['ML040101;SAN_CSCOM;2025T1;;4']);
    const partial = await cli(['import', '--dir', dir, file, '--partial']);
    expect(partial.code).toBe(0);
    expect(partial.stdout).toContain(
      'Import terminé : 1 ligne enregistrée, 0 refusée, 0 ignorée ; 1 changement au journal, 0 avertissement.',
    );
    expect(partial.stdout).toContain('valeurs : 1 nouvelle, 0 modifiée, 0 supprimée, 0 inchangée');
    const again = await cli(['import', '--dir', dir, file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      'Import terminé : aucune modification (1 ligne identique à ce qui est enregistré).',
    );
  });

  test('officials agree in the masculine: « élus : 1 nouveau »', async ({ tmp }) => {
    const dir = await cercle(tmp);
    const path = join(tmp, 'elus.csv');
    writeFileSync(
      path,
      'code_collectivite;periode;nom;sexe;fonction;scolarite;alphabetise;debut_mandat\nML040101;2025T1;Traoré Awa;F;maire;secondaire;oui;2023\n',
    );
    const run = await cli(['import', '--dir', dir, path]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('élus : 1 nouveau, 0 modifié, 0 supprimé, 0 inchangé');
  });

  test('oise import --help states the exit codes', async () => {
    const help = await cli(['import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Code de sortie : 0 rien de refusé ; 3 import partiel/);
  });
});
