import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, request } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import { runCliCaptured } from '@oise/cli';
import { fingerprintOf, withNode } from '@oise/node';
import { BundleEncoder, NEWEST_SCHEMA, bundleFileName } from '@oise/sync';
import { makeTestNode, test, waitUntil } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { type ServeProcess, oise, serve, stop } from './serve-process.js';
import { NOW, closeAll, enterValues, link } from './sync-fixtures.js';

/*
 * The HTTP inbox under attack (issue 16), against a real `oise serve` on loopback: junk that
 * would fill the disk, connections that trickle, strangers claiming a cercle's code, a big
 * body from an unknown sender. Short limits come through the node's settings (serve.*).
 */

const MIB = 1024 * 1024;

/** Region ML04 with cercle ML0401 enrolled both ways; the cercle has one value to send. */
async function regionAndCercle(tmp: string): Promise<{ regionDir: string; cercleDir: string }> {
  const region = await makeTestNode(tmp, 'region', 'ML04');
  const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
  await link(tmp, region, cercle);
  await enterValues(cercle, [
    { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', category: '', value: 5 },
  ]);
  await closeAll([region, cercle]);
  return { regionDir: join(tmp, 'ML04'), cercleDir: join(tmp, 'ML0401') };
}

async function settings(dir: string, values: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    const set = await runCliCaptured(['settings', '--dir', dir, key, value]);
    expect(set.code, set.stderr).toBe(0);
  }
}

/** Bytes of every file under `dir`. */
function folderBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) total += folderBytes(path);
    else if (e.isFile()) total += statSync(path).size;
  }
  return total;
}

/** What the client of an upload saw: the answer (if any) and how many bytes it managed to write. */
interface Posted {
  status: number | null;
  body: Record<string, unknown> | null;
  written: number;
}

/** `total` random bytes, 64 KiB at a time, made on the fly: never held whole. */
function* randomChunks(total: number): Generator<Buffer> {
  for (let left = total; left > 0; left -= 64 * 1024) yield randomBytes(Math.min(64 * 1024, left));
}

/** `chunks` through gzip without compression (stored blocks: cheap, as big as its input). */
function gzipped(chunks: Iterable<Buffer>): AsyncIterable<Buffer> {
  return Readable.from(chunks).pipe(createGzip({ level: 0 }));
}

/**
 * POSTs `body` chunk by chunk (with `length` announced, chunked otherwise) and stops writing as
 * soon as the server answers or closes the connection.
 */
function postStream(
  url: string,
  body: Iterable<Buffer> | AsyncIterable<Buffer>,
  options: { length?: number; localAddress?: string } = {},
): Promise<Posted> {
  return new Promise((resolve) => {
    const target = new URL(`${url}/paquets`);
    const result: Posted = { status: null, body: null, written: 0 };
    let answered = false;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/gzip',
          ...(options.length !== undefined ? { 'content-length': options.length } : {}),
        },
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (res: IncomingMessage) => {
        answered = true;
        result.status = res.statusCode ?? null;
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () => {
          result.body = text ? JSON.parse(text) : null;
          settle();
        });
        res.on('error', settle);
      },
    );
    req.on('error', settle);
    let wake: () => void = () => {};
    req.on('close', () => {
      wake();
      setTimeout(settle, 100);
    });
    void (async () => {
      for await (const chunk of body) {
        if (answered || req.destroyed) return;
        result.written += chunk.length;
        if (!req.write(chunk))
          await new Promise<void>((r) => {
            wake = r;
            req.once('drain', r);
          });
      }
      if (!answered && !req.destroyed) req.end();
    })().catch(settle);
  });
}

/** The manifest line of a bundle claiming `sender` → ML04. */
function claimedManifest(sender: string): Buffer {
  const manifest = {
    format: 'oise-bundle',
    formatVersion: 1,
    sender,
    recipient: 'ML04',
    direction: 'up',
    sequence: 1,
    rowCount: 1,
  };
  return Buffer.from(`${JSON.stringify(manifest)}\n`);
}

/** The manifest line claiming `sender`, then `total` random bytes made on the fly. */
function* manifestThen(sender: string, total: number): Generator<Buffer> {
  yield claimedManifest(sender);
  yield* randomChunks(total);
}

