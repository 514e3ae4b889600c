import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodePaths } from '@oise/node';
import { BUNDLE_EXTENSION, parseBundleFileName } from './bundle-format.js';
import { freeName } from './inbox-files.js';

/** Sub-folder of `outbox/<recipient>/` where bundles delivered over HTTP are kept. */
export const SENT_FOLDER = 'envoyes';

/** A bundle waiting in `outbox/<recipient>/` (not yet carried nor sent). */
export interface WaitingBundle {
  recipient: string;
  name: string;
  path: string;
  /** The sequence read from the file name (`ML0401-ML04-000003.oise.gz`); null for another name. */
  sequence: number | null;
}

/**
 * Bundles waiting in the outbox, per recipient folder, oldest sequence first (files whose name
 * carries no sequence come last, by name). Hidden, temporary files and sub-folders are skipped.
 */
export function waitingBundles(paths: NodePaths, recipient?: string): WaitingBundle[] {
  if (!existsSync(paths.outbox)) return [];
  const recipients = recipient ? [recipient] : readdirSync(paths.outbox).sort();
  const out: WaitingBundle[] = [];
  for (const code of recipients) {
    const folder = join(paths.outbox, code);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) continue;
    const files = readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.') && e.name.endsWith(BUNDLE_EXTENSION))
      .map((e) => ({
        recipient: code,
        name: e.name,
        path: join(folder, e.name),
        sequence: parseBundleFileName(e.name)?.sequence ?? null,
      }));
    files.sort(
      (a, b) =>
        (a.sequence ?? Number.MAX_SAFE_INTEGER) - (b.sequence ?? Number.MAX_SAFE_INTEGER) ||
        a.name.localeCompare(b.name),
    );
    out.push(...files);
  }
  return out;
}

/** How many bundles were already delivered to `recipient` over HTTP (`outbox/<code>/envoyes/`). */
export function sentCount(paths: NodePaths, recipient: string): number {
  const folder = join(paths.outbox, recipient, SENT_FOLDER);
  if (!existsSync(folder)) return 0;
  return readdirSync(folder).filter((f) => f.endsWith(BUNDLE_EXTENSION)).length;
}

/**
 * Moves a delivered bundle into `outbox/<recipient>/envoyes/` (never overwriting); with a
 * `motif`, writes it beside the file as `<file>.motif.txt`. Returns the new path.
 */
export function moveToSent(bundle: WaitingBundle, paths: NodePaths, motif?: string): string {
  const folder = join(paths.outbox, bundle.recipient, SENT_FOLDER);
  mkdirSync(folder, { recursive: true });
  const target = freeName(folder, bundle.name);
  renameSync(bundle.path, target);
  if (motif !== undefined) writeFileSync(`${target}.motif.txt`, motif);
  return target;
}
