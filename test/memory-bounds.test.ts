import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { signWithKeyFile } from '@oise/node';
import { DEFAULT_LIMITS, exportBundles } from '@oise/sync';
import { test, waitUntil, writeStreamedZipFile, writeZipFile } from '@oise/testkit';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openBundle } from './reliability/bundle-tools.js';
import { type OiseCli, buildOiseCli } from './reliability/oise-process.js';
import { NOW, enterQuarter, makeSmallCountry, signerOf } from './reliability/small-country.js';
import { serve, stop } from './serve-process.js';
import { startUi } from './web/web-process.js';
import { queried } from './web/web-scene.js';

/**
 * Issue 16: a real `oise` process ingests the largest package allowed, refuses bombs of any ratio
 * and refuses workbooks that inflate to a gigabyte or hold 3 million rows, each with a peak RSS
 * (GNU time's maximum resident set of the process) of at most 300 MB; the same package and bomb
 * posted to a running `oise serve`, and the workbooks uploaded through Saisie → Importer of a
 * running `oise ui`, each server's peak (VmHWM) read before its clean stop, within the same bound.
 * The big inputs are streamed into the test's temporary folder, never held and never committed.
 */
const MIB = 1024 * 1024;
const PEAK_LIMIT_KB = 300 * 1000;

let cli: OiseCli;
beforeAll(() => {
  cli = buildOiseCli();
});
afterAll(() => cli?.remove());

/** Runs `oise …` under GNU time; returns its exit code, output and peak RSS in kB. */
function measured(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string; peakKb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'PEAK_RSS_KB %M', process.execPath, cli.entry, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const peak = /PEAK_RSS_KB (\d+)/.exec(stderr);
      resolve({ code, stdout, stderr, peakKb: peak ? Number(peak[1]) : Number.NaN });
    });
  });
}

/** Writes `count` times `chunk` into a stream, waiting when it asks to. */
async function writeRepeated(out: NodeJS.WritableStream, chunk: Buffer, count: number): Promise<void> {
  for (let i = 0; i < count; i++) if (!out.write(chunk)) await once(out, 'drain');
}

/**
 * A gzip file of `head`, then `body` repeated `count` times, then `tail`: gzip members one
 * after the other (RFC 1952 allows it; gunzip reads them as one text), so `body` is compressed
 * once and the file is written at disk speed, whatever it inflates to.
 */
async function writeGzip(
  path: string,
  head: Buffer,
  body: Buffer,
  count: number,
  tail: Buffer,
): Promise<void> {
  const out = createWriteStream(path);
  out.write(gzipSync(head));
  await writeRepeated(out, gzipSync(body, { level: 9 }), count);
  out.end(gzipSync(tail));
  await once(out, 'finish');
}

/**
 * Region ML04 and cercle ML0401 enrolled both ways, and three files the cercle could have sent:
 * a signed package of 510 MiB decompressed (its genuine rows, then a filler line again and
 * again), a bomb with the same real manifest then 2 GiB of short lines, and that bomb claiming
 * ML0499, enrolled nowhere. Each a few MB on disk.
 */
