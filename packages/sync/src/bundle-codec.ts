import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type ErrorCode, OiseError } from '@oise/core';
import { signWithKeyFile, verifySignature } from '@oise/node';
import { SYNCED_TABLES, type SyncedTable } from '@oise/schema';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleLimits,
  type BundleManifest,
  type BundleRow,
  type BundleSignature,
  DEFAULT_LIMITS,
  WHOLE_MAX_DECOMPRESSED_BYTES,
  oversizedBundle,
} from './bundle-format.js';
import { NEWEST_SCHEMA, OISE_VERSION, ReaderNeeds, tablesKnownAt } from './schema-compat.js';

const NEWLINE = 0x0a;

/** The manifest before its content hash is known. */
export type ManifestDraft = Omit<BundleManifest, 'contentSha256'>;

/** Columns holding bytes: base64 in the file, bytes in the database. */
export const BINARY_COLUMNS: Partial<Record<string, readonly string[]>> = { document: ['content'] };

/** Row lines gathered before they become one Buffer (and enter the hash). */
const FLUSH_LINES = 1_000;

/**
 * The manifest fields the caller gives; the encoder fills in the rest from the rows it was
 * given: counts, quarters, row count, and what the bundle needs from its reader (`schemaVersion`,
 * `skippable`) with the `writer` (SPEC [C1]–[C4]).
 */
export type ManifestHeader = Omit<
  ManifestDraft,
  'counts' | 'quarters' | 'rowCount' | 'schemaVersion' | 'writer' | 'skippable'
>;

/**
 * Builds one bundle row by row (SPEC §1): each row line is encoded as it comes, its bytes join
 * the content and the running SHA-256, and the counts per table and the quarters are kept, so
 * the caller never holds the rows themselves — only this bundle's encoded lines, which the
 * Ed25519 signature needs whole. `finish` writes the manifest, signs and gzips.
 */
export class BundleEncoder {
  readonly counts = Object.fromEntries(Object.keys(SYNCED_TABLES).map((t) => [t, 0])) as Record<
    SyncedTable,
    number
  >;
  readonly quarters = new Set<string>();
  rowCount = 0;
  /** Bytes of the row lines so far (what `contentSha256` covers). */
  contentBytes = 0;
  /** The schema a reader needs for the rows so far (SPEC [C2]). */
  readonly needs = new ReaderNeeds();
  private readonly hash = createHash('sha256');
  private readonly chunks: Buffer[] = [];
  private pending: string[] = [];

  /** Appends one row line; returns its size in bytes. */
  add(r: BundleRow): number {
    const line = rowLine({ table: r.table, row: this.needs.take(r.table, r.row) });
    const size = Buffer.byteLength(line, 'utf8');
    this.pending.push(line);
    if (this.pending.length >= FLUSH_LINES) this.flush();
    this.counts[r.table] = (this.counts[r.table] ?? 0) + 1;
    if (typeof r.row.period === 'string') this.quarters.add(r.row.period);
    this.rowCount++;
    this.contentBytes += size;
    return size;
  }

  /** The manifest (counts, quarters and row count of the rows added), signature line and gzip. */
  finish(
    header: ManifestHeader,
    signer: { privateKeyPath: string; keyFingerprint: string },
  ): { bytes: Buffer; manifest: BundleManifest } {
    const schemaVersion = this.needs.schemaVersion;
    const skippable = this.needs.skippableTables();
    // An older reader refuses a table it does not know, even counted 0 (SPEC [C3]).
    const listed = [...tablesKnownAt(schemaVersion), ...skippable];
    const counts = Object.fromEntries(listed.map((t) => [t, this.counts[t] ?? 0]));
    const { format, formatVersion, ...rest } = header;
    return this.seal(
      {
        format,
        formatVersion,
        schemaVersion,
        writer: { oise: OISE_VERSION, schemaVersion: NEWEST_SCHEMA },
        ...(skippable.length ? { skippable } : {}),
        ...rest,
        quarters: [...this.quarters].sort(),
        counts,
        rowCount: this.rowCount,
        manifestSigned: true,
      },
      signer,
    );
  }

  /** Signs and gzips the rows added under `draft` as it is; the encoder is spent after. */
  seal(
    draft: ManifestDraft,
    signer: { privateKeyPath: string; keyFingerprint: string },
  ): { bytes: Buffer; manifest: BundleManifest } {
    this.flush();
    const manifest: BundleManifest = { ...draft, contentSha256: this.hash.digest('hex') };
    const bytes = signAndZip(manifest, this.chunks, signer);
    this.chunks.length = 0;
    return { bytes, manifest };
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.hash.update(chunk);
    this.chunks.push(chunk);
  }
}

