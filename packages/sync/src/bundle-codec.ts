import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { OiseError } from '@oise/core';
import { signWithKeyFile, verifySignature } from '@oise/node';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleLimits,
  type BundleManifest,
  type BundleRow,
  type BundleSignature,
  DEFAULT_LIMITS,
} from './bundle-format.js';

const NEWLINE = 0x0a;

/** The manifest before its content hash is known. */
export type ManifestDraft = Omit<BundleManifest, 'contentSha256'>;

/** Columns holding bytes: base64 in the file, bytes in the database. */
export const BINARY_COLUMNS: Partial<Record<string, readonly string[]>> = { document: ['content'] };

const ENCODE_SLICE_ROWS = 10_000;

/**
 * Builds the bytes of a bundle (SPEC §1): gzip of manifest, rows and signature lines. The
 * signature is made with the key file; `keyFingerprint` names the key for a person.
 */
export function encodeBundle(
  draft: ManifestDraft,
  rows: readonly BundleRow[],
  signer: { privateKeyPath: string; keyFingerprint: string },
): { bytes: Buffer; manifest: BundleManifest } {
  // In slices: one string of every row would pass V8's string limit (~512 MB) on a national
  // DOWN bundle of a large country's whole history.
  const slices: Buffer[] = [];
  for (let i = 0; i < rows.length; i += ENCODE_SLICE_ROWS) {
    slices.push(
      Buffer.from(
        rows
          .slice(i, i + ENCODE_SLICE_ROWS)
          .map(rowLine)
          .join(''),
        'utf8',
      ),
    );
  }
  const content = Buffer.concat(slices);
  const manifest: BundleManifest = {
    ...draft,
    contentSha256: createHash('sha256').update(content).digest('hex'),
  };
  const signed = Buffer.concat([Buffer.from(`${JSON.stringify(manifest)}\n`, 'utf8'), content]);
  const signature: BundleSignature = {
    signature: signWithKeyFile(signer.privateKeyPath, signed).toString('base64'),
    algorithm: 'ed25519',
    keyFingerprint: signer.keyFingerprint,
  };
  const whole = Buffer.concat([signed, Buffer.from(`${JSON.stringify(signature)}\n`, 'utf8')]);
  return { bytes: gzipSync(whole, { level: 9 }), manifest };
}

function rowLine(r: BundleRow): string {
  const binary = BINARY_COLUMNS[r.table];
  if (!binary) return `${JSON.stringify(r)}\n`;
  const row = { ...r.row };
  for (const column of binary) {
    const value = row[column];
    if (value instanceof Uint8Array) row[column] = Buffer.from(value).toString('base64');
  }
  return `${JSON.stringify({ table: r.table, row })}\n`;
}

/** Writes bytes so that a file with the final name is always complete (temp + fsync + rename). */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

/** A bundle split into its parts; nothing verified yet but its shape. */
export interface ParsedBundle {
  manifest: BundleManifest;
  signature: BundleSignature;
  /** Manifest and row lines: what the signature covers. */
  signed: Buffer;
  /** Row lines only: what `contentSha256` covers. */
  content: Buffer;
  /** Decompressed size. */
  size: number;
}

function refuse(code: string, message: string, file: string | undefined): never {
  throw new OiseError(code, message, file ? { file } : {});
}

/**
 * Decompresses and splits a bundle (SPEC [V2]–[V4]) within the limits. Throws an OiseError
 * with a French message for anything unreadable; checks nothing about trust.
 */
