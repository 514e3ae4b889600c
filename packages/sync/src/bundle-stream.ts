import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { OiseError } from '@oise/core';
import {
  type ReadBundle,
  checkManifestFormat,
  checkSignatureLine,
  incomplete,
  inflatedTooLarge,
  lineTooLong,
  notGzip,
  parseJsonLine,
  rowOfLine,
  wholeTooLarge,
} from './bundle-codec.js';
import type { BundleLimits, BundleManifest, BundleRow, BundleSignature } from './bundle-format.js';
import { DEFAULT_LIMITS, WHOLE_MAX_DECOMPRESSED_BYTES } from './bundle-format.js';

const NEWLINE = 0x0a;
const NEWLINE_BYTE = Buffer.from('\n');

/** A bundle file read once as a stream: what verifying it needs, and how to read its rows again. */
export interface ScannedBundle extends ReadBundle {
  path: string;
  /** Hex SHA-256 of the file's bytes as they are on disk. */
  fileSha256: string;
  /** Row lines read. */
  rowLines: number;
  /** Without `manifestSigned` only: the row lines, held whole since the signature covers them. */
  content?: Buffer;
}

/**
 * Splits inflated chunks into lines of at most `maxLineBytes`, one line at a time: a line is
 * handed on without its newline, as a view on the chunk when it lies within one.
 */
class LineSplitter {
  lineCount = 0;
  private parts: Buffer[] = [];
  private partBytes = 0;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onLine: (line: Buffer, number: number) => void,
    private readonly file: string | undefined,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const end = chunk.indexOf(NEWLINE, start);
      const piece = chunk.subarray(start, end < 0 ? chunk.length : end);
      if (this.partBytes + piece.length > this.maxLineBytes) {
        throw lineTooLong(this.lineCount + 1, this.maxLineBytes, this.file);
      }
      if (end < 0) {
        if (piece.length) this.parts.push(piece);
        this.partBytes += piece.length;
        return;
      }
      const line = this.parts.length ? Buffer.concat([...this.parts, piece]) : piece;
      this.parts = [];
      this.partBytes = 0;
      this.lineCount++;
      this.onLine(line, this.lineCount);
      start = end + 1;
    }
  }

  /** True when the text ended with a newline. */
  get complete(): boolean {
    return this.partBytes === 0;
  }
}

