import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { type ClientRequest, request } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatDateTimeFr } from '@oise/core';
import { type Node, acquireNodeLock, enroll, writePublicIdentity } from '@oise/node';
import { TEST_NOW, makeTestNode, test, waitUntil } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { exportBundles } from './export-bundles.js';
import { type HttpInboxOptions, startHttpInbox } from './http-inbox.js';
import { sendOutbox } from './http-send.js';
import { SENT_FOLDER, waitingBundles } from './outbox-files.js';

/** Region ML04 and cercle ML0401, each enrolled at the other; the cercle has one value to send. */
async function pair(tmp: string): Promise<{ region: Node; cercle: Node }> {
  const region = await makeTestNode(tmp, 'region', 'ML04');
  const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
  writePublicIdentity(region, join(tmp, 'ML04.json'));
  writePublicIdentity(cercle, join(tmp, 'ML0401.json'));
  await enroll(region, join(tmp, 'ML0401.json'), TEST_NOW);
  await enroll(cercle, join(tmp, 'ML04.json'), TEST_NOW);
  await enterValue(cercle, 7);
  return { region, cercle };
}

async function enterValue(cercle: Node, value: number, revision = 1): Promise<void> {
  await cercle.db
    .insertInto('data_value')
    .values({
      org_unit_code: 'ML040101',
      indicator_code: 'SAN_CSCOM',
      period: '2025Q1',
      category: '',
      value,
      value_text: null,
      comment: null,
      author: 'awa',
      channel: 'csv',
      deleted: 0,
      revision,
      updated_at: TEST_NOW,
      owner: 'ML0401',
    })
    .onConflict((oc) =>
      oc.columns(['org_unit_code', 'indicator_code', 'period', 'category']).doUpdateSet({ value, revision }),
    )
    .execute();
}

function serve(node: Node, options: Partial<HttpInboxOptions> = {}, log: string[] = []) {
  return startHttpInbox(node, {
    port: 0,
    clock: () => TEST_NOW,
    log: (line) => log.push(line),
    ...options,
  });
}

