import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { signWithKeyFile } from '@oise/node';
import { exportBundles } from '@oise/sync';
import { test, writeStreamedZipFile, writeZipFile } from '@oise/testkit';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openBundle } from './reliability/bundle-tools.js';
import { type OiseCli, buildOiseCli } from './reliability/oise-process.js';
import { NOW, enterQuarter, makeSmallCountry, signerOf } from './reliability/small-country.js';

/**
 * Issue 16: a real `oise` process ingests the largest package allowed, refuses bombs of any ratio
 * and refuses workbooks that inflate to a gigabyte or hold 3 million rows, each with a peak RSS
 * (GNU time's maximum resident set of the process) of at most 300 MB. The big inputs are streamed
 * into the test's temporary folder, never held and never committed.
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

describe('bounded memory (issue 16)', () => {
  test('a 510 MiB package is ingested and bombs are refused by oise ingest, each under 300 MB', async ({
    tmp,
  }) => {
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

    const applied = await measured(['ingest', '--dir', regionDir, '--json', big]);
    expect(applied.stderr).not.toMatch(/BUNDLE_/);
    const [result] = JSON.parse(applied.stdout).results as { status: string; rows: number }[];
    expect(result).toMatchObject({ status: 'applied', rows: manifest.rowCount });
    expect(applied.peakKb).toBeLessThanOrEqual(PEAK_LIMIT_KB);

    // A bomb from the enrolled cercle: a real manifest, then 2 GiB of short lines, 4 MB on disk.
    const line = Buffer.concat(
      Array.from({ length: 16 }, () => Buffer.concat([Buffer.alloc(64 * 1024 - 1, 0x20), Buffer.from('\n')])),
    );
    const bomb = join(tmp, 'ML0401-ML04-000002.oise.gz');
    await writeGzip(bomb, head, line, 2048, signature);
    expect(line.length * 2048).toBe(2 * 1024 * MIB);
    expect(statSync(bomb).size).toBeLessThan(16 * MIB);
    const refused = await measured(['ingest', '--dir', regionDir, '--json', bomb]);
    const [bombResult] = JSON.parse(refused.stdout).results as {
      status: string;
      code: string;
      reason: string;
    }[];
    expect(bombResult).toMatchObject({ status: 'rejected', code: 'BUNDLE_TOO_LARGE' });
    expect(bombResult?.reason).toMatch(/une fois décompressé, le paquet dépasse 536870912 octets/);
    expect(refused.peakKb).toBeLessThanOrEqual(PEAK_LIMIT_KB);

    // The same bomb claiming a sender nobody enrolled is cut off at its first line.
    const strangerHead = Buffer.from(`${JSON.stringify({ ...manifest, sender: 'ML0499' })}\n`);
    const stranger = join(tmp, 'ML0499-ML04-000001.oise.gz');
    await writeGzip(stranger, strangerHead, line, 2048, signature);
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
});
