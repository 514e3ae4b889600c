import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { runCliCaptured } from '@oise/cli';
import { enroll, withNode, writePublicIdentity } from '@oise/node';
import { exportBundles } from '@oise/sync';
import { makeTestNode, test, waitUntil } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { oise, serve, stop } from './serve-process.js';
import { NOW, closeAll, enterValues, link, submit } from './sync-fixtures.js';

/*
 * Bundles over HTTP between real processes on this machine: `oise serve` for the region,
 * `oise run --once` for the cercle with `transport.parent-url` set.
 */

/** A POST announcing a body over the cap: answered before a byte of it is read. */
function postAnnouncing(url: string, length: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/paquets`,
      { method: 'POST', headers: { 'content-type': 'application/gzip', 'content-length': length } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.write(Buffer.alloc(1024));
  });
}

async function regionValues(dir: string, owner: string) {
  return withNode(dir, (node) =>
    node.db.selectFrom('data_value').select(['org_unit_code', 'value']).where('owner', '=', owner).execute(),
  );
}

describe('bundles over HTTP between processes', () => {
  test('oise serve applies what a cercle pass sends; refusals, size cap, server down', async ({ tmp }) => {
    const region = await makeTestNode(tmp, 'region', 'ML04');
    const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
    const stranger = await makeTestNode(tmp, 'cercle', 'ML0402');
    await link(tmp, region, cercle);
    // ML0402 trusts the region, but the region never enrolled ML0402.
    writePublicIdentity(region, join(tmp, 'ML04-for-stranger.json'));
    await enroll(stranger, join(tmp, 'ML04-for-stranger.json'), NOW);
    await enterValues(cercle, [
      { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', category: '', value: 5 },
      { unit: 'ML040106', indicator: 'SAN_CSCOM', period: '2025Q1', category: '', value: 3 },
    ]);
    await submit(cercle, '2025Q1');
    await enterValues(stranger, [
      { unit: 'ML040204', indicator: 'SAN_CSCOM', period: '2025Q1', category: '', value: 9 },
    ]);
    const strangerBundle = (await exportBundles(stranger, { now: NOW })).written[0]?.file ?? '';
    await closeAll([region, cercle, stranger]);
    const regionDir = join(tmp, 'ML04');
    const cercleDir = join(tmp, 'ML0401');

    const server = await serve(regionDir);
    try {
      const set = await runCliCaptured(['settings', '--dir', cercleDir, 'transport.parent-url', server.url]);
      expect(set.code).toBe(0);

      // The cercle's pass exports its quarter and sends it: applied at the region at once.
      const pass = await oise(['run', '--dir', cercleDir, '--once', '--json']);
      expect(pass.code).toBe(0);
      const run = JSON.parse(pass.stdout);
      expect(run.outcome).toBe('success');
      expect(run.steps.find((s: { name: string }) => s.name === 'send')).toMatchObject({
        outcome: 'done',
        counts: { envoyés: 1, refusés: 0, 'non envoyés': 0 },
      });
      expect(await regionValues(regionDir, 'ML0401')).toEqual(
        expect.arrayContaining([
          { org_unit_code: 'ML040101', value: 5 },
          { org_unit_code: 'ML040106', value: 3 },
        ]),
      );
      expect(readdirSync(join(cercleDir, 'outbox', 'ML04', 'envoyes'))).toEqual([
        'ML0401-ML04-000001.oise.gz',
      ]);
      expect(readdirSync(join(cercleDir, 'outbox', 'ML04')).filter((f) => f.endsWith('.oise.gz'))).toEqual(
        [],
      );
      expect(server.out()).toMatch(/POST \/paquets → 200 ML0401 n° 1 — appliqué/);

      // A second pass has nothing to export nor to send.
      const again = JSON.parse((await oise(['run', '--dir', cercleDir, '--once', '--json'])).stdout);
      expect(again.outcome).toBe('nothing-to-do');
      expect(again.steps.find((s: { name: string }) => s.name === 'send').counts.envoyés).toBe(0);

      // A bundle signed by a key the region never enrolled: 422, a French reason, nothing applied.
      const refused = await fetch(`${server.url}/paquets`, {
        method: 'POST',
        headers: { 'content-type': 'application/gzip' },
        body: readFileSync(strangerBundle),
      });
      expect(refused.status).toBe(422);
      const answer = (await refused.json()) as { reason: string };
      expect(answer).toMatchObject({ status: 'rejected', sequence: 1, rows: 1 });
      expect(answer.reason).toMatch(/l'expéditeur ML0402 n'est pas enrôlé sur ce nœud/);
      expect(JSON.stringify(answer)).not.toMatch(/at .*\.ts:\d+/);
      expect(await regionValues(regionDir, 'ML0402')).toEqual([]);
      // Refused on its manifest alone: nothing of a stranger's body is stored, its line is logged.
      const rejectedDir = join(regionDir, 'inbox', 'rejected');
      expect(existsSync(rejectedDir) ? readdirSync(rejectedDir) : []).toEqual([]);
      // The server logs the request once it has answered it.
      await waitUntil(
        () =>
          /→ 422 coupé après \d+ octets lus \(se dit ML0402\) — \[BUNDLE_UNKNOWN_SENDER\]/.test(server.out()),
        'the log line of the cut-off upload',
      );

      // A body announced over the cap (ingest's 256 MiB): 413 before reading it.
      const huge = await postAnnouncing(server.url, 600 * 1024 * 1024);
      expect(huge.status).toBe(413);
      expect(JSON.parse(huge.body).reason).toMatch(/au-delà de la limite de 268435456/);

      const etat = await (await fetch(`${server.url}/etat`)).json();
      expect(etat).toMatchObject({
        node: 'ML04',
        level: 'region',
        neighbours: [{ code: 'ML0401', relation: 'child', lastApplied: { sequence: 1 } }],
      });
    } finally {
      expect(await stop(server.child)).toBe(0);
    }
    expect(server.out()).toMatch(/Boîte de réception HTTP arrêtée/);

    // The region's inbox is down: the pass succeeds, the new bundle (a figure of the next
    // quarter; the first one is submitted, so closed) stays for the next one.
    await withNode(cercleDir, (node) =>
      enterValues(node, [
        { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q2', category: '', value: 6 },
      ]),
    );
    const down = await oise(['run', '--dir', cercleDir, '--once', '--json']);
    expect(down.code).toBe(0);
    const downRun = JSON.parse(down.stdout);
    expect(downRun.outcome).toBe('success');
    const send = downRun.steps.find((s: { name: string }) => s.name === 'send');
    expect(send).toMatchObject({ outcome: 'skipped', counts: { envoyés: 0, 'non envoyés': 1 } });
    expect(send.detail).toMatch(/injoignable \(connexion refusée \(oise serve arrêté \?\) : ECONNREFUSED\)/);
    expect(existsSync(join(cercleDir, 'outbox', 'ML04', 'ML0401-ML04-000002.oise.gz'))).toBe(true);
    const status = await runCliCaptured(['status', '--dir', cercleDir, '--json'], { OISE_NOW: NOW });
    expect(JSON.parse(status.stdout).bundles.outbox).toEqual([
      { recipient: 'ML04', waiting: ['ML0401-ML04-000002.oise.gz'], sentOverHttp: 1 },
    ]);
    const text = await runCliCaptured(['status', '--dir', cercleDir], { OISE_NOW: NOW });
    expect(text.stdout).toMatch(
      /En attente d'envoi vers ML04 \(outbox\/ML04\/\) : ML0401-ML04-000002\.oise\.gz/,
    );
  });
});
