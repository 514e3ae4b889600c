import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { runCliCaptured } from './run-cli.js';

/** A quarter code (2025Q1) or an ISO date or time: what French text must never show. */
const CODE_QUARTER = /\b\d{4}Q[1-4]\b/;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b/;

const cli = (now: string, ...args: string[]) => runCliCaptured(args, { OISE_NOW: now });

/**
 * Every line a person reads (stdout and stderr) holds neither a 2025Q1 nor an ISO date, outside
 * the paths of files it names (file and folder names keep the ids: sauvegarde-ML0401-2025-04-12).
 */
function expectFrenchLines(text: string) {
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\S+/g, '');
    expect(line, line).not.toMatch(CODE_QUARTER);
    expect(line, line).not.toMatch(ISO_DATE);
  }
}

describe('French output: quarters as users write them, dates in Bamako time, French words', () => {
  test('a cercle and its region through a quarter: init, import, submit, pass, status, decision, errors', async ({
    tmp,
  }) => {
    const printed: string[] = [];
    const run = async (now: string, ...args: string[]) => {
      const r = await cli(now, ...args);
      printed.push(r.stdout, r.stderr);
      return r;
    };
    const created = await run(
      '2025-04-01T08:00:00Z',
      'init',
      '--dir',
      join(tmp, 'neuf'),
      '--level',
      'region',
      '--code',
      'ML04',
    );
    expect(created.stdout).toContain('Nœud région ML04 créé dans');
    expect(created.stdout).toContain('(106 indicateurs au catalogue)');
    const help = await run('2025-04-01T08:00:00Z', 'init', '--help');
    expect(help.stdout).toContain('oise init --dir oise-baroueli --level cercle --code ML0401 --parent ML04');
    expect(help.stdout).not.toMatch(/ML0402/);

    for (const [level, code] of [
      ['region', 'ML04'],
      ['cercle', 'ML0401'],
    ] as const) {
      const node = await makeTestNode(tmp, level, code);
      await node.close();
    }
    const region = join(tmp, 'ML04');
    const cercle = join(tmp, 'ML0401');
    for (const [dir, code] of [
      [region, 'ML04'],
      [cercle, 'ML0401'],
    ] as const)
      await run('2025-04-01T08:00:00Z', 'key', 'export', '--dir', dir, '--out', join(tmp, `${code}.json`));
    await run('2025-04-01T08:00:00Z', 'enroll', '--dir', region, join(tmp, 'ML0401.json'));
    await run('2025-04-01T08:00:00Z', 'enroll', '--dir', cercle, join(tmp, 'ML04.json'));

    const csv = join(tmp, 'saisie.csv');
    writeFileSync(
      csv,
      'code_collectivite;code_indicateur;periode;categorie;valeur\nML040101;SAN_CSCOM;2025T1;;4\nML040106;EDU_ELEVES_INSCRITS;2025Q1;F;4955\nML040106;EDU_ELEVES_INSCRITS;2025Q1;M;4000\nML040106;EDU_ELEVES_INSCRITS;2025Q1;;8955\n',
    );
    expect((await run('2025-04-10T09:00:00Z', 'import', '--dir', cercle, csv)).code).toBe(0);
    const wrongQuarter = await run(
      '2025-07-10T09:00:00Z',
      'import',
      '--dir',
      cercle,
      csv,
      '--quarter',
      '2025T2',
    );
    expect(wrongQuarter.code).toBe(1);
    expect(wrongQuarter.stderr).toContain("le trimestre 2025T1 n'est pas celui du classeur (2025T2)");

    const submit = await run(
      '2025-04-12T09:00:00Z',
      'quarter',
      'submit',
      '--dir',
      cercle,
      '--quarter',
      '2025T1',
    );
    expect(submit.stdout).toMatch(/^Trimestre 2025T1 de ML0401 transmis \(transmission n° 1\)/);
    const again = await run(
      '2025-04-12T09:10:00Z',
      'quarter',
      'submit',
      '--dir',
      cercle,
      '--quarter',
      '2025Q1',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('le trimestre 2025T1 de ML0401 est déjà transmis');
    const locked = await run('2025-04-12T09:20:00Z', 'import', '--dir', cercle, csv);
    expect(`${locked.stdout}${locked.stderr}`).toContain('a été transmis à la région (transmission n° 1)');

    const cercleRun = await run('2025-04-12T09:30:00Z', 'run', '--dir', cercle, '--once');
    expect(cercleRun.stdout).toMatch(/^Passage cercle ML0401 — 12 avril 2025 à 09:30\n/);
    const cercleStatus = await run('2025-04-12T09:31:00Z', 'status', '--dir', cercle);
    expect(cercleStatus.stdout).toContain('Nœud cercle ML0401');
    expect(cercleStatus.stdout).toMatch(/^Moteur SQLite : (better-sqlite3|node:sqlite) 3\.\d+\.\d+$/m);
    // The submission wrote its package at once: the pass finds nothing new to do.
    expect(cercleStatus.stdout).toContain('Dernier passage : 12 avril 2025 à 09:30 — rien de nouveau');
    expect(cercleStatus.stdout).toContain('  2025T1 : 1 transmis');

    const outbox = join(cercle, 'outbox', 'ML04');
    for (const f of readdirSync(outbox).filter((n) => n.endsWith('.oise.gz')))
      copyFileSync(join(outbox, f), join(region, 'inbox', f));
    const regionRun = await run('2025-04-13T07:05:00Z', 'run', '--dir', region, '--once');
    expect(regionRun.stdout).toMatch(/^Passage région ML04 — 13 avril 2025 à 07:05\n/);
    expect(regionRun.stdout).toContain('2025T1 : à valider Barouéli');
    const idle = await run('2025-04-13T07:06:00Z', 'run', '--dir', region, '--once');
    expect(idle.stdout).toContain('Passage terminé : rien de nouveau');
    const status = await run('2025-04-13T07:07:00Z', 'status', '--dir', region);
    expect(status.stdout).toContain('Nœud région ML04');
    expect(status.stdout).toContain('Dernier passage : 13 avril 2025 à 07:06 — rien de nouveau');
    expect(status.stdout).toMatch(/ML0401 : dernier reçu n° \d+ le 13 avril 2025 à 07:05/);
    expect(status.stdout).not.toMatch(/— (success|nothing-to-do|failure)/);

    const query = await run(
      '2025-04-13T07:10:00Z',
      'query',
      '--dir',
      region,
      '--indicator',
      'EDU_ELEVES_INSCRITS',
      '--unit',
      'ML040106',
      '--period',
      '2025T1',
      '--category',
      'F',
    );
    expect(query.stdout).toContain('1er trimestre 2025, femmes : 4 955. 1 commune sur 1 a répondu');
    const note = await run(
      '2025-04-13T07:11:00Z',
      'note',
      '--dir',
      region,
      '--quarter',
      '2025T1',
      '--unit',
      'ML0401',
      '--text',
      'Bien.',
    );
    expect(note.stdout).toMatch(/^Note enregistrée pour ML0401, 2025T1 \(révision 1\)\.\n/);
    const validated = await run(
      '2025-04-13T07:12:00Z',
      'quarter',
      'validate',
      '--dir',
      region,
      '--quarter',
      '2025T1',
      '--unit',
      'ML0401',
    );
    expect(validated.stdout).toMatch(
      /^Trimestre 2025T1 de ML0401 validé \(transmission n° 1\) ; \d+ lignes? de son trimestre part/,
    );
    const notACercle = await run(
      '2025-04-13T07:13:00Z',
      'quarter',
      'return',
      '--dir',
      region,
      '--quarter',
      '2025T1',
      '--unit',
      'ML04',
      '--reason',
      'x',
    );
    expect(notACercle.stderr).toContain("ML04 n'est pas un cercle rattaché à ML04 au trimestre 2025T1");
    const wrongLevel = await run(
      '2025-04-13T07:14:00Z',
      'quarter',
      'validate',
      '--dir',
      cercle,
      '--quarter',
      '2025T1',
      '--unit',
      'ML040101',
    );
    expect(wrongLevel.stderr).toContain('ce nœud est de niveau cercle');
    const badPort = await run(
      '2025-04-13T07:15:00Z',
      'settings',
      '--dir',
      cercle,
      'transport.parent-url',
      'http://csr-segou:6000',
    );
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('le port 6000 est de ceux que les envois HTTP refusent');
    expect(badPort.stderr).not.toMatch(/bad port/);

    expectFrenchLines(printed.join('\n'));
  });
});
