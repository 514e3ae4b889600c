import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { OiseError } from '@oise/core';

/*
 * The container of a backup: one `.tar.gz` (POSIX ustar, gzip), readable by `tar -tzf` on any
 * system, written and read here as a stream so a large national database never sits in memory.
 * Only a fixed set of names is accepted on reading (no folders, links or `..`), so extracting a
 * hostile file writes nothing outside the staging folder.
 */

/** The only entries a backup may hold, in the order they are written. */
export const ARCHIVE_ENTRIES = [
  'manifest.json',
  'node.sqlite',
  'keys/public.pem',
  'keys/private.pem',
] as const;
export type ArchiveEntryName = (typeof ARCHIVE_ENTRIES)[number];

const BLOCK = 512;
const MANIFEST_MAX_BYTES = 1 << 20;

/** An entry as read back: its size and SHA-256 over its bytes. */
export interface ArchiveEntry {
  name: ArchiveEntryName;
  size: number;
  sha256: string;
}

/** One file to put in an archive: its entry name, where its bytes are, and its mode. */
export interface ArchiveInput {
  name: ArchiveEntryName;
  path: string;
  mode: number;
}

/**
 * Writes the archive whole or not at all: into a hidden temporary file beside `out`, flushed to
 * the disk, then renamed (a USB key pulled out midway never leaves a truncated backup under its
 * real name). `fileMode` is the archive's own mode (0600 when it holds the private key).
 */
export async function writeArchive(
  out: string,
  inputs: readonly ArchiveInput[],
  options: { mtime: number; fileMode: number },
): Promise<void> {
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    await pipeline(
      Readable.from(tarStream(inputs, options.mtime)),
      // Level 1: a node's database shrinks to about a fifth all the same, in half the time of 6.
      createGzip({ level: 1 }),
      createWriteStream(tmp, { mode: options.fileMode }),
    );
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, out);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

async function* tarStream(inputs: readonly ArchiveInput[], mtime: number): AsyncGenerator<Buffer> {
  for (const input of inputs) {
    const size = statSync(input.path).size;
    yield tarHeader(input.name, size, input.mode, mtime);
    for await (const chunk of createReadStream(input.path)) yield chunk as Buffer;
    if (size % BLOCK) yield Buffer.alloc(BLOCK - (size % BLOCK));
  }
  yield Buffer.alloc(2 * BLOCK);
}

function tarHeader(name: string, size: number, mode: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(`${octal(mode, 7)}\0`, 100, 'ascii');
  h.write(`${octal(0, 7)}\0`, 108, 'ascii');
  h.write(`${octal(0, 7)}\0`, 116, 'ascii');
  h.write(`${octal(size, 11)}\0`, 124, 'ascii');
  h.write(`${octal(mtime, 11)}\0`, 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(`${octal(checksum(h), 6)}\0 `, 148, 'ascii');
  return h;
}

function octal(n: number, width: number): string {
  return Math.floor(n).toString(8).padStart(width, '0');
}

function checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return sum;
}

/**
 * Reads an archive through, checking gzip's CRC, each header's checksum and the end marker, and
 * hashing every entry. With `extractTo`, the entries are written there (`keys/` 0700, the private
 * key 0600). Throws `BACKUP_UNREADABLE`, in French, for a file that is not a backup, is damaged
 * or was cut short; whatever it extracted before then stays in `extractTo` for the caller to
 * remove.
 */
