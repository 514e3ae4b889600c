import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { NodePaths } from '@oise/node';
import { BUNDLE_EXTENSION, parseBundleFileName } from './bundle-format.js';

/** A received file kept under a hidden name in `inbox/`, which ingest and passes skip. */
export interface StagedInboxFile {
  /** Bytes received. */
  size: number;
  /** Makes it a bundle of the inbox (`<origin>-<random>-<name>`); returns its path. */
  commit(): string;
  /** Removes it. */
  discard(): void;
}

/** How a staged upload ended: kept (hidden) or, with nothing kept, why not. */
export type StageOutcome =
  | { kind: 'staged'; file: StagedInboxFile }
  | { kind: 'too-large'; size: number }
  | { kind: 'aborted' }
  | { kind: 'write-failed'; message: string };

/**
 * Streams one received file into a hidden temporary file of the inbox, never holding it in
 * memory, and stops keeping it as soon as it passes `maxBytes`. The source is always read to
 * its end (what comes after a refusal is discarded), so a form with several files carries on
 * to the next one. On any failure nothing stays on disk when the promise resolves. The caller
 * commits the staged file (usually under the node's lock) or discards it. The visible name
 * keeps the sender's file name only when it is exactly a bundle name (`ML0401-ML04-000001.oise.gz`).
 */
export function stageInboxFile(
  paths: NodePaths,
  source: Readable,
  options: { maxBytes: number; origin: string; name?: string | undefined },
): Promise<StageOutcome> {
  const token = randomBytes(6).toString('hex');
  const temporary = join(paths.inbox, `.${options.origin}-${token}.tmp`);
  const visibleName = `${options.origin}-${token}-${options.name && parseBundleFileName(options.name) ? options.name : `paquet${BUNDLE_EXTENSION}`}`;
  return new Promise((resolve) => {
    const out = createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
    let size = 0;
    let problem: StageOutcome | undefined;
    let settled = false;
    const finish = (outcome: StageOutcome) => {
      if (settled) return;
      settled = true;
      if (outcome.kind === 'staged') {
        resolve(outcome);
        return;
      }
      const discard = () => {
        rmSync(temporary, { force: true });
        resolve(outcome.kind === 'too-large' ? { kind: 'too-large', size } : outcome);
      };
      if (out.closed) discard();
      else {
        out.once('close', discard);
        out.destroy();
      }
    };
    const refuse = (outcome: StageOutcome) => {
      if (problem) return;
      problem = outcome;
      out.destroy();
      // Keep reading (and dropping) the rest, so the source is not left half-read.
      source.resume();
    };
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (problem) return;
      if (size > options.maxBytes) {
        refuse({ kind: 'too-large', size });
        return;
      }
      if (!out.write(chunk)) {
        source.pause();
        out.once('drain', () => source.resume());
      }
    });
    source.on('end', () => {
      if (problem) {
        finish(problem);
        return;
      }
      out.end((error?: Error | null) => {
        if (error) {
          finish({ kind: 'write-failed', message: error.message });
          return;
        }
        finish({
          kind: 'staged',
          file: {
            size,
            commit() {
              const target = join(paths.inbox, visibleName);
              if (existsSync(target)) throw new Error(`${visibleName} existe déjà dans inbox/`);
              renameSync(temporary, target);
              return target;
            },
            discard() {
              rmSync(temporary, { force: true });
            },
          },
        });
      });
    });
    source.on('error', () => finish({ kind: 'aborted' }));
    source.on('close', () => {
      if (!source.readableEnded) finish(problem?.kind === 'too-large' ? problem : { kind: 'aborted' });
    });
    out.on('error', (error) => refuse({ kind: 'write-failed', message: error.message }));
  });
}
