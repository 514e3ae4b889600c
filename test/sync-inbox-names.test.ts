import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCliCaptured } from '@oise/cli';
import { withNode } from '@oise/node';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';

/**
 * Issue 13, item 12: mail clients and USB copies rename files. A bundle is recognised by its
 * content (gzip + an OISE manifest), not its name; anything else in the inbox is named with
 * the reason it was not taken, and left where it is (SPEC [B7]).
 */

function cli(args: string[], now: string) {
  return runCliCaptured(args, { OISE_NOW: now });
}

async function ok(args: string[], now: string) {
  const r = await cli(args, now);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code, args.join(' ')).toBe(0);
  return r;
}

describe('oise ingest recognises a bundle by its content (issue 13, item 12)', () => {
  test('renamed bundles are applied and filed; other files are named with their reason and left', async ({
    tmp,
  }) => {
    const now = '2025-04-10T08:00:00.000Z';
    // Two node folders with the demo territory loaded, as national's first bundle brings it.
    for (const [level, code] of [
      ['region', 'ML04'],
      ['cercle', 'ML0401'],
    ] as const)
      await (await makeTestNode(tmp, level, code)).close();
    const region = join(tmp, 'ML04');
    const cercle = join(tmp, 'ML0401');
    await ok(['key', 'export', '--dir', region, '--out', join(tmp, 'cle-ML04.json')], now);
    await ok(['key', 'export', '--dir', cercle, '--out', join(tmp, 'cle-ML0401.json')], now);
    await ok(['enroll', '--dir', region, join(tmp, 'cle-ML0401.json')], now);
    await ok(['enroll', '--dir', cercle, join(tmp, 'cle-ML04.json')], now);

    // Two real bundles of the cercle: its submission of 2025Q1, then figures of 2025Q2.
    const header = 'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire';
    const csv = join(tmp, 'valeurs.csv');
    writeFileSync(csv, `${header}\nML040101;SAN_CSCOM;2025Q1;;4;\n`);
    await ok(['import', '--dir', cercle, csv], now);
    const submitted = JSON.parse(
      (await ok(['quarter', 'submit', '--dir', cercle, '--quarter', '2025T1', '--json'], now)).stdout,
    );
    const bundle1 = submitted.bundles.written[0].file as string;
    writeFileSync(csv, `${header}\nML040106;SAN_CSCOM;2025Q2;;2;\n`);
    await ok(['import', '--dir', cercle, csv], now);
    const bundle2 = JSON.parse((await ok(['export', '--dir', cercle, '--json'], now)).stdout).written[0]
      .file as string;

    // What a courier leaves in the region's inbox.
    const inbox = join(region, 'inbox');
    mkdirSync(inbox, { recursive: true });
    copyFileSync(bundle1, join(inbox, 'ML0401-ML04-000001.oise'));
    copyFileSync(bundle1, join(inbox, 'copie de ML0401-ML04-000001.oise.gz (1).oise'));
    copyFileSync(bundle2, join(inbox, 'PIECE JOINTE.bin'));
    writeFileSync(join(inbox, 'notes.txt'), 'Bonjour, voici le paquet du trimestre.\n');
    writeFileSync(join(inbox, 'vide.oise'), '');
    writeFileSync(join(inbox, 'sauvegarde.gz'), gzipSync('code;valeur\nML040101;4\n'));
    mkdirSync(join(inbox, 'ancien'));
    writeFileSync(join(inbox, '.~lock.notes.txt#'), 'lock');
    writeFileSync(join(inbox, 'ML0401-ML04-000009.oise.gz.tmp'), 'en cours');

    const r = await cli(['ingest', '--dir', region], now);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toEqual([
      'ML0401-ML04-000001.oise : appliqué (ML0401, n° 1) — 2 lignes reçues, 2 nouvelles ou plus récentes.',
      'PIECE JOINTE.bin : appliqué (ML0401, n° 2) — 3 lignes reçues, 1 nouvelle ou plus récente.',
      "ancien : c'est un dossier, pas un paquet ; déposez les paquets eux-mêmes dans inbox/ (laissé dans inbox/).",
      'copie de ML0401-ML04-000001.oise.gz (1).oise : déjà appliqué, rien à faire.',
      "notes.txt : ce n'est pas un paquet OISE (un paquet est un fichier compressé gzip, celui-ci ne l'est pas ; laissé dans inbox/).",
      "sauvegarde.gz : fichier compressé, mais pas un paquet OISE (sa première ligne n'est pas un manifeste « oise-bundle » ; laissé dans inbox/).",
      "vide.oise : fichier vide, ce n'est pas un paquet OISE (laissé dans inbox/).",
    ]);
    expect(readdirSync(join(inbox, 'applied')).sort()).toEqual([
      'ML0401-ML04-000001.oise',
      'PIECE JOINTE.bin',
      'copie de ML0401-ML04-000001.oise.gz (1).oise',
    ]);
    expect(readdirSync(inbox).sort()).toEqual([
      '.~lock.notes.txt#',
      'ML0401-ML04-000009.oise.gz.tmp',
      'ancien',
      'applied',
      'notes.txt',
      'rejected',
      'sauvegarde.gz',
      'vide.oise',
    ]);
    expect(readdirSync(join(inbox, 'rejected'))).toEqual([]);
    await withNode(region, async (node) => {
      const values = await node.db
        .selectFrom('data_value')
        .select(['org_unit_code', 'period', 'value'])
        .orderBy('period')
        .orderBy('org_unit_code')
        .execute();
      expect(values).toEqual([
        { org_unit_code: 'ML040101', period: '2025Q1', value: 4 },
        { org_unit_code: 'ML040106', period: '2025Q2', value: 2 },
      ]);
    });

    // Next time only the leftovers are named, and nothing is to apply.
    const again = await ok(['ingest', '--dir', region], now);
    expect(again.stdout).toMatch(/^notes\.txt : ce n'est pas un paquet OISE/m);
    expect(again.stdout.trim().split('\n').at(-1)).toBe('Aucun paquet à appliquer.');
    const json = JSON.parse((await ok(['ingest', '--dir', region, '--json'], now)).stdout);
    expect(json.results.map((x: { file: string; status: string }) => [x.file, x.status])).toEqual([
      ['ancien', 'ignored'],
      ['notes.txt', 'ignored'],
      ['sauvegarde.gz', 'ignored'],
      ['vide.oise', 'ignored'],
    ]);
    // The pass of `oise run` names the leftovers too, and they alone do not make it "done".
    const pass = await ok(['run', '--dir', region, '--once'], now);
    const step = pass.stdout.split('\n').find((l) => l.includes('Réception des paquets')) ?? '';
    expect(step).toMatch(/^ {2}· Réception des paquets \(ignorés 4\) — ancien : c'est un dossier/);
    expect(step).toContain("notes.txt : ce n'est pas un paquet OISE");
    expect(step).toContain('vide.oise : fichier vide');
    // A damaged file that claims the bundle name is still refused with its reason.
    writeFileSync(join(inbox, 'ML0401-ML04-000003.oise.gz'), readFileSync(bundle2).subarray(0, 40));
    const damaged = await cli(['ingest', '--dir', region], now);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/Paquet refusé ML0401-ML04-000003\.oise\.gz \[BUNDLE_UNREADABLE\]/);
  });
});