export async function readArchive(
  file: string,
  options: { extractTo?: string } = {},
): Promise<{ entries: ArchiveEntry[]; manifest: string }> {
  const parser = new TarParser(file, options.extractTo);
  // The parser's own refusal, kept aside: the pipeline reports it as an abort.
  let refused: OiseError | undefined;
  try {
    await pipeline(createReadStream(file), createGunzip(), async (source: AsyncIterable<Buffer>) => {
      try {
        for await (const chunk of source) parser.push(chunk);
      } catch (error) {
        if (error instanceof OiseError) refused = error;
        throw error;
      }
    });
  } catch (cause) {
    parser.abort();
    if (refused) throw refused;
    if (cause instanceof OiseError) throw cause;
    const message = (cause as Error).message;
    const code = (cause as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'fichier introuvable : vérifiez le chemin de --from'
        : /unexpected end of file/i.test(message)
          ? 'le fichier est tronqué (copie interrompue ?)'
          : code?.startsWith('Z_')
            ? `le fichier est abîmé ou n'est pas un .tar.gz (${message})`
            : message;
    throw unreadable(file, why, cause);
  }
  return parser.finish();
}

class TarParser {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private current:
    | { name: ArchiveEntryName; size: number; left: number; hash: ReturnType<typeof createHash>; fd?: number }
    | undefined;
  private padding = 0;
  private ended = false;
  private manifest: Buffer[] = [];
  readonly entries: ArchiveEntry[] = [];

  constructor(
    private readonly file: string,
    private readonly extractTo: string | undefined,
  ) {}

  push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    for (;;) {
      if (this.ended) {
        // Only zeros may follow the end marker (tar pads to its record size).
        if (this.take(this.pendingBytes).some((b) => b !== 0))
          throw unreadable(this.file, 'des données suivent la fin de l’archive');
        return;
      }
      if (this.current) {
        if (this.pendingBytes === 0) return;
        const part = this.take(Math.min(this.current.left, this.pendingBytes));
        this.write(part);
        if (this.current.left > 0) return;
        this.close();
        continue;
      }
      if (this.padding > 0) {
        if (this.pendingBytes === 0) return;
        this.padding -= this.take(Math.min(this.padding, this.pendingBytes)).length;
        continue;
      }
      if (this.pendingBytes < BLOCK) return;
      this.header(this.take(BLOCK));
    }
  }

  private take(n: number): Buffer {
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    this.pending = rest.length ? [rest] : [];
    this.pendingBytes = rest.length;
    return head;
  }

  private header(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      this.ended = true;
      return;
    }
    const stored = Number.parseInt(block.toString('ascii', 148, 156).replace(/[\0 ]/g, ''), 8);
    if (stored !== checksum(block))
      throw unreadable(this.file, "en-tête d'archive abîmé (somme de contrôle fausse)");
    const name = block.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const type = block.toString('ascii', 156, 157);
    if (!(ARCHIVE_ENTRIES as readonly string[]).includes(name) || (type !== '0' && type !== '\0'))
      throw unreadable(this.file, `élément inattendu « ${name} » : ce n'est pas une sauvegarde OISE`);
    if (this.entries.some((e) => e.name === name) || this.current?.name === name)
      throw unreadable(this.file, `élément « ${name} » en double`);
    const size = Number.parseInt(block.toString('ascii', 124, 136).replace(/[\0 ]/g, ''), 8);
    if (!Number.isSafeInteger(size) || size < 0)
      throw unreadable(this.file, `taille illisible pour « ${name} »`);
    if (name === 'manifest.json' && size > MANIFEST_MAX_BYTES)
      throw unreadable(this.file, 'manifeste trop grand');
    const entry = { name: name as ArchiveEntryName, size, left: size, hash: createHash('sha256') };
    this.current = this.extractTo ? { ...entry, fd: this.open(entry.name) } : entry;
    this.padding = size % BLOCK ? BLOCK - (size % BLOCK) : 0;
    if (size === 0) this.close();
  }

  private open(name: ArchiveEntryName): number {
    const path = join(this.extractTo!, name);
    const isKey = name.startsWith('keys/');
    if (isKey) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    return openSync(path, 'wx', name === 'keys/private.pem' ? 0o600 : 0o644);
  }

  private write(part: Buffer): void {
    const c = this.current!;
    c.hash.update(part);
    c.left -= part.length;
    if (c.name === 'manifest.json') this.manifest.push(part);
    if (c.fd !== undefined) for (let done = 0; done < part.length; ) done += writeSync(c.fd, part, done);
  }

  private close(): void {
    const c = this.current!;
    if (c.fd !== undefined) {
      fsyncSync(c.fd);
      closeSync(c.fd);
    }
    this.entries.push({ name: c.name, size: c.size, sha256: c.hash.digest('hex') });
    this.current = undefined;
  }

  abort(): void {
    if (this.current?.fd !== undefined) closeSync(this.current.fd);
    this.current = undefined;
  }

  finish(): { entries: ArchiveEntry[]; manifest: string } {
    if (!this.ended || this.current || this.padding > 0)
      throw unreadable(this.file, 'le fichier est tronqué (fin de l’archive absente)');
    if (!this.entries.some((e) => e.name === 'manifest.json'))
      throw unreadable(this.file, 'le manifeste (manifest.json) est absent');
    return { entries: this.entries, manifest: Buffer.concat(this.manifest).toString('utf8') };
  }
}

function unreadable(file: string, why: string, cause?: unknown): OiseError {
  return new OiseError(
    'BACKUP_UNREADABLE',
    `ce n'est pas une sauvegarde OISE lisible : ${why}. Rien n'a été modifié ; prenez une autre copie de la sauvegarde.`,
    { file: basename(file) },
    cause === undefined ? undefined : { cause },
  );
}
