import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { BUNDLE_EXTENSION } from './bundle-format.js';

/** How an upload ended: the whole body on disk, or why not. */
export type UploadOutcome =
  | { kind: 'stored'; path: string; name: string; size: number }
  | { kind: 'too-large'; size: number }
  | { kind: 'aborted' }
  | { kind: 'write-failed'; message: string };

/** A sender's file name the server may reuse for readability: a bundle name, nothing else. */
export const SAFE_BUNDLE_NAME = /^[A-Z]{2}[0-9]{0,6}-[A-Z]{2}[0-9]{0,6}-[0-9]{6,9}\.oise\.gz$/;

/**
 * Streams a request body into a hidden temporary file of `inbox` (ingest ignores it), never
 * holding it in memory and stopping as soon as it passes `maxBytes`; then renames it
 * atomically under a name the server chose: `http-<random>-<bundle name>.oise.gz`, where the
 * bundle name is the sender's only when it is exactly a bundle name (`ML0401-ML04-000001.oise.gz`).
 * On any failure the temporary file is removed before the promise resolves.
 */
export function receiveUpload(
  req: IncomingMessage,
  inbox: string,
  maxBytes: number,
  senderName: string | undefined,
): Promise<UploadOutcome> {
  const token = randomBytes(6).toString('hex');
  const temporary = join(inbox, `.http-${token}.tmp`);
  return new Promise((resolve) => {
    const out = createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
    let size = 0;
    let settled = false;
    const settle = (outcome: UploadOutcome) => {
      if (settled) return;
      settled = true;
      // The file may still be opening: remove it once the stream is really closed.
      const discard = () => {
        rmSync(temporary, { force: true });
        resolve(outcome);
      };
      if (out.closed) discard();
      else {
        out.once('close', discard);
        out.destroy();
      }
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        settle({ kind: 'too-large', size });
        return;
      }
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    });
    req.on('end', () => {
      if (settled) return;
      out.end((error?: Error | null) => {
        if (settled) return;
        if (error) {
          settle({ kind: 'write-failed', message: error.message });
          return;
        }
        const name = `http-${token}-${senderName && SAFE_BUNDLE_NAME.test(senderName) ? senderName : `paquet${BUNDLE_EXTENSION}`}`;
        const path = join(inbox, name);
        try {
          if (existsSync(path)) throw new Error(`${name} existe déjà`);
          renameSync(temporary, path);
          settled = true;
          resolve({ kind: 'stored', path, name, size });
        } catch (error) {
          settle({ kind: 'write-failed', message: (error as Error).message });
        }
      });
    });
    req.on('error', () => settle({ kind: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) settle({ kind: 'aborted' });
    });
    out.on('error', (error) => {
      req.pause();
      settle({ kind: 'write-failed', message: error.message });
    });
  });
}
