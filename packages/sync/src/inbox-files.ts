import {
  closeSync,
  copyFileSync,
  createReadStream,
  existsSync,
  lstatSync,
  openSync,
  readSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { NodePaths } from '@oise/node';
import { BUNDLE_EXTENSION, BUNDLE_FORMAT } from './bundle-format.js';
import { peekManifest } from './manifest-peek.js';

/** A file to ingest, and whether it may be read at all (SPEC [V1]). */
export interface BundleCandidate {
  path: string;
  name: string;
  /** The file sits in the inbox (moved afterwards) rather than elsewhere (copied). */
  inInbox: boolean;
  /** French reason when the path itself is refused. */
  pathProblem: string | null;
}

/** A file of the inbox that is not taken, and why, in French (SPEC [B7]). */
export interface IgnoredFile {
  name: string;
  reason: string;
}

/** What waits directly in `inbox/`: the bundles to ingest, and the other files with a reason. */
export interface InboxScan {
  candidates: BundleCandidate[];
  ignored: IgnoredFile[];
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;
const LEFT = 'laissé dans inbox/';

/**
 * The files waiting directly in `inbox/` (SPEC [B7]), in name order. A bundle is recognised by
 * its content, not its name — a mail client or a USB copy renames files (`… (1).oise`): a gzip
 * file whose first line is an OISE manifest. A file named `*.oise.gz` is always taken (a damaged
 * one is then refused with its reason), as is a symbolic link (refused when it leads out of the
 * inbox, [V1]). Hidden and `*.tmp` files are writes in progress and the `applied/` and
 * `rejected/` folders are the inbox's own: skipped without a word. Anything else is named in
 * `ignored` with the reason and left where it is.
 */
export async function scanInbox(paths: NodePaths): Promise<InboxScan> {
  const scan: InboxScan = { candidates: [], ignored: [] };
  if (!existsSync(paths.inbox)) return scan;
  const inbox = realpathSync(paths.inbox);
  const own = new Set([basename(paths.applied), basename(paths.rejected)]);
  const entries = readdirSync(paths.inbox, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    const name = e.name;
    if (name.startsWith('.') || name.endsWith('.tmp')) continue;
    const path = join(paths.inbox, name);
    if (e.isDirectory()) {
      if (!own.has(name)) {
        scan.ignored.push({
          name,
          reason: `c'est un dossier, pas un paquet ; déposez les paquets eux-mêmes dans inbox/ (${LEFT}).`,
        });
      }
      continue;
    }
    if (e.isSymbolicLink()) {
      scan.candidates.push({ path, name, inInbox: true, pathProblem: linkProblem(path, name, inbox) });
      continue;
    }
    if (!e.isFile()) {
      scan.ignored.push({ name, reason: `ce n'est pas un fichier ordinaire (${LEFT}).` });
      continue;
    }
    const problem = name.endsWith(BUNDLE_EXTENSION) ? null : await notABundle(path);
    if (problem) scan.ignored.push({ name, reason: problem });
    else scan.candidates.push({ path, name, inInbox: true, pathProblem: nameProblem(name) });
  }
  return scan;
}

function nameProblem(name: string): string | null {
  return name.includes('..') || name.includes('/') || name.includes('\\')
    ? 'nom de fichier refusé (« .. » ou séparateur de dossier).'
    : null;
}

function linkProblem(path: string, name: string, inbox: string): string | null {
  const named = nameProblem(name);
  if (named) return named;
  let target: string | null = null;
  try {
    target = realpathSync(path);
  } catch {
    target = null;
  }
  if (!target || dirname(target) !== inbox || !statSync(target).isFile()) {
    return 'lien symbolique vers un fichier hors de la boîte de réception : refusé.';
  }
  return null;
}

/**
 * Null when the file looks like a bundle — gzip whose first line is a manifest of format
 * `oise-bundle` (the rest is checked by ingest) — otherwise the French reason it is not one.
 * Reads at most the first megabyte of decompressed text.
 */
export async function notABundle(path: string): Promise<string | null> {
  const notOise = "ce n'est pas un paquet OISE";
  const head = Buffer.alloc(2);
  const fd = openSync(path, 'r');
  let read = 0;
  try {
    read = readSync(fd, head, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  if (read === 0) return `fichier vide, ${notOise} (${LEFT}).`;
  if (read < 2 || head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) {
    return `${notOise} (un paquet est un fichier compressé gzip, celui-ci ne l'est pas ; ${LEFT}).`;
  }
  const peek = await peekManifest(createReadStream(path));
  if (peek.kind !== 'manifest') {
    return `fichier compressé, mais pas un paquet OISE (sa première ligne n'est pas un manifeste « ${BUNDLE_FORMAT} » ; ${LEFT}).`;
  }
  return null;
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
  // A folder (or a device) named as a package is refused where it is: never moved or copied.
  if (!isLink(candidate.path) && !statSync(candidate.path).isFile()) return null;
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
