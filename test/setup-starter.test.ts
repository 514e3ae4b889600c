import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliCaptured } from '@oise/cli';
import { FIXTURES, test } from '@oise/testkit';
import { describe, expect } from 'vitest';

const NOW = '2025-01-06T08:00:00.000Z';

function cli(args: string[]) {
  return runCliCaptured(args, { OISE_NOW: NOW });
}

async function ok(args: string[]) {
  const run = await cli(args);
  expect(run.code, `oise ${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
}

/** National with the demo territory, and an empty region and cercle node with their key files. */
async function threeNodes(tmp: string) {
  const dirs = { national: join(tmp, 'national'), region: join(tmp, 'segou'), cercle: join(tmp, 'baroueli') };
  await ok(['init', '--dir', dirs.national, '--level', 'national', '--code', 'ML']);
  await ok(['territory', 'import', '--dir', dirs.national, FIXTURES.demoTerritory]);
  await ok(['init', '--dir', dirs.region, '--level', 'region', '--code', 'ML04', '--parent', 'ML']);
  await ok(['init', '--dir', dirs.cercle, '--level', 'cercle', '--code', 'ML0401', '--parent', 'ML04']);
  await ok(['key', 'export', '--dir', dirs.region, '--out', join(tmp, 'cle-ML04.json')]);
  await ok(['key', 'export', '--dir', dirs.cercle, '--out', join(tmp, 'cle-ML0401.json')]);
  return dirs;
}

describe('setting a node up: one command on each side (oise enroll and its starter package)', () => {
  test('a region joins national, a cercle its region, and the cercle’s first template works at once', async ({
    tmp,
  }) => {
    const dirs = await threeNodes(tmp);
    // Without the starter package, the very first step fails (what a newcomer met).
    const early = await cli([
      'template',
      '--dir',
      dirs.cercle,
      '--quarter',
      '2025T1',
      '--out',
      join(tmp, 'x.xlsx'),
    ]);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/TEMPLATE_NO_TERRITORY.*paquet de démarrage/);

    const national = await ok(['enroll', '--dir', dirs.national, join(tmp, 'cle-ML04.json'), '--json']);
    const written = JSON.parse(national.stdout);
    expect(written).toMatchObject({ kind: 'key', code: 'ML04', relation: 'child', changed: true });
    expect(written.starter.file).toBe(join(tmp, 'demarrage-ML04.oise'));
    expect(written.starter.territory.communes).toBe(15);
    expect(written.starter.indicators).toBe(106);
    // The package carries the first DOWN bundle; it also waits in the outbox, as any export.
    expect(written.starter.bundles).toEqual(['ML-ML04-000001.oise.gz']);
    expect(readdirSync(join(dirs.national, 'outbox', 'ML04'))).toEqual(['ML-ML04-000001.oise.gz']);

    const region = await ok(['enroll', '--dir', dirs.region, join(tmp, 'demarrage-ML04.oise')]);
    expect(region.stdout).toMatch(/ML enrôlé comme parent/);
    expect(region.stdout).toMatch(/15 communes de ce nœud/);
    // Both commands show national's fingerprint, and say to compare it by phone.
    expect(region.stdout).toContain(`Empreinte de ML : ${written.ownFingerprint}`);
    expect(region.stdout).toMatch(/Comparez-la par téléphone/);
    const nationalText = await ok(['enroll', '--dir', dirs.national, join(tmp, 'cle-ML04.json')]);
    expect(nationalText.stdout).toMatch(/déjà enrôlé/);
    expect(nationalText.stdout).toContain(
      `Par téléphone, lisez à ML04 l'empreinte de ce nœud (ML) : ${written.ownFingerprint}`,
    );

    const regionSide = JSON.parse(
      (await ok(['enroll', '--dir', dirs.region, join(tmp, 'cle-ML0401.json'), '--json'])).stdout,
    );
    expect(regionSide.starter.territory.communes).toBe(5);
    const cercle = JSON.parse(
      (await ok(['enroll', '--dir', dirs.cercle, join(tmp, 'demarrage-ML0401.oise'), '--json'])).stdout,
    );
    expect(cercle).toMatchObject({ kind: 'starter', code: 'ML04', relation: 'parent', changed: true });
    expect(cercle.fingerprint).toBe(regionSide.ownFingerprint);
    expect(cercle.ownFingerprint).toBe(regionSide.fingerprint);
    expect(cercle.results.map((r: { status: string }) => r.status)).toEqual(['applied']);

    const status = JSON.parse((await ok(['status', '--dir', dirs.cercle, '--json'])).stdout);
    expect(status.territory.commune).toBe(45);
    expect(status.neighbours).toEqual([
      expect.objectContaining({ code: 'ML04', relation: 'parent', revoked: false }),
    ]);
    const template = await ok([
      'template',
      '--dir',
      dirs.cercle,
      '--quarter',
      '2025T1',
      '--out',
      join(tmp, 'saisie-T1.xlsx'),
      '--json',
    ]);
    expect(JSON.parse(template.stdout)).toMatchObject({ communes: 5, indicators: 94 });

    // The same package twice changes nothing, nor the same bundle carried by courier.
    const again = await ok(['enroll', '--dir', dirs.cercle, join(tmp, 'demarrage-ML0401.oise')]);
    expect(again.stdout).toMatch(/ML04 était déjà enrôlé avec cette clé/);
    const carried = await ok([
      'ingest',
      '--dir',
      dirs.cercle,
      join(dirs.region, 'outbox', 'ML0401', 'ML04-ML0401-000001.oise.gz'),
    ]);
    expect(carried.stdout).toMatch(/déjà appliqué/);
    // The region's next pass writes nothing new for the cercle: the package carried it all.
    const exported = JSON.parse((await ok(['export', '--dir', dirs.region, '--json'])).stdout);
    expect(exported.written.filter((w: { recipient: string }) => w.recipient === 'ML0401')).toEqual([]);
  });

  test('a package altered, for another node, or from a key other than the one read by phone is refused', async ({
    tmp,
  }) => {
    const dirs = await threeNodes(tmp);
    await ok(['enroll', '--dir', dirs.national, join(tmp, 'cle-ML04.json')]);
    await ok(['enroll', '--dir', dirs.region, join(tmp, 'demarrage-ML04.oise')]);
    const real = JSON.parse(
      (await ok(['enroll', '--dir', dirs.region, join(tmp, 'cle-ML0401.json'), '--json'])).stdout,
    );
    const starter = join(tmp, 'demarrage-ML0401.oise');
    const nothingTrusted = async () =>
      expect(JSON.parse((await ok(['status', '--dir', dirs.cercle, '--json'])).stdout).neighbours).toEqual(
        [],
      );

    // One byte changed on the way (the commune count of the header): the signature fails.
    const altered = join(tmp, 'altere.oise');
    writeFileSync(altered, readFileSync(starter, 'utf8').replace('"communes":5', '"communes":6'));
    const bad = await cli(['enroll', '--dir', dirs.cercle, altered]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/STARTER_BAD_SIGNATURE.*modifié en chemin/);
    await nothingTrusted();

    // A package for the other cercle.
    const other = join(tmp, 'segou-cercle');
    await ok(['init', '--dir', other, '--level', 'cercle', '--code', 'ML0402', '--parent', 'ML04']);
    await ok(['key', 'export', '--dir', other, '--out', join(tmp, 'cle-ML0402.json')]);
    await ok(['enroll', '--dir', dirs.region, join(tmp, 'cle-ML0402.json')]);
    const wrong = await cli(['enroll', '--dir', dirs.cercle, join(tmp, 'demarrage-ML0402.oise')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/STARTER_WRONG_NODE.*pour le nœud ML0402/);

    // An impostor "ML04" with its own keys writes a well-signed package: only the fingerprint
    // read over the phone tells it apart — given with --fingerprint, the package is refused.
    const impostor = join(tmp, 'imposteur');
    await ok(['init', '--dir', impostor, '--level', 'region', '--code', 'ML04', '--parent', 'ML']);
    await ok(['enroll', '--dir', impostor, join(tmp, 'cle-ML0401.json'), '--out', join(tmp, 'faux.oise')]);
    const phone = real.ownFingerprint.replace('SHA256:', '').replaceAll(':', ' ').toUpperCase();
    const refused = await cli([
      'enroll',
      '--dir',
      dirs.cercle,
      join(tmp, 'faux.oise'),
      '--fingerprint',
      phone,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/KEY_FINGERPRINT_MISMATCH/);
    await nothingTrusted();
    // Without --fingerprint it applies, and shows a fingerprint that is not the region's: the
    // phone comparison the command asks for is what catches it.
    const fooled = await ok(['enroll', '--dir', dirs.cercle, join(tmp, 'faux.oise')]);
    expect(fooled.stdout).toMatch(/Comparez-la par téléphone/);
    expect(fooled.stdout).not.toContain(real.ownFingerprint);

    // Once a key is trusted for the parent, a package with another one is refused.
    const changed = await cli(['enroll', '--dir', dirs.cercle, starter, '--fingerprint', phone]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/STARTER_PARENT_KEY_CHANGED.*oise key revoke --code ML04/);
  });

  test('a key swapped on the way to the parent is caught by the child’s package', async ({ tmp }) => {
    const dirs = await threeNodes(tmp);
    await ok(['enroll', '--dir', dirs.national, join(tmp, 'cle-ML04.json')]);
    await ok(['enroll', '--dir', dirs.region, join(tmp, 'demarrage-ML04.oise')]);
    // Someone replaced cle-ML0401.json by the key of a node of their own, also called ML0401.
    const thief = join(tmp, 'voleur');
    await ok(['init', '--dir', thief, '--level', 'cercle', '--code', 'ML0401', '--parent', 'ML04']);
    await ok(['key', 'export', '--dir', thief, '--out', join(tmp, 'cle-ML0401.json')]);
    await ok(['enroll', '--dir', dirs.region, join(tmp, 'cle-ML0401.json')]);
    const refused = await cli(['enroll', '--dir', dirs.cercle, join(tmp, 'demarrage-ML0401.oise')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/STARTER_KEY_MISMATCH.*autre clé que celle de ce nœud/);
  });

  test('a region without its territory yet says so, and a child may still trust its parent’s key file', async ({
    tmp,
  }) => {
    const dirs = await threeNodes(tmp);
    const early = await ok(['enroll', '--dir', dirs.region, join(tmp, 'cle-ML0401.json')]);
    expect(early.stdout).toMatch(/dont 0 communes de ML0401/);
    expect(early.stdout).toMatch(/Attention : ce nœud n'a pas encore le territoire de ML0401/);
    expect(existsSync(join(tmp, 'demarrage-ML0401.oise'))).toBe(true);
    // The older way: the cercle enrols the region's key file; only trust, no territory.
    const plain = await ok(['enroll', '--dir', dirs.cercle, join(tmp, 'cle-ML04.json')]);
    expect(plain.stdout).toMatch(/ML04 enrôlé comme parent/);
    expect(plain.stdout).toMatch(/Par téléphone, comparez cette empreinte/);
  });
});
