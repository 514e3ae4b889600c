import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { streamToFile } from '@oise/core';
import type { NodePaths } from '@oise/node';
import { BUNDLE_EXTENSION, parseBundleFileName } from './bundle-format.js';

/** A received file kept under a hidden name in `inbox/`, which ingest and passes skip. */
export interface StagedInboxFile {
  /** Bytes received. */
  size: number;
  /**
   * Makes it a bundle of the inbox (`<origin>-<random>-<name>`); returns its path. `name`, when
   * it is a bundle name (one derived from the manifest), replaces the one given at staging.
   */
  commit(name?: string): string;
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
  const visible = (name: string | undefined) =>
    `${options.origin}-${token}-${name && parseBundleFileName(name) ? name : `paquet${BUNDLE_EXTENSION}`}`;
  const outcome = await streamToFile(source, temporary, { maxBytes: options.maxBytes, mode: 0o600 });
  if (outcome.kind !== 'written') return outcome;
  return {
    kind: 'staged',
    file: {
      size: outcome.size,
      commit(name) {
        const visibleName = visible(name && parseBundleFileName(name) ? name : options.name);
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

/** A temporary file older than this is no upload in progress (an upload idle 30 s is cut off). */
const ORPHAN_AGE_MS = 5 * 60_000;

/**
 * Removes the hidden temporary files of uploads from `origin` (`.http-….tmp`, `.web-….tmp`) that
 * a crash left in the inbox: at a server's start-up, before it listens. Only files untouched
 * for five minutes go, so another process's upload in progress is never taken. Returns their names.
 */
export function removeOrphanUploads(paths: NodePaths, origin: string, now = Date.now()): string[] {
  if (!existsSync(paths.inbox)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(paths.inbox)) {
    if (!name.startsWith(`.${origin}-`) || !name.endsWith('.tmp')) continue;
    const path = join(paths.inbox, name);
    try {
      if (now - statSync(path).mtimeMs < ORPHAN_AGE_MS) continue;
      rmSync(path, { force: true });
      removed.push(name);
    } catch {
      // Gone meanwhile: nothing to remove.
    }
  }
  return removed;
}