/** The inflated chunks of a gzip file; `tap` sees the compressed bytes. */
async function* inflated(
  path: string,
  file: string | undefined,
  tap?: (compressed: Buffer) => void,
): AsyncGenerator<Buffer> {
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  if (tap) source.on('data', (c) => tap(c as Buffer));
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  source.on('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
  } catch {
    throw notGzip(file);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
}

/**
 * First pass over a bundle file (SPEC [V2]–[V4], [V8]): inflates it as a stream within the
 * limits, parses the manifest (line 1, handed to `onManifest` at once, so an unknown sender is
 * refused before the rest is inflated), hashes the row lines and keeps the signature line. A
 * bundle whose manifest is signed on its own (`manifestSigned`) is never held: memory stays at a
 * few lines whatever its size; one signed only whole (the previous version's) is held, at most
 * `maxWholeBytes`.
 */
export async function scanBundleFile(
  path: string,
  options: {
    file?: string;
    limits?: BundleLimits;
    onManifest?: (manifest: BundleManifest) => Promise<void> | void;
  } = {},
): Promise<ScannedBundle> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const file = options.file;
  const fileHash = createHash('sha256');
  const contentHash = createHash('sha256');
  let manifest: BundleManifest | undefined;
  let manifestLine: Buffer | undefined;
  let pending: Buffer | undefined;
  let whole: Buffer[] | undefined;
  let maxBytes = limits.maxDecompressedBytes;
  const checks: Promise<void>[] = [];
  const splitter = new LineSplitter(
    limits.maxLineBytes,
    (line, number) => {
      if (number === 1) {
        const parsed = parseJsonLine(line, 1, file);
        checkManifestFormat(parsed, file);
        manifest = parsed;
        manifestLine = Buffer.concat([line, NEWLINE_BYTE]);
        if (manifest.manifestSigned !== true) {
          whole = [manifestLine];
          maxBytes = Math.min(maxBytes, limits.maxWholeBytes ?? WHOLE_MAX_DECOMPRESSED_BYTES);
        }
        const check = options.onManifest?.(manifest);
        if (check) checks.push(Promise.resolve(check));
        return;
      }
      // The line before this one was a row: only the last line is the signature.
      if (pending) {
        contentHash.update(pending);
        contentHash.update(NEWLINE_BYTE);
        whole?.push(pending, NEWLINE_BYTE);
      }
      pending = Buffer.from(line);
    },
    file,
  );
  let size = 0;
  try {
    for await (const chunk of inflated(path, file, (c) => fileHash.update(c))) {
      size += chunk.length;
      if (size > maxBytes) {
        throw maxBytes < limits.maxDecompressedBytes
          ? wholeTooLarge(maxBytes, file)
          : inflatedTooLarge(maxBytes, file);
      }
      splitter.push(chunk);
      // The manifest's own refusal (unknown sender, another recipient) stops the inflating.
      if (checks.length) await Promise.all(checks.splice(0));
    }
  } catch (error) {
    // A check still running says more than a bomb cut short, and must not go unheard.
    await Promise.all(checks.splice(0));
    throw error;
  }
  if (!manifest || !manifestLine || !pending || !splitter.complete) throw incomplete(file);
  const signature = parseJsonLine(pending, splitter.lineCount, file) as BundleSignature;
  const proof = checkSignatureLine(manifest, signature, file);
  const signed = whole ? Buffer.concat(whole) : manifestLine;
  const content = whole ? signed.subarray(manifestLine.length) : undefined;
  return {
    path,
    manifest,
    signature,
    signed,
    proof,
    contentDigest: contentHash.digest('hex'),
    fileSha256: fileHash.digest('hex'),
    size,
    rowLines: splitter.lineCount - 2,
    ...(content ? { content } : {}),
  };
}

/**
 * Second pass: the rows of a scanned bundle, parsed one line at a time (line numbers as in the
 * file, the manifest being line 1), in slices of the file's order. The row lines are hashed
 * again as they are read: a file changed since `scanBundleFile` is refused (BUNDLE_BAD_HASH)
 * once the last row is read, so a caller applying inside a transaction rolls it back.
 */
export async function* streamRows(
  bundle: ScannedBundle,
  options: { file?: string; limits?: BundleLimits } = {},
): AsyncGenerator<(BundleRow & { line: number })[]> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const file = options.file;
  if (bundle.content) {
    const rows: (BundleRow & { line: number })[] = [];
    let line = 2;
    for (let start = 0; start < bundle.content.length; line++) {
      const end = bundle.content.indexOf(NEWLINE, start);
      rows.push(rowOfLine(bundle.content.subarray(start, end), line, file));
      start = end + 1;
      if (rows.length >= 1000) yield rows.splice(0);
    }
    if (rows.length) yield rows;
    return;
  }
  const hash = createHash('sha256');
  const lastRowLine = bundle.rowLines + 1;
  let batch: (BundleRow & { line: number })[] = [];
  const splitter = new LineSplitter(
    limits.maxLineBytes,
    (line, number) => {
      if (number < 2 || number > lastRowLine) return;
      hash.update(line);
      hash.update(NEWLINE_BYTE);
      batch.push(rowOfLine(line, number, file));
    },
    file,
  );
  let size = 0;
  for await (const chunk of inflated(bundle.path, file)) {
    size += chunk.length;
    if (size > bundle.size) break;
    splitter.push(chunk);
    if (batch.length) {
      const out = batch;
      batch = [];
      yield out;
    }
  }
  if (size !== bundle.size || hash.digest('hex') !== bundle.contentDigest) {
    throw new OiseError(
      'BUNDLE_BAD_HASH',
      "le fichier du paquet a changé pendant qu'il était appliqué : rien n'a été enregistré. Redéposez-le.",
      file ? { file } : {},
    );
  }
}
