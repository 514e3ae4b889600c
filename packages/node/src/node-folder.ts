import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { installCatalog, readIndicatorCatalog } from '@oise/catalog';
import { type NodeLevel, OiseError, isNodeLevel, levelOfPcode, orgUnitLevelOfNode } from '@oise/core';
import type { Database } from '@oise/schema';
import { openDatabase } from '@oise/store';
import type { Kysely } from 'kysely';
import { folderForNewNode } from './folder-state.js';
import { restrictKeyFolder } from './key-folder-access.js';
import { generateNodeKeyPair } from './node-keys.js';
import { type NodePaths, nodePaths } from './node-paths.js';

export interface NodeIdentity {
  code: string;
  level: NodeLevel;
  parentCode: string | null;
  /** The country code: owner of reference data (territory, catalog). */
  nationalCode: string;
}

/** An open node: its identity, its folders and its database. Close it when done. */
export interface Node {
  readonly identity: NodeIdentity;
  readonly paths: NodePaths;
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

export interface InitOptions {
  dir: string;
  level: string;
  code: string;
  parent?: string | undefined;
  now: string;
  /** Catalog file to install (default: the one shipped in fixtures/). */
  catalogPath?: string | URL;
  /** Told a French warning when `keys/` could not be kept to the user (icacls on Windows); default process.emitWarning. */
  onWarning?: (message: string) => void;
}

/**
 * Creates a node folder: database with the schema and the indicator catalog, an Ed25519 key
 * pair (private half 0600 in a 0700 `keys/`; on Windows, `keys/` kept to the user by icacls),
 * and the inbox, outbox and reports folders. Refuses a folder that already holds a node, or
 * anything else (`folderForNewNode`), so nothing is ever overwritten; the identity is checked
 * first (`checkNodeIdentity`).
 */
export async function initNode(options: InitOptions): Promise<Node> {
  const identity = checkNodeIdentity(options.level, options.code, options.parent);
  const paths = nodePaths(options.dir);
  folderForNewNode(options.dir);
  const catalog = readIndicatorCatalog(options.catalogPath);
  for (const dir of [paths.root, paths.inbox, paths.applied, paths.rejected, paths.outbox, paths.reports]) {
    mkdirSync(dir, { recursive: true });
  }
  mkdirSync(paths.keys, { recursive: true, mode: 0o700 });
  const keysWarning = restrictKeyFolder(paths.keys);
  if (keysWarning) (options.onWarning ?? ((w: string) => process.emitWarning(w)))(keysWarning);
  const keys = generateNodeKeyPair();
  writeFileSync(paths.privateKey, keys.privatePem, { mode: 0o600 });
  chmodSync(paths.privateKey, 0o600);
  writeFileSync(paths.publicKey, keys.publicPem, { mode: 0o644 });

  const store = await openDatabase(paths.database);
  await store.db
    .insertInto('node_info')
    .values({
      id: 1,
      code: identity.code,
      level: identity.level,
      parent_code: identity.parentCode,
      created_at: options.now,
    })
    .execute();
  await installCatalog(store.db, catalog, { owner: identity.nationalCode, now: options.now });
  return { identity, paths, db: store.db, close: () => store.close() };
}

/** Opens an existing node folder; a French error when the folder is not a node. */
export async function openNode(dir: string): Promise<Node> {
  const paths = nodePaths(dir);
  if (!existsSync(paths.database)) {
    throw new OiseError(
      'NODE_NOT_FOUND',
      `« ${dir} » n'est pas un dossier de nœud OISE (node.sqlite absent). Créez-le avec « oise init --dir ${dir} --level … --code … » ou vérifiez --dir.`,
      { file: dir },
    );
  }
  const store = await openDatabase(paths.database);
  const info = await store.db.selectFrom('node_info').selectAll().executeTakeFirst();
  if (!info) {
    await store.close();
    throw new OiseError(
      'NODE_INCOMPLETE',
      `Le nœud « ${dir} » est incomplet (identité absente). Recréez-le avec « oise init ».`,
      {
        file: dir,
      },
    );
  }
  const identity: NodeIdentity = {
    code: info.code,
    level: info.level,
    parentCode: info.parent_code,
    nationalCode: info.code.slice(0, 2),
  };
  return { identity, paths, db: store.db, close: () => store.close() };
}

/** Runs `work` on an open node and always closes it. */
export async function withNode<T>(dir: string, work: (node: Node) => Promise<T>): Promise<T> {
  const node = await openNode(dir);
  try {
    return await work(node);
  } finally {
    await node.close();
  }
}

/**
 * The identity a new node would have, or the French refusal of `oise init` (`NODE_LEVEL_INVALID`,
 * `NODE_CODE_INVALID`, `NODE_PARENT_INVALID`): a level, a code of that level (ML, ML04, ML0401),
 * and a parent that contains it (deduced from the code when not given).
 */
export function checkNodeIdentity(level: string, code: string, parent: string | undefined): NodeIdentity {
  if (!isNodeLevel(level)) {
    throw new OiseError(
      'NODE_LEVEL_INVALID',
      `Niveau « ${level} » inconnu : choisissez cercle, region ou national.`,
    );
  }
  const expected = orgUnitLevelOfNode(level);
  if (levelOfPcode(code) !== expected) {
    const example = { pays: 'ML', region: 'ML03', cercle: 'ML0301', commune: 'ML030101' }[expected];
    throw new OiseError(
      'NODE_CODE_INVALID',
      `Le code « ${code} » ne correspond pas au niveau ${level} : un code de ce niveau s'écrit comme ${example}.`,
    );
  }
  if (level === 'national') {
    if (parent)
      throw new OiseError('NODE_PARENT_INVALID', "Le nœud national n'a pas de parent : retirez --parent.");
    return { code, level, parentCode: null, nationalCode: code };
  }
  const parentCode = parent ?? code.slice(0, code.length - 2);
  if (!code.startsWith(parentCode) || parentCode.length !== code.length - 2) {
    throw new OiseError(
      'NODE_PARENT_INVALID',
      `Le parent « ${parentCode} » ne contient pas « ${code} » : le parent d'un ${level} est ${code.slice(0, code.length - 2)}.`,
    );
  }
  return { code, level, parentCode, nationalCode: code.slice(0, 2) };
}
