import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { streamToFile } from '@oise/core';
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
 * Streams one received file into a hidden temporary file of the inbox (`@oise/core`
 * streamToFile: never in memory, cut at `maxBytes`, nothing left on any failure). The caller
 * commits the staged file (usually under the node's lock) or discards it. The visible name
 * keeps the sender's file name only when it is exactly a bundle name (`ML0401-ML04-000001.oise.gz`).
 */
export async function stageInboxFile(
  paths: NodePaths,
  source: Readable,
  options: { maxBytes: number; origin: string; name?: string | undefined },
): Promise<StageOutcome> {
  const token = randomBytes(6).toString('hex');
  const temporary = join(paths.inbox, `.${options.origin}-${token}.tmp`);
  const visibleName = `${options.origin}-${token}-${options.name && parseBundleFileName(options.name) ? options.name : `paquet${BUNDLE_EXTENSION}`}`;
  const outcome = await streamToFile(source, temporary, { maxBytes: options.maxBytes, mode: 0o600 });
  if (outcome.kind !== 'written') return outcome;
  return {
    kind: 'staged',
    file: {
      size: outcome.size,
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
  };
}