/** A bundle claiming `sender` → ML04, gzip'd with `rest` after its manifest; nobody signed it. */
function claimedBundle(sender: string, rest: Buffer): Buffer {
  return gzipSync(Buffer.concat([claimedManifest(sender), rest]));
}

/**
 * A package really signed by ML0401's key but refused by the region (it claims to travel down:
 * a child only sends up), carrying `bytes` of random text so that it weighs about that much.
 */
async function signedRefused(cercleDir: string, sequence: number, bytes: number): Promise<Buffer> {
  return withNode(cercleDir, async (node) => {
    const encoder = new BundleEncoder();
    encoder.add({
      table: 'data_value',
      row: { org_unit_code: 'ML040101', comment: randomBytes(bytes).toString('base64') },
    });
    const keyFingerprint = fingerprintOf(readFileSync(node.paths.publicKey, 'utf8'));
    return encoder.seal(
      {
        format: 'oise-bundle',
        formatVersion: 1,
        schemaVersion: NEWEST_SCHEMA,
        sender: 'ML0401',
        senderLevel: 'cercle',
        recipient: 'ML04',
        direction: 'down',
        sequence,
        full: false,
        changes: { from: 0, to: 1 },
        ack: { sequence: 0, localSeq: 0 },
        quarters: [],
        counts: { data_value: 1 },
        rowCount: 1,
        createdAt: NOW,
      },
      { privateKeyPath: node.paths.privateKey, keyFingerprint },
    ).bytes;
  });
}

async function statusOf(dir: string) {
  const text = await runCliCaptured(['status', '--dir', dir], { OISE_NOW: NOW });
  const json = await runCliCaptured(['status', '--dir', dir, '--json'], { OISE_NOW: NOW });
  return { text: text.stdout, bundles: JSON.parse(json.stdout).bundles };
}

async function withServe<T>(dir: string, work: (server: ServeProcess) => Promise<T>): Promise<T> {
  const server = await serve(dir);
  try {
    return await work(server);
  } finally {
    expect(await stop(server.child)).toBe(0);
  }
}

