import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { importTerritory, readTerritoryFile } from '@oise/catalog';
import { runCliCaptured } from '@oise/cli';
import { withNode } from '@oise/node';
import { FIXTURES, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { NOW, enterValues, submit } from './sync-fixtures.js';

function cli(args: string[]) {
  return runCliCaptured(args, { OISE_NOW: NOW });
}

describe('oise export / ingest / status / key revoke', () => {
  test('a cercle bundle goes to its region by file; status shows what arrived and what is missing', async ({
    tmp,
  }) => {
    const region = join(tmp, 'ML04');
    const cercle = join(tmp, 'ML0401');
    expect((await cli(['init', '--dir', region, '--level', 'region', '--code', 'ML04'])).code).toBe(0);
    expect((await cli(['init', '--dir', cercle, '--level', 'cercle', '--code', 'ML0401'])).code).toBe(0);
    await cli(['key', 'export', '--dir', region, '--out', join(tmp, 'ML04.json')]);
    await cli(['key', 'export', '--dir', cercle, '--out', join(tmp, 'ML0401.json')]);
    expect((await cli(['enroll', '--dir', region, join(tmp, 'ML0401.json')])).code).toBe(0);
    expect((await cli(['enroll', '--dir', cercle, join(tmp, 'ML04.json')])).code).toBe(0);

    // Enrolling the cercle wrote its starter package: the region's first DOWN bundle.
    const before = JSON.parse((await cli(['status', '--dir', region, '--json'])).stdout);
    expect(before.bundles.counts).toEqual({ applied: 0, duplicate: 0, rejected: 0, written: 1 });
    expect(before.bundles.missing).toEqual(['ML0401']);

    await withNode(cercle, async (node) => {
      // The territory, as the region's first DOWN bundle would bring it.
      await importTerritory(node.db, readTerritoryFile(FIXTURES.demoTerritory, 'ML'), {
        owner: 'ML',
        now: NOW,
      });
      await enterValues(node, [
        { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', category: '', value: 5 },
      ]);
      await submit(node, '2025Q1');
    });
    const exported = await cli(['export', '--dir', cercle, '--json']);
    expect(exported.code).toBe(0);
    const written = JSON.parse(exported.stdout).written;
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ recipient: 'ML04', direction: 'up', sequence: 1, rowCount: 2 });
    expect(written[0].file).toBe(join(cercle, 'outbox', 'ML04', 'ML0401-ML04-000001.oise.gz'));
    // Nothing new: a second export writes nothing.
    expect(JSON.parse((await cli(['export', '--dir', cercle, '--json'])).stdout).written).toEqual([]);

    // By USB key: straight from the cercle's outbox (copied, the original stays).
    const ingested = await cli(['ingest', '--dir', region, '--json', written[0].file]);
    expect(ingested.code).toBe(0);
    expect(JSON.parse(ingested.stdout).results[0]).toMatchObject({
      status: 'applied',
      sender: 'ML0401',
      rows: 2,
    });
    expect(existsSync(written[0].file)).toBe(true);
    expect(existsSync(join(region, 'inbox', 'applied', basename(written[0].file)))).toBe(true);

    // The same file again through the inbox: a harmless duplicate, moved out of the inbox.
    copyFileSync(written[0].file, join(region, 'inbox', basename(written[0].file)));
    const again = await cli(['ingest', '--dir', region]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/déjà appliqué/);

    // A broken file: exit 1, a French line on stderr, the file and its reason in rejected/.
    writeFileSync(join(region, 'inbox', 'abime.oise.gz'), 'pas un paquet');
    const bad = await cli(['ingest', '--dir', region]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /Paquet refusé abime\.oise\.gz \[BUNDLE_UNREADABLE\] : le fichier n'est pas un paquet gzip/,
    );
    expect(existsSync(join(region, 'inbox', 'rejected', 'abime.oise.gz.motif.txt'))).toBe(true);

    const status = JSON.parse((await cli(['status', '--dir', region, '--json'])).stdout);
    expect(status.bundles.counts).toEqual({ applied: 1, duplicate: 1, rejected: 1, written: 1 });
    expect(status.bundles.missing).toEqual([]);
    expect(status.bundles.neighbours[0]).toMatchObject({
      code: 'ML0401',
      received: {
        applied: 1,
        duplicate: 1,
        rejected: 0,
        lastSequence: 1,
        lastAppliedAt: '2025-04-20T08:00:00.000Z',
      },
    });
    expect(status.bundles.rejected[0]).toMatchObject({ file: 'abime.oise.gz' });
    const text = await cli(['status', '--dir', region]);
    expect(text.stdout).toMatch(/Paquets : 1 appliqué, 1 en double, 1 refusé, 1 écrit/);

    // The region acknowledges; once the cercle's key is revoked its bundles are refused.
    const ack = JSON.parse((await cli(['export', '--dir', region, '--json'])).stdout).written;
    expect(ack[0]).toMatchObject({ recipient: 'ML0401', direction: 'down', ackOnly: false });
    expect((await cli(['key', 'revoke', '--dir', region, '--code', 'ML0401'])).code).toBe(0);
    await withNode(cercle, (node) =>
      enterValues(node, [
        { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q2', category: '', value: 6 },
      ]),
    );
    const next = JSON.parse((await cli(['export', '--dir', cercle, '--json'])).stdout).written[0];
    const revoked = await cli(['ingest', '--dir', region, next.file]);
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toMatch(/BUNDLE_REVOKED_SENDER.*révoquée/);
  });
});