/** A signature line of the final length: an Ed25519 signature is always 88 base64 characters. */
function signatureLine(signature: string, keyFingerprint: string, manifestSignature?: string): string {
  const line: BundleSignature = {
    signature,
    algorithm: 'ed25519',
    keyFingerprint,
    ...(manifestSignature ? { manifestSignature } : {}),
  };
  return `${JSON.stringify(line)}\n`;
}

/**
 * manifest + rows + signature line, gzipped; the lines are copied once into one buffer. The
 * signature covers every line before it; with `manifestSigned`, a second one covers the manifest
 * line alone, which holds the rows' SHA-256 (SPEC [B4]).
 */
function signAndZip(
  manifest: BundleManifest,
  content: readonly Buffer[],
  signer: { privateKeyPath: string; keyFingerprint: string },
): Buffer {
  const head = Buffer.from(`${JSON.stringify(manifest)}\n`, 'utf8');
  const signedLength = head.length + content.reduce((n, c) => n + c.length, 0);
  const placeholder = 'A'.repeat(88);
  const tailLength = Buffer.byteLength(
    signatureLine(placeholder, signer.keyFingerprint, manifest.manifestSigned ? placeholder : undefined),
    'utf8',
  );
  const whole = Buffer.allocUnsafe(signedLength + tailLength);
  let at = head.copy(whole, 0);
  for (const c of content) at += c.copy(whole, at);
  const sign = (bytes: Buffer) => signWithKeyFile(signer.privateKeyPath, bytes).toString('base64');
  const signature = sign(whole.subarray(0, signedLength));
  const ofManifest = manifest.manifestSigned ? sign(head) : undefined;
  const tail = Buffer.from(signatureLine(signature, signer.keyFingerprint, ofManifest), 'utf8');
  if (tail.length !== tailLength) {
    return gzipSync(Buffer.concat([whole.subarray(0, signedLength), tail]), { level: 9 });
  }
  tail.copy(whole, signedLength);
  return gzipSync(whole, { level: 9 });
}

/**
 * Builds the bytes of a bundle (SPEC §1): gzip of manifest, rows and signature lines. The
 * signature is made with the key file; `keyFingerprint` names the key for a person. The
 * manifest's counts, quarters and row count are the draft's (tests forge them); the export
 * streams rows through a `BundleEncoder` instead.
 */
export function encodeBundle(
  draft: ManifestDraft,
  rows: readonly BundleRow[],
  signer: { privateKeyPath: string; keyFingerprint: string },
): { bytes: Buffer; manifest: BundleManifest } {
  const encoder = new BundleEncoder();
  for (const r of rows) encoder.add(r);
  return encoder.seal(draft, signer);
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

/** What verifying a bundle needs (SPEC [V7], [V8]), however it was read. */
export interface ReadBundle {
  manifest: BundleManifest;
  signature: BundleSignature;
  /** What `proof` signs: the manifest line (`manifestSigned`), else manifest and rows. */
  signed: Buffer;
  /** The base64 signature checked over `signed`. */
  proof: string;
  /** Hex SHA-256 of the row lines as read: what `contentSha256` must be. */
  contentDigest: string;
  /** Decompressed size. */
  size: number;
}

/** A bundle split into its parts; nothing verified yet but its shape. */
export interface ParsedBundle extends ReadBundle {
  /** Row lines only: what `contentSha256` covers. */
  content: Buffer;
}

function refuse(code: ErrorCode, message: string, file: string | undefined): never {
  throw new OiseError(code, message, file ? { file } : {});
}

/** A bundle that inflates past the limit (SPEC [V3]): inflating stops there. */
export function inflatedTooLarge(limit: number, file?: string): OiseError {
  return new OiseError(
    'BUNDLE_TOO_LARGE',
    `une fois décompressé, le paquet dépasse ${limit} octets (bombe de décompression ?) : il est refusé. Demandez à l'expéditeur de le refaire.`,
    file ? { file } : {},
  );
}

export function lineTooLong(line: number, limit: number, file?: string): OiseError {
  return new OiseError(
    'BUNDLE_TOO_LARGE',
    `la ligne ${line} du paquet dépasse ${limit} octets : le paquet est refusé.`,
    file ? { file } : {},
  );
}

export function notGzip(file?: string): OiseError {
  return new OiseError(
    'BUNDLE_UNREADABLE',
    "le fichier n'est pas un paquet gzip lisible (fichier tronqué ou abîmé pendant le transport ?). Demandez à l'expéditeur de le renvoyer.",
    file ? { file } : {},
  );
}

export function incomplete(file?: string): OiseError {
  return new OiseError(
    'BUNDLE_UNREADABLE',
    'le paquet est incomplet (manifeste ou signature absents) : il a sans doute été tronqué. Demandez à l’expéditeur de le renvoyer.',
    file ? { file } : {},
  );
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
    throw oversizedBundle(compressed.length, limits.maxCompressedBytes, file ? { file } : {});
  }
  let bytes: Buffer;
  try {
    bytes = gunzipSync(compressed, { maxOutputLength: limits.maxDecompressedBytes });
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || cause instanceof RangeError) {
      throw inflatedTooLarge(limits.maxDecompressedBytes, file);
    }
    throw notGzip(file);
  }
  const lines: [number, number][] = [];
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    if (end - start > limits.maxLineBytes) {
      throw lineTooLong(lines.length + 1, limits.maxLineBytes, file);
    }
    lines.push([start, end]);
    start = end + 1;
  }
  const first = lines[0];
  const last = lines.at(-1);
  if (!first || !last || lines.length < 2 || bytes[bytes.length - 1] !== NEWLINE) {
    throw incomplete(file);
  }
  const manifest = parseJsonLine(bytes.subarray(first[0], first[1]), 1, file) as BundleManifest;
  const signature = parseJsonLine(bytes.subarray(last[0], last[1]), lines.length, file) as BundleSignature;
  checkManifestFormat(manifest, file);
  if (manifest.manifestSigned !== true) checkWholeSize(bytes.length, limits, file);
  const proof = checkSignatureLine(manifest, signature, file);
  const content = bytes.subarray(first[1] + 1, last[0]);
  return {
    manifest,
    signature,
    signed: bytes.subarray(0, manifest.manifestSigned === true ? first[1] + 1 : last[0]),
    proof,
    contentDigest: createHash('sha256').update(content).digest('hex'),
    content,
    size: bytes.length,
  };
}