describe('the HTTP inbox under attack (a real oise serve on loopback)', () => {
  test('3 × 200 MB of random bytes and signed refusals leave the node folder under its quota; a courier file is never deleted', async ({
    tmp,
  }) => {
    const { regionDir, cercleDir } = await regionAndCercle(tmp);
    await settings(regionDir, { 'inbox.quota': '1' });
    const before = folderBytes(regionDir);
    await withServe(regionDir, async (server) => {
      for (let i = 0; i < 3; i++) {
        const size = 200 * 1000 * 1000;
        const junk = await postStream(server.url, randomChunks(size), { length: size });
        expect(junk.status).toBe(422);
        expect(junk.body).toMatchObject({ status: 'rejected', code: 'BUNDLE_UNREADABLE' });
        // Cut off on its first bytes: the sender could not push its 200 MB.
        expect(junk.written).toBeLessThan(50 * MIB);
      }
      // Three packages really signed by ML0401 but refused, 700 Kio each: kept within 1 Mio.
      for (let sequence = 1; sequence <= 3; sequence++) {
        const body = await signedRefused(cercleDir, sequence, 700 * 1024);
        const refused = await postStream(server.url, [body], { length: body.length });
        expect(refused.status).toBe(422);
        expect(refused.body).toMatchObject({ code: 'BUNDLE_DIRECTION', sender: 'ML0401' });
      }
      // The server's log says each cut with the bytes it read.
      const cuts = () =>
        server.out().match(/→ 422 coupé après \d+ octets lus — \[BUNDLE_UNREADABLE\]/g) ?? [];
      await waitUntil(() => cuts().length === 3, 'three cut-off uploads in the log');
    });
    const rejected = join(regionDir, 'inbox', 'rejected');
    const kept = readdirSync(rejected).filter((f) => !f.endsWith('.motif.txt'));
    // The oldest signed refusal was dropped to keep the quota; the newest stays, named by its manifest.
    expect(kept).toEqual([expect.stringMatching(/^http-[0-9a-f]{12}-ML0401-ML04-000003\.oise\.gz$/)]);
    expect(folderBytes(rejected)).toBeLessThanOrEqual(1 * MIB);
    // 600 MB posted; the folder grew by the one kept refusal and the log lines.
    expect(folderBytes(regionDir) - before).toBeLessThan(2 * MIB);
    let status = await statusOf(regionDir);
    expect(status.bundles.rejectedQuota).toMatchObject({ quotaBytes: MIB, files: 1, overQuota: false });
    expect(status.text).toMatch(
      /Paquets refusés gardés \(inbox\/rejected\/\) : 1 fichier, 0,\d Mio sur 1 Mio/,
    );
    // The signed refusals are ML0401's own; the junk is nobody's.
    expect(status.bundles.neighbours[0].received.rejected).toBe(3);
    expect(status.bundles.unknownSender.rejected).toBe(3);

    // A courier drops two files by hand, over the quota together: moved aside, never deleted, said loudly.
    for (const n of [1, 2])
      writeFileSync(join(regionDir, 'inbox', `cle-usb-${n}.oise.gz`), randomBytes(700 * 1024));
    const pass = await oise(['ingest', '--dir', regionDir]);
    expect(pass.code).toBe(1);
    expect(pass.stderr).toMatch(/Paquet refusé cle-usb-1\.oise\.gz/);
    expect(pass.stderr).toMatch(
      /ATTENTION : les paquets refusés gardés dans inbox\/rejected\/ dépassent le quota/,
    );
    expect(
      readdirSync(rejected).filter((f) => f.startsWith('cle-usb-') && !f.endsWith('.motif.txt')),
    ).toEqual(['cle-usb-1.oise.gz', 'cle-usb-2.oise.gz']);
    status = await statusOf(regionDir);
    expect(status.bundles.rejectedQuota.overQuota).toBe(true);
    expect(status.text).toMatch(/ATTENTION : .* ne sont jamais supprimés/);
  });

  test('4 trickling connections and one real sender: the real package is applied, the tricklers are cut', async ({
    tmp,
  }) => {
    const { regionDir, cercleDir } = await regionAndCercle(tmp);
    await settings(regionDir, { 'serve.idle-seconds': '3', 'serve.min-rate': '2048' });
    await withServe(regionDir, async (server) => {
      await settings(cercleDir, { 'transport.parent-url': server.url });
      const exported = await oise(['export', '--dir', cercleDir]);
      expect(exported.code, exported.stderr).toBe(0);
      const target = new URL(`${server.url}/paquets`);
      // Each trickler sends a real gzip'd manifest claiming ML0401, one byte every 300 ms.
      const slow = claimedBundle('ML0401', randomBytes(4096));
      const tricklers = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'].map((localAddress) => {
        const req = request({
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          localAddress,
          headers: { 'content-type': 'application/gzip', 'content-length': slow.length },
        });
        const answer = new Promise<number | null>((resolve) => {
          req.on('response', (res) => {
            res.resume();
            resolve(res.statusCode ?? null);
          });
          req.on('error', () => resolve(null));
        });
        let sent = 0;
        const trickle = () => {
          if (!req.destroyed && sent < slow.length) req.write(slow.subarray(sent, ++sent));
        };
        trickle();
        const timer = setInterval(trickle, 300);
        return { req, answer, timer };
      });
      try {
        // A fifth connection from the same address as the first, then a sixth: one address has two slots.
        const same = await Promise.all(
          [1, 2].map(() =>
            postStream(server.url, [slow.subarray(0, 1)], { length: 64, localAddress: '127.0.0.2' }),
          ),
        );
        expect(same.map((p) => p.status)).toContain(429);

        const sent = await oise(['send', '--dir', cercleDir, '--json']);
        expect(sent.code, sent.stderr).toBe(0);
        expect(JSON.parse(sent.stdout).results).toMatchObject([
          { file: 'ML0401-ML04-000001.oise.gz', outcome: 'applied', httpStatus: 200 },
        ]);
        // The tricklers are cut off for being too slow (408), nothing of them kept.
        const answers = await Promise.all(tricklers.map((t) => t.answer));
        expect(answers).toEqual([408, 408, 408, 408]);
      } finally {
        for (const t of tricklers) {
          clearInterval(t.timer);
          t.req.destroy();
        }
      }
      await waitUntil(
        () => /POST \/paquets → 200 ML0401 n° 1 — appliqué/.test(server.out()),
        'the applied line',
      );
      await waitUntil(
        () =>
          server
            .out()
            .split('\n')
            .filter((l) => l.includes('[UPLOAD_TOO_SLOW]')).length >= 4,
        'the four tricklers cut off in the log',
      );
    });
    const applied = await withNode(regionDir, (node) =>
      node.db.selectFrom('data_value').select('value').where('owner', '=', 'ML0401').execute(),
    );
    expect(applied).toEqual([{ value: 5 }]);
    expect(readdirSync(join(regionDir, 'inbox')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test("unsigned junk claiming ML0401 does not change ML0401's counts; a big body from an unknown sender is cut off after its first bytes", async ({
    tmp,
  }) => {
    const { regionDir, cercleDir } = await regionAndCercle(tmp);
    const sent = await oise(['export', '--dir', cercleDir]);
    expect(sent.code, sent.stderr).toBe(0);
    const before = (await statusOf(regionDir)).bundles;
    await withServe(regionDir, async (server) => {
      // Twenty bodies that claim ML0401 (enrolled) in their manifest, but nobody signed them.
      for (let i = 0; i < 20; i++) {
        const body = claimedBundle('ML0401', randomBytes(2048));
        const junk = await postStream(server.url, [body], { length: body.length });
        expect(junk.status).toBe(422);
      }
      // 100 MB whose manifest names ML0499, enrolled nowhere: cut off once the manifest is read.
      const stranger = await postStream(server.url, gzipped(manifestThen('ML0499', 100 * 1000 * 1000)));
      expect(stranger.status).toBe(422);
      expect(stranger.body).toMatchObject({ code: 'BUNDLE_UNKNOWN_SENDER', sender: 'ML0499' });
      expect(stranger.written).toBeLessThan(50 * MIB);
      const line = /→ 422 coupé après (\d+) octets lus \(se dit ML0499\)/;
      await waitUntil(() => line.test(server.out()), 'the log line of the cut-off upload');
      const cut = line.exec(server.out());
      expect(Number(cut?.[1])).toBeLessThan(MIB);
    });
    const after = await statusOf(regionDir);
    expect(after.bundles.neighbours).toEqual(before.neighbours);
    expect(after.bundles.neighbours[0]).toMatchObject({ code: 'ML0401', received: { rejected: 0 } });
    expect(after.bundles.unknownSender.rejected).toBe(21);
    expect(after.text).toMatch(/ML0401 : rien reçu ; rien envoyé\n/);
    expect(after.text).toMatch(/expéditeur inconnu : 21 refusés/);
    expect(after.text).toMatch(/Refusé .*\(.*, expéditeur inconnu, 127\.0\.0\.1\)/);
    // Nothing of theirs is stored.
    const rejected = join(regionDir, 'inbox', 'rejected');
    expect(readdirSync(join(regionDir, 'inbox')).filter((f) => !['applied', 'rejected'].includes(f))).toEqual(
      [],
    );
    expect(statSync(rejected, { throwIfNoEntry: false }) ? readdirSync(rejected) : []).toEqual([]);
    // The real package still goes through, named by its manifest whatever the sender's header says.
    await withServe(regionDir, async (server) => {
      const file = join(cercleDir, 'outbox', 'ML04', bundleFileName('ML0401', 'ML04', 1));
      const body = readFileSync(file);
      const posted = await fetch(`${server.url}/paquets`, {
        method: 'POST',
        headers: { 'content-type': 'application/gzip', 'x-oise-fichier': 'ML0401-ML04-000123.oise.gz' },
        body,
      });
      expect(posted.status).toBe(200);
      expect(readdirSync(join(regionDir, 'inbox', 'applied'))).toEqual([
        expect.stringMatching(/^http-[0-9a-f]{12}-ML0401-ML04-000001\.oise\.gz$/),
      ]);
      // HEAD answers like GET, without a body.
      const head = await fetch(`${server.url}/etat`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toMatch(/application\/json/);
      expect(await head.text()).toBe('');
    });
  });
});