export function parseBundle(
  compressed: Buffer,
  options: { file?: string; limits?: BundleLimits } = {},
): ParsedBundle {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const file = options.file;
  if (compressed.length > limits.maxCompressedBytes) {
    refuse(
      'BUNDLE_TOO_LARGE',
      `le paquet pèse ${compressed.length} octets, au-delà de la limite de ${limits.maxCompressedBytes} : ce n'est pas un paquet OISE normal. Demandez à l'expéditeur de le refaire.`,
      file,
    );
  }
  let bytes: Buffer;
  try {
    bytes = gunzipSync(compressed, { maxOutputLength: limits.maxDecompressedBytes });
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || cause instanceof RangeError) {
      refuse(
        'BUNDLE_TOO_LARGE',
        `une fois décompressé, le paquet dépasse ${limits.maxDecompressedBytes} octets (bombe de décompression ?) : il est refusé. Demandez à l'expéditeur de le refaire.`,
        file,
      );
    }
    refuse(
      'BUNDLE_UNREADABLE',
      "le fichier n'est pas un paquet gzip lisible (fichier tronqué ou abîmé pendant le transport ?). Demandez à l'expéditeur de le renvoyer.",
      file,
    );
  }
  const lines: [number, number][] = [];
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    if (end - start > limits.maxLineBytes) {
      refuse(
        'BUNDLE_TOO_LARGE',
        `la ligne ${lines.length + 1} du paquet dépasse ${limits.maxLineBytes} octets : le paquet est refusé.`,
        file,
      );
    }
    lines.push([start, end]);
    start = end + 1;
  }
  const first = lines[0];
  const last = lines.at(-1);
  if (!first || !last || lines.length < 2 || bytes[bytes.length - 1] !== NEWLINE) {
    refuse(
      'BUNDLE_UNREADABLE',
      'le paquet est incomplet (manifeste ou signature absents) : il a sans doute été tronqué. Demandez à l’expéditeur de le renvoyer.',
      file,
    );
  }
  const manifest = parseJsonLine(bytes.subarray(first[0], first[1]), 1, file) as BundleManifest;
  const signature = parseJsonLine(bytes.subarray(last[0], last[1]), lines.length, file) as BundleSignature;
  if (manifest?.format !== BUNDLE_FORMAT || typeof manifest !== 'object') {
    refuse(
      'BUNDLE_FORMAT',
      "la première ligne n'est pas un manifeste de paquet OISE (format « oise-bundle »).",
      file,
    );
  }
  if (manifest.formatVersion !== BUNDLE_FORMAT_VERSION) {
    refuse(
      'BUNDLE_FORMAT',
      `version de format ${String(manifest.formatVersion)} inconnue (ce programme lit la version ${BUNDLE_FORMAT_VERSION}) : mettez OISE à jour.`,
      file,
    );
  }
  if (typeof signature?.signature !== 'string') {
    refuse('BUNDLE_UNREADABLE', 'la dernière ligne du paquet ne porte pas de signature.', file);
  }
  return {
    manifest,
    signature,
    signed: bytes.subarray(0, last[0]),
    content: bytes.subarray(first[1] + 1, last[0]),
    size: bytes.length,
  };
}

function parseJsonLine(line: Buffer, number: number, file: string | undefined): unknown {
  try {
    return JSON.parse(line.toString('utf8'));
  } catch {
    return refuse(
      'BUNDLE_UNREADABLE',
      `la ligne ${number} du paquet n'est pas du JSON lisible : le fichier a été abîmé. Demandez à l'expéditeur de le renvoyer.`,
      file,
    );
  }
}

/** True when the signature was made by the holder of `publicKey` over manifest and rows. */
export function hasValidSignature(bundle: ParsedBundle, publicKey: string): boolean {
  return verifySignature(publicKey, bundle.signed, Buffer.from(bundle.signature.signature, 'base64'));
}

/** True when the rows are the ones the manifest's hash names. */
export function hasValidContentHash(bundle: ParsedBundle): boolean {
  return createHash('sha256').update(bundle.content).digest('hex') === bundle.manifest.contentSha256;
}

/**
 * The row lines, parsed, with their line number in the bundle (the manifest is line 1).
 * Binary columns are turned back into bytes.
 */
export function readRows(bundle: ParsedBundle, file?: string): (BundleRow & { line: number })[] {
  const out: (BundleRow & { line: number })[] = [];
  const content = bundle.content;
  let line = 2;
  for (let start = 0; start < content.length; line++) {
    const end = content.indexOf(NEWLINE, start);
    const parsed = parseJsonLine(content.subarray(start, end), line, file) as BundleRow;
    if (!parsed || typeof parsed.table !== 'string' || !parsed.row || typeof parsed.row !== 'object') {
      refuse(
        'BUNDLE_UNREADABLE',
        `ligne ${line} : une ligne de données doit porter « table » et « row ».`,
        file,
      );
    }
    for (const column of BINARY_COLUMNS[parsed.table] ?? []) {
      const value = parsed.row[column];
      if (typeof value === 'string') parsed.row[column] = Buffer.from(value, 'base64');
    }
    out.push({ ...parsed, line });
    start = end + 1;
  }
  return out;
}
