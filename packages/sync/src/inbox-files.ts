import {
  copyFileSync,
  existsSync,
  lstatSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { NodePaths } from '@oise/node';
import { BUNDLE_EXTENSION } from './bundle-format.js';

/** A file to ingest, and whether it may be read at all (SPEC [V1]). */
export interface BundleCandidate {
  path: string;
  name: string;
  /** The file sits in the inbox (moved afterwards) rather than elsewhere (copied). */
  inInbox: boolean;
  /** French reason when the path itself is refused. */
  pathProblem: string | null;
}

/** Bundle files waiting directly in `inbox/`, by name (hidden and temporary files skipped). */
export function inboxCandidates(paths: NodePaths): BundleCandidate[] {
  if (!existsSync(paths.inbox)) return [];
  const inbox = realpathSync(paths.inbox);
  return readdirSync(paths.inbox, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && e.name.endsWith(BUNDLE_EXTENSION))
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const path = join(paths.inbox, name);
      let pathProblem: string | null = null;
      if (name.includes('..') || name.includes('/') || name.includes('\\')) {
        pathProblem = 'nom de fichier refusé (« .. » ou séparateur de dossier).';
      } else if (lstatSync(path).isSymbolicLink()) {
        let target: string | null = null;
        try {
          target = realpathSync(path);
        } catch {
          target = null;
        }
        if (!target || dirname(target) !== inbox || !statSync(target).isFile()) {
          pathProblem = 'lien symbolique vers un fichier hors de la boîte de réception : refusé.';
        }
      }
      return { path, name, inInbox: true, pathProblem };
    });
}

/** A file named on the command line: moved when it is in the inbox, copied otherwise. */
export function namedCandidate(paths: NodePaths, file: string): BundleCandidate {
  const path = resolve(file);
  const name = basename(path);
  let inInbox = false;
  let pathProblem: string | null = null;
  try {
    inInbox = existsSync(paths.inbox) && realpathSync(dirname(path)) === realpathSync(paths.inbox);
    if (!statSync(path).isFile()) pathProblem = "ce n'est pas un fichier.";
  } catch {
    pathProblem = 'fichier introuvable ou illisible.';
  }
  if (inInbox && !pathProblem && lstatSync(path).isSymbolicLink()) {
    const target = realpathSync(path);
    if (dirname(target) !== realpathSync(paths.inbox)) {
      pathProblem = 'lien symbolique vers un fichier hors de la boîte de réception : refusé.';
    }
  }
  return { path, name, inInbox, pathProblem };
}

/** A free name in `folder` for `name` (`x.oise.gz`, then `x.2.oise.gz` …). */
export function freeName(folder: string, name: string): string {
  if (!existsSync(join(folder, name))) return join(folder, name);
  const stem = name.endsWith(BUNDLE_EXTENSION) ? name.slice(0, -BUNDLE_EXTENSION.length) : name;
  const ext = name.endsWith(BUNDLE_EXTENSION) ? BUNDLE_EXTENSION : '';
  for (let i = 2; ; i++) {
    const candidate = join(folder, `${stem}.${i}${ext}`);
    if (!existsSync(candidate)) return candidate;
  }
}

/** Moves (inbox) or copies (elsewhere) a handled bundle into `folder`; returns where it went. */
export function fileAway(candidate: BundleCandidate, folder: string): string | null {
  if (!existsSync(candidate.path) && !isLink(candidate.path)) return null;
  const target = freeName(folder, candidate.name);
  if (candidate.inInbox) renameSync(candidate.path, target);
  else copyFileSync(candidate.path, target);
  return target;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