/** A first line that is a manifest of a layout this program reads (SPEC [V4]). */
export function checkManifestFormat(manifest: unknown, file?: string): asserts manifest is BundleManifest {
  const m = manifest as BundleManifest | null;
  if (typeof m !== 'object' || m === null || m.format !== BUNDLE_FORMAT) {
    refuse(
      'BUNDLE_FORMAT',
      "la première ligne n'est pas un manifeste de paquet OISE (format « oise-bundle »).",
      file,
    );
  }
  if (m.formatVersion !== BUNDLE_FORMAT_VERSION) {
    refuse(
      'BUNDLE_FORMAT',
      `version de format ${String(m.formatVersion)} inconnue (ce programme lit la version ${BUNDLE_FORMAT_VERSION}) : mettez OISE à jour.`,
      file,
    );
  }
}

/** A bundle signed only whole is held to check its signature: refused past `maxWholeBytes`. */
export function checkWholeSize(size: number, limits: BundleLimits, file?: string): void {
  const max = limits.maxWholeBytes ?? WHOLE_MAX_DECOMPRESSED_BYTES;
  if (size > max) throw wholeTooLarge(max, file);
}

export function wholeTooLarge(max: number, file?: string): OiseError {
  return new OiseError(
    'BUNDLE_TOO_LARGE',
    `ce paquet, signé d'un bloc comme les écrit la version précédente d'OISE, dépasse ${max} octets une fois décompressé : au-delà, il ne peut être vérifié sans saturer la mémoire. Demandez à l'expéditeur de mettre OISE à jour et de refaire l'envoi (oise export --full).`,
    file ? { file } : {},
  );
}

/**
 * The last line must carry the signature the manifest says it has (SPEC [V2], [B4]): returns
 * it (`manifestSignature` when `manifestSigned`, else `signature`).
 */
export function checkSignatureLine(manifest: BundleManifest, line: unknown, file?: string): string {
  const s = line as Partial<BundleSignature> | null;
  const proof = manifest.manifestSigned === true ? s?.manifestSignature : s?.signature;
  if (typeof proof !== 'string') {
    refuse('BUNDLE_UNREADABLE', 'la dernière ligne du paquet ne porte pas de signature.', file);
  }
  return proof;
}

export function parseJsonLine(line: Buffer, number: number, file: string | undefined): unknown {
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

/**
 * True when the holder of `publicKey` signed this bundle (SPEC [B4], [V7]): every line before
 * the signature, or the manifest line with rows whose SHA-256 is the one it names.
 */
export function hasValidSignature(bundle: ReadBundle, publicKey: string): boolean {
  if (!verifySignature(publicKey, bundle.signed, Buffer.from(bundle.proof, 'base64'))) return false;
  return bundle.manifest.manifestSigned !== true || hasValidContentHash(bundle);
}

/** True when the rows are the ones the manifest's hash names. */
export function hasValidContentHash(bundle: ReadBundle): boolean {
  return bundle.contentDigest === bundle.manifest.contentSha256;
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
    out.push(rowOfLine(content.subarray(start, end), line, file));
    start = end + 1;
  }
  return out;
}

/** One row line parsed (line `line` of the bundle), binary columns turned back into bytes. */
export function rowOfLine(bytes: Buffer, line: number, file?: string): BundleRow & { line: number } {
  const parsed = parseJsonLine(bytes, line, file) as BundleRow;
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
  return { table: parsed.table, row: parsed.row, line };
}