async function writeBigPackages(tmp: string): Promise<{
  regionDir: string;
  rowCount: number;
  big: string;
  bomb: string;
  stranger: string;
}> {
  const country = await makeSmallCountry(tmp);
  const { region, cercle } = country;
  await enterQuarter(cercle, '2025Q1', [{ indicator: 'SAN_CSCOM', base: 1 }]);
  const [written] = (await exportBundles(cercle, { now: NOW, to: 'ML04' })).written;
  const genuine = openBundle(readFileSync(written!.file));
  expect(genuine.manifest.manifestSigned).toBe(true);
  const signer = signerOf(cercle);
  const regionDir = region.paths.root;
  await country.close();

  // The genuine rows, then one of them again and again with a long comment and the same
  // revision: it changes nothing stored, but every line is read, checked and upserted.
  const first = JSON.parse(genuine.rows[0] as string) as { table: string; row: Record<string, unknown> };
  const filler = Buffer.from(
    `${JSON.stringify({ ...first, row: { ...first.row, comment: 'à vérifier '.repeat(360) } })}\n`,
  );
  const genuineRows = Buffer.from(genuine.rows.map((r) => `${r}\n`).join(''));
  const block = Buffer.concat(Array.from({ length: 256 }, () => filler));
  const blocks = Math.floor((510 * MIB - genuineRows.length) / block.length);
  const fillers = blocks * 256;
  const hash = createHash('sha256').update(genuineRows);
  for (let i = 0; i < blocks; i++) hash.update(block);
  const counts = genuine.manifest.counts as Record<string, number>;
  const manifest = {
    ...genuine.manifest,
    sequence: 1,
    counts: { ...counts, data_value: (counts.data_value ?? 0) + fillers },
    rowCount: genuine.rows.length + fillers,
    contentSha256: hash.digest('hex'),
  };
  const head = Buffer.from(`${JSON.stringify(manifest)}\n`);
  const proof = signWithKeyFile(signer.privateKeyPath, head).toString('base64');
  const signature = Buffer.from(
    `${JSON.stringify({ signature: proof, algorithm: 'ed25519', keyFingerprint: signer.fingerprint, manifestSignature: proof })}\n`,
  );
  const big = join(tmp, 'ML0401-ML04-000001.oise.gz');
  await writeGzip(big, Buffer.concat([head, genuineRows]), block, blocks, signature);
  expect(head.length + genuineRows.length + fillers * filler.length).toBeGreaterThan(509 * MIB);

  // A bomb from the enrolled cercle: a real manifest, then 2 GiB of short lines, 4 MB on disk.
  const line = Buffer.concat(
    Array.from({ length: 16 }, () => Buffer.concat([Buffer.alloc(64 * 1024 - 1, 0x20), Buffer.from('\n')])),
  );
  const bomb = join(tmp, 'ML0401-ML04-000002.oise.gz');
  await writeGzip(bomb, head, line, 2048, signature);
  expect(line.length * 2048).toBe(2 * 1024 * MIB);
  expect(statSync(bomb).size).toBeLessThan(16 * MIB);
  // The same bomb claiming ML0499, a sender nobody enrolled.
  const strangerHead = Buffer.from(`${JSON.stringify({ ...manifest, sender: 'ML0499' })}\n`);
  const stranger = join(tmp, 'ML0499-ML04-000001.oise.gz');
  await writeGzip(stranger, strangerHead, line, 2048, signature);
  return { regionDir, rowCount: manifest.rowCount, big, bomb, stranger };
}

/**
 * Three hostile workbooks in `tmp`: one sheet of 3 million rows (sizes honest, 2 MB on disk), a
 * sheet that inflates to 1 GiB while its directory says 2 Kio, and a stored entry declaring 1 GB.
 */
