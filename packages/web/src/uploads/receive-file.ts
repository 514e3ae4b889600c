import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { type Lang, text } from '../messages/lang.js';
import { reglagesText } from '../messages/reglages.js';
import { formatBytes } from '../views/format.js';

/** One file sent by a form of the pages, kept in the node's staging folder until used. */
export interface ReceivedFile {
  /** The name the browser gave (its last path segment). */
  name: string;
  /** Where it is kept, in the node's `.televersements/` folder. */
  path: string;
  size: number;
  /** The form's other fields (short texts). */
  fields: Record<string, string>;
}

export type FileUpload =
  | { kind: 'received'; file: ReceivedFile }
  | { kind: 'refused'; status: 400 | 413; message: string };

/** The hidden folder of a node where the pages keep uploaded files (keys, CSV, GeoJSON) a short while. */
export function stagingFolder(root: string): string {
  return join(root, '.televersements');
}

/** A staged file older than this is left over (a form abandoned halfway): removed at the next upload. */
const STALE_MS = 60 * 60 * 1000;

/**
 * Reads a form of one file as a stream (busboy) into the node's staging folder, capped at
 * `maxBytes`, never held in memory. Over the cap, cut off or malformed, nothing is kept and the
 * answer says why (413 or 400) in the page's language; `what` names the file expected (« une clé publique »).
 */
export async function receiveOneFile(
  root: string,
  request: Request,
  options: { field: string; maxBytes: number; what: string; nowMs: number; lang: Lang },
): Promise<FileUpload> {
  const t = text(options.lang, reglagesText);
  const tooLarge = (): FileUpload => ({
    kind: 'refused',
    status: 413,
    message: t.fileTooLarge(formatBytes(options.maxBytes, options.lang), options.what),
  });
  const unreadable: FileUpload = { kind: 'refused', status: 400, message: t.fileUnreadable };
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > options.maxBytes + 64 * 1024) return tooLarge();
  const type = request.headers.get('content-type') ?? '';
  if (!request.body || !type.startsWith('multipart/form-data')) return unreadable;
  const folder = stagingFolder(root);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  removeStale(folder, options.nowMs);

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      defParamCharset: 'utf8',
      limits: { fileSize: options.maxBytes, files: 1, fields: 8, fieldSize: 4096, parts: 9, headerPairs: 32 },
    });
  } catch {
    return unreadable;
  }
  const fields: Record<string, string> = {};
  let saved: Promise<{ name: string; path: string; truncated: boolean } | undefined> | undefined;
  parser.on('field', (name, value) => {
    fields[name] = value;
  });
  parser.on('file', (field, stream, info) => {
    if (field !== options.field || !info.filename || saved) {
      stream.resume();
      return;
    }
    const name = info.filename.split(/[\\/]/).pop() ?? info.filename;
    // The file keeps its name (French messages name it), in a folder of its own.
    const own = join(folder, randomBytes(9).toString('hex'));
    mkdirSync(own, { mode: 0o700 });
    const path = join(own, safeName(name));
    let truncated = false;
    stream.on('limit', () => {
      truncated = true;
    });
    saved = pipeline(stream, createWriteStream(path, { flags: 'wx', mode: 0o600 })).then(
      () => ({ name, path, truncated }),
      () => {
        discardStaged(path);
        return undefined;
      },
    );
  });
  const parsed = new Promise<Error | undefined>((resolve) => {
    parser.once('error', (error: Error) => resolve(error));
    parser.once('close', () => resolve(undefined));
  });
  Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>)
    .on('error', (error) => parser.destroy(error))
    .pipe(parser);
  const error = await parsed;
  const file = await saved;
  if (file?.truncated) {
    discardStaged(file.path);
    return tooLarge();
  }
  if (error || (saved && !file)) {
    if (file) discardStaged(file.path);
    return unreadable;
  }
  if (!file || statSync(file.path).size === 0) {
    if (file) discardStaged(file.path);
    return { kind: 'refused', status: 400, message: t.noFileChosen(options.what) };
  }
  return { kind: 'received', file: { ...file, size: statSync(file.path).size, fields } };
}

/** The staged file of a token given back by a confirmation form, if it is still there. */
export function stagedFile(root: string, token: string): string | undefined {
  if (!/^[0-9a-f]{18}$/.test(token)) return undefined;
  const own = join(stagingFolder(root), token);
  try {
    const [name] = readdirSync(own);
    return name ? join(own, name) : undefined;
  } catch {
    return undefined;
  }
}

/** The token a confirmation form carries for a staged file: the name of its folder. */
export function stagedToken(path: string): string {
  return basename(dirname(path));
}

/** Removes a staged file (and its folder). */
export function discardStaged(path: string): void {
  rmSync(dirname(path), { recursive: true, force: true });
}

/** A file name safe on every file system, close to the one given. */
function safeName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .replace(/^\.+/, '')
    .slice(-120);
  return cleaned || 'fichier';
}

function removeStale(folder: string, nowMs: number): void {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    try {
      if (nowMs - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another request: nothing to do.
    }
  }
}