/** A raw POST (node:http), for what `fetch` will not send: chunked bodies, lying lengths, stalls. */
function rawPost(
  url: string,
  headers: Record<string, string | number>,
  chunks: Buffer[],
  end = true,
  onRequest?: (req: ClientRequest) => void,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/paquets`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    onRequest?.(req);
    for (const c of chunks) req.write(c);
    if (end) req.end();
  });
}

/** The start of a bundle from ML0401 to ML04: a manifest line the inbox admits, then `rest`. */
function bundleHead(rest: Buffer = Buffer.alloc(0)): Buffer {
  const manifest = { format: 'oise-bundle', sender: 'ML0401', recipient: 'ML04', sequence: 1 };
  return gzipSync(Buffer.concat([Buffer.from(`${JSON.stringify(manifest)}\n`), rest]));
}

describe('HTTP inbox and sending (in one process, real sockets)', () => {
  test('a bundle sent by HTTP is applied at once; a second send has nothing to send', async ({ tmp }) => {
    const { region, cercle } = await pair(tmp);
    const log: string[] = [];
    const inbox = await serve(region, {}, log);
    try {
      await exportBundles(cercle, { now: TEST_NOW });
      const first = await sendOutbox(cercle, { now: TEST_NOW, urls: { ML04: inbox.url } });
      expect(first.results).toMatchObject([
        { recipient: 'ML04', file: 'ML0401-ML04-000001.oise.gz', outcome: 'applied', httpStatus: 200 },
      ]);
      expect(first.results[0]?.reason).toMatch(/appliqué : 1 ligne/);
      expect(existsSync(join(cercle.paths.outbox, 'ML04', SENT_FOLDER, 'ML0401-ML04-000001.oise.gz'))).toBe(
        true,
      );
      expect(waitingBundles(cercle.paths)).toEqual([]);
      const row = await region.db.selectFrom('data_value').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ org_unit_code: 'ML040101', value: 7, owner: 'ML0401' });
      expect(readdirSync(region.paths.applied)[0]).toMatch(
        /^http-[0-9a-f]{12}-ML0401-ML04-000001\.oise\.gz$/,
      );
      expect(log[0]).toMatch(/POST \/paquets → 200 ML0401 n° 1 — appliqué/);
      // The time of the request as a person reads it (Bamako time), not ISO.
      expect(log[0]?.startsWith(`${formatDateTimeFr(TEST_NOW)} `)).toBe(true);
      expect(log[0]).toMatch(/^\d{1,2}(er)? \p{L}+ \d{4} à \d{2}:\d{2} /u);
      expect(log.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}T/);

      expect((await sendOutbox(cercle, { now: TEST_NOW, urls: { ML04: inbox.url } })).results).toEqual([]);

      const etat = await (await fetch(`${inbox.url}/etat`)).json();
      expect(etat).toEqual({
        service: 'oise',
        node: 'ML04',
        level: 'region',
        parent: 'ML',
        at: TEST_NOW,
        waitingInInbox: 0,
        neighbours: [{ code: 'ML0401', relation: 'child', lastApplied: { sequence: 1, at: TEST_NOW } }],
      });
      expect((await fetch(`${inbox.url}/ailleurs`)).status).toBe(404);
      expect((await fetch(`${inbox.url}/paquets`)).status).toBe(405);
      const wrongType = await fetch(`${inbox.url}/paquets`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'bonjour',
      });
      expect(wrongType.status).toBe(415);
      expect(((await wrongType.json()) as { reason: string }).reason).toMatch(
        /Content-Type: application\/gzip/,
      );
    } finally {
      await inbox.close();
      await region.close();
      await cercle.close();
    }
  });

  test('orphan temporary files of a crash are removed at start-up; one being written is not', async ({
    tmp,
  }) => {
    const { region } = await pair(tmp);
    const orphan = join(region.paths.inbox, '.http-0123456789ab.tmp');
    const fresh = join(region.paths.inbox, '.http-ba9876543210.tmp');
    const other = join(region.paths.inbox, '.web-0123456789ab.tmp');
    for (const f of [orphan, fresh, other]) writeFileSync(f, 'partiel');
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(orphan, old, old);
    utimesSync(other, old, old);
    const log: string[] = [];
    const inbox = await serve(region, {}, log);
    try {
      expect(existsSync(orphan)).toBe(false);
      // Recent (an upload of another process in progress) or the pages' own: left alone.
      expect(existsSync(fresh)).toBe(true);
      expect(existsSync(other)).toBe(true);
      expect(log).toEqual(['  fichier temporaire abandonné supprimé : inbox/.http-0123456789ab.tmp']);
    } finally {
      await inbox.close();
      await region.close();
    }
  });

  test('a pass in progress: the bundle waits in the inbox (202) for the next ingest', async ({ tmp }) => {
    const { region, cercle } = await pair(tmp);
    const inbox = await serve(region);
    // A pass of `oise run` holds the region's lock.
    const pass = acquireNodeLock(region.paths.lock, TEST_NOW);
    try {
      await exportBundles(cercle, { now: TEST_NOW });
      const sent = await sendOutbox(cercle, { now: TEST_NOW, urls: { ML04: inbox.url } });
      expect(sent.results).toMatchObject([{ outcome: 'queued', httpStatus: 202 }]);
      expect(sent.results[0]?.reason).toBe('reçu, sera appliqué au prochain passage');
      const waiting = readdirSync(region.paths.inbox).filter((f) => f.endsWith('.oise.gz'));
      expect(waiting).toHaveLength(1);
      expect(await region.db.selectFrom('data_value').selectAll().execute()).toEqual([]);
      pass.release();
      const { ingestBundles } = await import('./ingest-bundles.js');
      expect((await ingestBundles(region, { now: TEST_NOW }))[0]).toMatchObject({ status: 'applied' });
    } finally {
      await inbox.close();
      await region.close();
      await cercle.close();
    }
  });

  test('size cap while streaming, a limit on uploads at once, nothing left behind', async ({ tmp }) => {
    const { region, cercle } = await pair(tmp);
    const log: string[] = [];
    const inbox = await serve(
      region,
      { maxBytes: 1000, limits: { maxUploads: 2, maxUploadsPerClient: 1 } },
      log,
    );
    try {
      // Chunked (no length announced): cut as soon as the body passes the cap.
      const head = bundleHead(randomBytes(2000));
      const big = await rawPost(inbox.url, { 'content-type': 'application/gzip' }, [
        head.subarray(0, 800),
        head.subarray(800),
      ]);
      expect(big.status).toBe(413);
      expect(big.body).toMatchObject({ status: 'rejected', code: 'BUNDLE_TOO_LARGE' });
      // A length announced over the cap: refused before reading the body.
      const announced = await rawPost(
        inbox.url,
        { 'content-type': 'application/gzip', 'content-length': 5000 },
        [Buffer.alloc(10)],
        false,
      );
      expect(announced.status).toBe(413);

      // One upload stalls; the next one from the same address is told to come back later.
      let stalledRequest: ClientRequest | undefined;
      const stalled = rawPost(
        inbox.url,
        { 'content-type': 'application/gzip', 'content-length': 900 },
        [bundleHead()],
        false,
        (req) => {
          stalledRequest = req;
        },
      ).catch(() => ({ status: 0, body: {} }));
      // The server streams it into a hidden temporary file of the inbox: the upload has begun.
      const partial = () => readdirSync(region.paths.inbox).filter((f) => f.endsWith('.tmp'));
      await waitUntil(() => partial().length === 1, 'the stalled upload to begin');
      await exportBundles(cercle, { now: TEST_NOW });
      const busy = await sendOutbox(cercle, { now: TEST_NOW, urls: { ML04: inbox.url } });
      expect(busy.results).toMatchObject([{ outcome: 'failed', httpStatus: 429 }]);
      expect(waitingBundles(cercle.paths)).toHaveLength(1);
      // The stalled sender gives up: its partial file is removed.
      stalledRequest?.destroy();
      await stalled;
      // The server says so in its log once the partial file is gone.
      await waitUntil(
        () => log.some((l) => l.includes('envoi interrompu par le client, rien gardé')),
        'the server to drop the stalled upload',
      );
      expect(partial()).toEqual([]);
      // Logged as aborted, not as an answer that was never sent.
      expect(log.find((l) => l.includes('envoi interrompu'))).toMatch(
        /POST \/paquets → interrompu envoi interrompu/,
      );
      // No temporary file, nothing applied, nothing in the inbox.
      expect(readdirSync(region.paths.inbox).filter((f) => !['applied', 'rejected'].includes(f))).toEqual([]);
      expect(readdirSync(region.paths.rejected)).toEqual([]);
    } finally {
      await inbox.close().catch(() => {});
      await region.close();
      await cercle.close();
    }
  });

  test('a refusal is kept with its reason and not sent again; an unreachable address keeps the file', async ({
    tmp,
  }) => {
    const { region, cercle } = await pair(tmp);
    const inbox = await serve(region);
    try {
      await exportBundles(cercle, { now: TEST_NOW });
      // The region no longer trusts the cercle: the bundle is refused (422) with ingest's reason.
      await region.db.deleteFrom('trusted_key').where('node_code', '=', 'ML0401').execute();
      const refused = await sendOutbox(cercle, { now: TEST_NOW, urls: { ML04: `${inbox.url}/` } });
      expect(refused.results).toMatchObject([{ outcome: 'refused', httpStatus: 422 }]);
      expect(refused.results[0]?.reason).toMatch(/n'est pas enrôlé sur ce nœud/);
      const motif = join(cercle.paths.outbox, 'ML04', SENT_FOLDER, 'ML0401-ML04-000001.oise.gz.motif.txt');
      expect(readFileSync(motif, 'utf8')).toMatch(/Motif : l'expéditeur ML0401 n'est pas enrôlé/);
      // A stranger's body is never stored: its manifest alone refused it, and one log line stays.
      expect(existsSync(region.paths.rejected) ? readdirSync(region.paths.rejected) : []).toEqual([]);
      const line = await region.db.selectFrom('bundle_log').selectAll().executeTakeFirstOrThrow();
      expect(line).toMatchObject({
        status: 'rejected',
        sender: 'ML0401',
        signed: 0,
        remote_address: '127.0.0.1',
      });
      expect(line.reason).toMatch(/^\[BUNDLE_UNKNOWN_SENDER\]/);
      expect((await sendOutbox(cercle, { now: TEST_NOW, urls: { ML04: inbox.url } })).results).toEqual([]);

      await enterValue(cercle, 8, 2);
      await exportBundles(cercle, { now: TEST_NOW });
      const url = inbox.url;
      await inbox.close();
      const down = await sendOutbox(cercle, { now: TEST_NOW, urls: { ML04: url } });
      expect(down.results).toMatchObject([{ outcome: 'failed', httpStatus: null }]);
      expect(down.results[0]?.reason).toMatch(
        /injoignable \(connexion refusée \(oise serve arrêté \?\) : ECONNREFUSED\)/,
      );
      expect(waitingBundles(cercle.paths).map((w) => w.name)).toEqual(['ML0401-ML04-000002.oise.gz']);
      const bad = await sendOutbox(cercle, { now: TEST_NOW, urls: { ML04: 'ftp://ailleurs' } });
      expect(bad.results[0]?.reason).toMatch(/seuls http:\/\/ et https:\/\//);
      expect((await sendOutbox(cercle, { now: TEST_NOW, urls: {} })).withoutAddress).toEqual([
        { recipient: 'ML04', files: 1 },
      ]);
    } finally {
      await inbox.close().catch(() => {});
      await region.close();
      await cercle.close();
    }
  });
});