async function writeBombWorkbooks(tmp: string): Promise<{ rows: string; liar: string; stored: string }> {
  // One sheet of 3 million rows, deflated as a stream, sizes honest (about 120 Mio of XML).
  const rows = join(tmp, 'saisie-3-millions.xlsx');
  const rowXml = Buffer.from('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(1000));
  await writeStreamedZipFile(rows, { name: 'xl/worksheets/sheet1.xml', chunk: rowXml, count: 3000 });
  // A sheet that inflates to 1 Gio while its directory says 2 Kio.
  const liar = join(tmp, 'saisie-bombe.xlsx');
  await writeStreamedZipFile(liar, {
    name: 'xl/worksheets/sheet1.xml',
    chunk: Buffer.alloc(MIB, 0x20),
    count: 1024,
    declaredSize: 2048,
  });
  // A stored (not deflated) entry whose sizes disagree.
  const stored = join(tmp, 'saisie-stockee.xlsx');
  writeZipFile(stored, [{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]);
  const bytes = readFileSync(stored);
  bytes.writeUInt16LE(0, 8); // local header: method 0 (stored)
  const central = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  bytes.writeUInt16LE(0, central + 10);
  bytes.writeUInt32LE(1_000_000_000, central + 24); // declared uncompressed size: 1 GB
  writeFileSync(stored, bytes);
  return { rows, liar, stored };
}

/** The peak resident set of a running process in kB (VmHWM of /proc/<pid>/status; Linux). */
function peakKbOf(pid: number): number {
  const peak = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!peak) throw new Error(`no VmHWM for process ${pid}`);
  return Number(peak[1]);
}

/** POSTs a package file to a running inbox; its status and JSON answer. */
async function postPackage(
  url: string,
  file: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/paquets`, {
    method: 'POST',
    headers: { 'content-type': 'application/gzip', 'x-oise-fichier': basename(file) },
    body: readFileSync(file),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/**
 * Uploads `file` through Saisie → Importer of a running `oise ui` on loopback (no sign-in there),
 * as the page's form does: its CSRF cookie and token, then the job's page until its result.
 * Returns the result page's HTML.
 */
async function importThroughPages(url: string, file: string): Promise<string> {
  const form = await fetch(`${url}/saisie/import?trimestre=2025Q1`);
  const cookie =
    form.headers
      .getSetCookie()
      .find((c) => c.startsWith('oise_csrf='))
      ?.split(';')[0] ?? '';
  const token = /action="\/saisie\/import\?_csrf=([^"&]+)"/.exec(await form.text())?.[1] ?? '';
  expect(cookie && token).toBeTruthy();
  const upload = new FormData();
  upload.append('trimestre', '2025Q1');
  upload.append('mode', 'importer');
  upload.append('fichier', new Blob([readFileSync(file)]), basename(file));
  const posted = await fetch(`${url}/saisie/import?_csrf=${token}`, {
    method: 'POST',
    headers: { cookie },
    body: upload,
    redirect: 'manual',
  });
  expect(posted.status).toBe(303);
  const job = posted.headers.get('location') ?? '';
  expect(job).toMatch(/^\/travaux\//);
  let resultHref: string | null = null;
  await waitUntil(
    async () => {
      const state = (await (await fetch(`${url}${job}/etat`)).json()) as {
        state: string;
        resultHref: string | null;
      };
      expect(state.state).not.toBe('failed');
      resultHref = state.resultHref;
      return resultHref !== null;
    },
    `the import of ${basename(file)}`,
    { timeoutMs: 60_000, everyMs: 200 },
  );
  const result = await fetch(`${url}${resultHref}`);
  expect(result.status).toBe(200);
  return result.text();
}

describe('bounded memory (issue 16)', () => {
  test('a 510 MiB package is ingested and bombs are refused by oise ingest, each under 300 MB', async ({
    tmp,
  }) => {
    const { regionDir, rowCount, big, bomb, stranger } = await writeBigPackages(tmp);
    const applied = await measured(['ingest', '--dir', regionDir, '--json', big]);
    expect(applied.stderr).not.toMatch(/BUNDLE_/);
    const [result] = JSON.parse(applied.stdout).results as { status: string; rows: number }[];
    expect(result).toMatchObject({ status: 'applied', rows: rowCount });
    expect(applied.peakKb).toBeLessThanOrEqual(PEAK_LIMIT_KB);

    const refused = await measured(['ingest', '--dir', regionDir, '--json', bomb]);
    const [bombResult] = JSON.parse(refused.stdout).results as {
      status: string;
      code: string;
      reason: string;
    }[];
    expect(bombResult).toMatchObject({ status: 'rejected', code: 'BUNDLE_TOO_LARGE' });
    expect(bombResult?.reason).toMatch(/une fois décompressé, le paquet dépasse 536870912 octets/);
    expect(refused.peakKb).toBeLessThanOrEqual(PEAK_LIMIT_KB);

    const cut = await measured(['ingest', '--dir', regionDir, '--json', stranger]);
    expect(JSON.parse(cut.stdout).results[0]).toMatchObject({
      status: 'rejected',
      code: 'BUNDLE_UNKNOWN_SENDER',
    });
    expect(cut.peakKb).toBeLessThanOrEqual(PEAK_LIMIT_KB);
    console.info(
      `[mémoire] ingest 510 Mio : ${applied.peakKb} ko ; bombe 2 Gio : ${refused.peakKb} ko ; inconnu : ${cut.peakKb} ko`,
    );
  }, 120_000);

  test('a workbook inflating to 1 GB, one of 3 million rows and a lying stored entry are refused by oise import under 300 MB', async ({
    tmp,
  }) => {
    const country = await makeSmallCountry(tmp);
    const cercleDir = country.cercle.paths.root;
    await country.close();

    const { rows, liar, stored } = await writeBombWorkbooks(tmp);
    for (const [file, reason] of [
      [rows, /se décompresse en plus de 16 Mio \(la limite/],
      [liar, /se décompresse en plus de 16 Mio \(la limite/],
      [stored, /se décompresse en plus de 16 Mio \(la limite/],
    ] as const) {
      const run = await measured(['import', '--dir', cercleDir, file]);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(reason);
      expect(run.peakKb).toBeLessThanOrEqual(PEAK_LIMIT_KB);
      console.info(`[mémoire] import ${file.split('/').pop()} : ${run.peakKb} ko`);
    }
  }, 120_000);

  test('the 510 MiB package and the bomb posted to a running oise serve: applied, refused, server under 300 MB', async ({
    tmp,
  }) => {
    const { regionDir, rowCount, big, bomb } = await writeBigPackages(tmp);
    // The inbox's body cap is ingest's compressed limit (256 MiB): the 510 MiB package is a few MB.
    expect(statSync(big).size).toBeLessThan(DEFAULT_LIMITS.maxCompressedBytes);
    const inbox = await serve(regionDir, {}, cli.entry);
    let stopped = false;
    try {
      const idle = peakKbOf(inbox.child.pid!);
      // The bomb first, so that the peak read after it is its own; then the package.
      const refused = await postPackage(inbox.url, bomb);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ status: 'rejected', code: 'BUNDLE_TOO_LARGE' });
      expect(String(refused.body.reason)).toMatch(/une fois décompressé, le paquet dépasse 536870912 octets/);
      const afterBomb = peakKbOf(inbox.child.pid!);
      const applied = await postPackage(inbox.url, big);
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      expect(applied.body).toMatchObject({ status: 'applied', rows: rowCount });
      // Read just before the clean stop: the server's peak over both uploads.
      const peakKb = peakKbOf(inbox.child.pid!);
      stopped = true;
      expect(await stop(inbox.child)).toBe(0);
      expect(afterBomb).toBeLessThanOrEqual(PEAK_LIMIT_KB);
      expect(peakKb).toBeLessThanOrEqual(PEAK_LIMIT_KB);
      console.info(
        `[mémoire] oise serve : au repos ${idle} ko ; bombe 2 Gio ${afterBomb} ko ; puis paquet 510 Mio ${peakKb} ko`,
      );
    } finally {
      if (!stopped) await stop(inbox.child);
    }
  }, 120_000);

  test('the bomb workbooks uploaded through Saisie → Importer of a running oise ui: refused with the limit, nothing stored, under 300 MB', async ({
    tmp,
  }) => {
    const country = await makeSmallCountry(tmp);
    await enterQuarter(country.cercle, '2025Q1', [{ indicator: 'SAN_CSCOM', base: 1 }]);
    const cercleDir = country.cercle.paths.root;
    await country.close();
    const { rows, liar } = await writeBombWorkbooks(tmp);
    const before = await queried(cercleDir, 'SAN_CSCOM', 'ML040101');
    expect(before).toBe(1);
    const ui = await startUi(cercleDir);
    try {
      await ui.waitForOutput(/Passage \(démarrage\)/);
      const idle = peakKbOf(ui.pid);
      for (const file of [rows, liar]) {
        const page = (await importThroughPages(ui.url, file)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
        expect(page).toContain(`« ${basename(file)} » : rien n&#39;a été enregistré`);
        expect(page).toContain('Lignes enregistrées 0');
        expect(page).toMatch(/refusé Ce classeur se décompresse en plus de 16 Mio \(la limite ;/);
        expect(await queried(cercleDir, 'SAN_CSCOM', 'ML040101')).toBe(before);
      }
      const peakKb = peakKbOf(ui.pid);
      expect(await ui.stop()).toBe(0);
      expect(peakKb).toBeLessThanOrEqual(PEAK_LIMIT_KB);
      console.info(
        `[mémoire] oise ui : au repos ${idle} ko ; Saisie → Importer (3 millions de lignes, feuille de 1 Gio) ${peakKb} ko`,
      );
    } finally {
      await ui.stop();
    }
  }, 120_000);
});
