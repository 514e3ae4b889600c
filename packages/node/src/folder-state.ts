import { readdirSync, statSync } from 'node:fs';
import { OiseError } from '@oise/core';
import { nodePaths } from './node-paths.js';

/**
 * What a folder given as a node folder (`--dir`) holds:
 * - `missing`: nothing there yet (`oise init`, or the first start of `oise ui`, creates it);
 * - `empty`: a folder with nothing in it but what the system leaves in any folder;
 * - `node`: a node (its `node.sqlite`), to open;
 * - `other`: a folder holding something else, or a file: never written into.
 */
export type FolderState =
  | { kind: 'missing' }
  | { kind: 'empty' }
  | { kind: 'node' }
  | { kind: 'other'; file: boolean; entries: string[] };

/** What Windows and macOS leave in folders a person opened: not content. */
const SYSTEM_FILES = new Set(['desktop.ini', 'thumbs.db', '.ds_store']);

/** How many names a refusal lists. */
const NAMES_SHOWN = 5;

/** Reads what `dir` holds (see `FolderState`); nothing is written. */
export function folderState(dir: string): FolderState {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  if (!isDirectory) return { kind: 'other', file: true, entries: [] };
  const entries = readdirSync(dir).filter((name) => !SYSTEM_FILES.has(name.toLowerCase()));
  if (entries.length === 0) return { kind: 'empty' };
  try {
    if (statSync(nodePaths(dir).database).isFile()) return { kind: 'node' };
  } catch {
    // No node.sqlite: something else.
  }
  return { kind: 'other', file: false, entries: entries.sort() };
}

/**
 * Whether a node may be created in `dir`: `'new'` for a missing or empty folder; a node
 * already there is `NODE_EXISTS`, anything else `NODE_FOLDER_NOT_EMPTY` (OISE never writes
 * into a folder that holds something else than a node). `oise init` and the first start of
 * `oise ui` ask the same.
 */
export function folderForNewNode(dir: string): 'new' {
  const state = folderState(dir);
  if (state.kind === 'missing' || state.kind === 'empty') return 'new';
  if (state.kind === 'node')
    throw new OiseError(
      'NODE_EXISTS',
      `Le dossier « ${dir} » contient déjà un nœud (node.sqlite). Choisissez un autre dossier ou supprimez l'ancien nœud.`,
      { file: dir },
    );
  throw folderNotEmpty(dir, state);
}

/** The refusal of a folder that holds something else than a node. */
export function folderNotEmpty(dir: string, state: Extract<FolderState, { kind: 'other' }>): OiseError {
  if (state.file)
    return new OiseError(
      'NODE_FOLDER_NOT_EMPTY',
      `« ${dir} » est un fichier, pas un dossier de nœud OISE : donnez le chemin d'un dossier vide ou d'un dossier qui n'existe pas encore.`,
      { file: dir },
    );
  const shown = state.entries.slice(0, NAMES_SHOWN).map((name) => `« ${name} »`);
  const more = state.entries.length > NAMES_SHOWN ? ` et ${state.entries.length - NAMES_SHOWN} autres` : '';
  return new OiseError(
    'NODE_FOLDER_NOT_EMPTY',
    `Le dossier « ${dir} » contient déjà autre chose qu'un nœud OISE (${shown.join(', ')}${more}) et pas de node.sqlite : OISE n'y écrit rien. Choisissez un dossier vide, ou un nom de dossier qui n'existe pas encore.`,
    { file: dir },
  );
}
