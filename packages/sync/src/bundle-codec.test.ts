import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fingerprintOf, generateNodeKeyPair } from '@oise/node';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import {
  encodeBundle,
  hasValidContentHash,
  hasValidSignature,
  parseBundle,
  readRows,
} from './bundle-codec.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BUNDLE_SCHEMA_VERSION,
  type BundleRow,
  DEFAULT_LIMITS,
  bundleFileName,
} from './bundle-format.js';

function keys(tmp: string) {
  const pair = generateNodeKeyPair();
  const privateKeyPath = join(tmp, 'private.pem');
  writeFileSync(privateKeyPath, pair.privatePem);
  return { privateKeyPath, publicPem: pair.publicPem, keyFingerprint: fingerprintOf(pair.publicPem) };
}

const ROWS: BundleRow[] = [
  {
    table: 'data_value',
    row: { org_unit_code: 'ML040101', indicator_code: 'SAN_CSCOM', period: '2025Q1', category: '', value: 4 },
  },
  {
    table: 'document',
    row: { id: 'd1', file_name: 'rapport.xlsx', content: Buffer.from([0, 1, 2, 250, 255]) },
  },
];

function draft(rowCount: number) {
  return {
    format: BUNDLE_FORMAT as typeof BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    sender: 'ML0401',
    senderLevel: 'cercle' as const,
    recipient: 'ML04',
    direction: 'up' as const,
    sequence: 3,
    full: false,
    changes: { from: 10, to: 42 },
    ack: { sequence: 1, localSeq: 7 },
    quarters: ['2025Q1'],
    counts: {} as never,
    rowCount,
    createdAt: '2025-04-20T08:00:00.000Z',
  };
}

describe('bundle file (SPEC §1)', () => {
  test('[B1][B3][B4] gzip NDJSON readable with zcat: manifest, rows, signature; round trip', async ({
    tmp,
  }) => {
    const k = keys(tmp);
    const { bytes, manifest } = encodeBundle(draft(2), ROWS, k);
    const file = join(tmp, bundleFileName('ML0401', 'ML04', 3));
    expect(file.endsWith('ML0401-ML04-000003.oise.gz')).toBe(true);
    writeFileSync(file, bytes);
    const lines = execFileSync('zcat', [file], { encoding: 'utf8' }).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'oise-bundle', sender: 'ML0401', sequence: 3 });
    expect(JSON.parse(lines[2]!).row.content).toBe(Buffer.from([0, 1, 2, 250, 255]).toString('base64'));
    expect(JSON.parse(lines[3]!)).toMatchObject({ algorithm: 'ed25519', keyFingerprint: k.keyFingerprint });

    const parsed = parseBundle(readFileSync(file));
    expect(parsed.manifest).toEqual(manifest);
    expect(hasValidSignature(parsed, k.publicPem)).toBe(true);
    expect(hasValidContentHash(parsed)).toBe(true);
    const rows = readRows(parsed);
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    expect(rows[1]?.row.content).toEqual(Buffer.from([0, 1, 2, 250, 255]));
    expect(hasValidSignature(parsed, keys(join(tmp)).publicPem)).toBe(false);
  });

  test('[V2] a truncated or non-gzip file is unreadable', async ({ tmp }) => {
    const { bytes } = encodeBundle(draft(2), ROWS, keys(tmp));
    expect(() => parseBundle(bytes.subarray(0, bytes.length - 10))).toThrow(
      expect.objectContaining({ code: 'BUNDLE_UNREADABLE' }),
    );
    expect(() => parseBundle(Buffer.from('PK\u0003\u0004 not gzip'))).toThrow(
      expect.objectContaining({ code: 'BUNDLE_UNREADABLE' }),
    );
    // A complete gzip whose last line (the signature) was cut off.
    expect(() => parseBundle(gzipSync('{"format":"oise-bundle","formatVersion":1}\n'))).toThrow(
      expect.objectContaining({ code: 'BUNDLE_UNREADABLE' }),
    );
  });

  test('[V3] zip bombs and absurd lines are refused before anything is parsed', () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(20_000);
    const limits = { ...DEFAULT_LIMITS, maxDecompressedBytes: 1024 * 1024 };
    expect(() => parseBundle(bomb, { limits })).toThrow(
      expect.objectContaining({ code: 'BUNDLE_TOO_LARGE' }),
    );
    const longLine = gzipSync(Buffer.concat([Buffer.alloc(300_000, 0x41), Buffer.from('\n')]));
    expect(() => parseBundle(longLine, { limits: { ...DEFAULT_LIMITS, maxLineBytes: 100_000 } })).toThrow(
      expect.objectContaining({ code: 'BUNDLE_TOO_LARGE' }),
    );
    expect(() => parseBundle(bomb, { limits: { ...DEFAULT_LIMITS, maxCompressedBytes: 1000 } })).toThrow(
      expect.objectContaining({ code: 'BUNDLE_TOO_LARGE' }),
    );
  });

  test('[V4] another format or a newer format version is refused', async ({ tmp }) => {
    const k = keys(tmp);
    const other = encodeBundle({ ...draft(0), format: 'autre' as never }, [], k).bytes;
    expect(() => parseBundle(other)).toThrow(expect.objectContaining({ code: 'BUNDLE_FORMAT' }));
    const newer = encodeBundle({ ...draft(0), formatVersion: 99 }, [], k).bytes;
    expect(() => parseBundle(newer)).toThrow(expect.objectContaining({ code: 'BUNDLE_FORMAT' }));
  });
});
