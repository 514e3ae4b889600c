import { createPrivateKey, createPublicKey } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { OiseError } from '@oise/core';
import { MIGRATIONS } from '@oise/schema';
import { SCHEMA_VERSION, inspectDatabaseFile, openDatabase, settleDatabaseFile } from '@oise/store';
import { readArchive } from './backup-archive.js';
import { type BackupManifest, backupRefusal, checkManifest } from './backup-manifest.js';
import { restrictKeyFolder } from './key-folder-access.js';
import { fingerprintOf, generateNodeKeyPair } from './node-keys.js';
import { acquireNodeLock } from './node-lock.js';
import { nodePaths } from './node-paths.js';

export interface RestoreOptions {
  /** The node folder to restore into (created when absent). */
  dir: string;
  /** The backup file. */
  from: string;
  /** ISO timestamp: names what is set aside. */
  now: string;
  /** Replace the node the folder already holds (its database and keys are kept aside). */
  force?: boolean;
  /** When neither the backup nor the folder has a private key, make a new key pair. */
  newKeys?: boolean;
  /** Told a French warning when `keys/` could not be kept to the user (icacls on Windows); default process.emitWarning. */
  onWarning?: (message: string) => void;
}

/**
 * What became of the node's keys: `restored` from the backup, `kept` (the folder's own: the
 * backup had none, or the very same), `new` (a fresh pair: the neighbours must enrol it),
 * `public-only` (no private key anywhere: the node cannot sign until one is restored or made).
 */
export type RestoredKeys = 'restored' | 'kept' | 'new' | 'public-only';

export interface RestoreResult {
  dir: string;
  manifest: BackupManifest;
  /** True when the folder held no node before. */
  created: boolean;
  /** Migrations applied to bring an older backup's database up to this OISE. */
  migrations: string[];
  /** What was moved aside (the node's former database and keys), kept until you delete it. */
  keptAside: string[];
  keys: RestoredKeys;
  /** The fingerprint of the node's public key after the restore. */
  fingerprint: string;
}

/**
 * Restores a backup into a node folder. Everything is checked before anything is replaced: the
 * archive (gzip, tar, manifest, the SHA-256 of every entry), the keys against the manifest's
 * fingerprint, `PRAGMA integrity_check` on the extracted database, its node against the
 * manifest, and its schema (newer than this OISE: refused, `BACKUP_SCHEMA_NEWER`; older:
 * migrated, still aside). Only then, under the node's lock, are the former database and keys
 * renamed aside (`node.sqlite.avant-restauration-<date>`) and the restored ones renamed in; a
 * failure at any point leaves the folder as it was (a folder created for the restore is
 * removed).
 */
export async function restoreNode(options: RestoreOptions): Promise<RestoreResult> {
  const { dir } = options;
  const paths = nodePaths(dir);
  const created = !existsSync(dir);
  const hadNode = existsSync(paths.database);
  if (hadNode && !options.force)
    throw new OiseError(
      'RESTORE_TARGET_EXISTS',
      `le dossier « ${dir} » contient déjà un nœud (node.sqlite). Pour le remplacer par la sauvegarde, relancez avec --force : la base actuelle sera gardée à côté (node.sqlite.avant-restauration-…). Sur un nouveau poste, restaurez dans un dossier vide.`,
      { node: dir },
    );
  mkdirSync(dir, { recursive: true });
  let succeeded = false;
  let lock: { release(): void } | undefined;
  let staging: string | undefined;
  try {
    lock = acquireNodeLock(paths.lock, options.now);
    // A restore cut short (power cut) leaves its staging folder; nobody else uses these.
    for (const name of readdirSync(dir))
      if (name.startsWith('.restauration-')) rmSync(join(dir, name), { recursive: true, force: true });
    staging = mkdtempSync(join(dir, '.restauration-'));
    const checked = await checkBackup(options.from, staging);
    if (hadNode) await checkSameNode(paths.database, checked.manifest, options.from);
    const keys = chooseKeys(staging, checked.manifest, paths.privateKey, options.newKeys ?? false);
    const keptAside = swapIn(dir, staging, options.now, { hadNode, installKeys: keys !== 'kept' });
    const keysWarning = keys !== 'kept' ? restrictKeyFolder(paths.keys) : undefined;
    if (keysWarning) (options.onWarning ?? ((w: string) => process.emitWarning(w)))(keysWarning);
    for (const folder of [paths.inbox, paths.applied, paths.rejected, paths.outbox, paths.reports])
      mkdirSync(folder, { recursive: true });
    succeeded = true;
    return {
      dir,
      manifest: checked.manifest,
      created: !hadNode,
      migrations: checked.migrations,
      keptAside,
      keys,
      fingerprint: fingerprintOf(readFileSync(paths.publicKey, 'utf8')),
    };
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
    lock?.release();
    if (!succeeded && created) rmSync(dir, { recursive: true, force: true });
  }
}

/** Extracts and checks the backup into `staging`, and migrates an older database there. */
async function checkBackup(
  from: string,
  staging: string,
): Promise<{ manifest: BackupManifest; migrations: string[] }> {
  const archive = await readArchive(from, { extractTo: staging });
  const manifest = checkManifest(from, archive.manifest, archive.entries);
  const known = Object.keys(MIGRATIONS);
  if (manifest.schemaVersion > SCHEMA_VERSION || !known.includes(manifest.schemaVersion))
    throw new OiseError(
      'BACKUP_SCHEMA_NEWER',
      `cette sauvegarde vient d'une version d'OISE plus récente : sa base est au schéma « ${manifest.schemaVersion} », ce programme ne connaît que jusqu'au schéma « ${SCHEMA_VERSION} ». Installez sur ce poste la version d'OISE qui a fait la sauvegarde (ou une plus récente), puis recommencez. Rien n'a été modifié.`,
      { file: basename(from) },
    );
  const database = join(staging, 'node.sqlite');
  const report = inspectDatabaseFile(database);
  if (report.problems.length > 0)
    throw backupRefusal(
      from,
      `la base contenue est abîmée (integrity_check : ${report.problems.slice(0, 3).join(' ; ')})`,
    );
  if (report.schemaVersion !== manifest.schemaVersion || report.migrations.some((m) => !known.includes(m)))
    throw backupRefusal(
      from,
      `le schéma de la base (« ${String(report.schemaVersion)} ») n'est pas celui qu'annonce le manifeste (« ${manifest.schemaVersion} »)`,
    );
  checkKeys(from, staging, manifest);
  const store = await openDatabase(database, { migrate: false });
  try {
    const info = await store.db.selectFrom('node_info').selectAll().executeTakeFirst();
    if (info?.code !== manifest.node.code || info.level !== manifest.node.level)
      throw backupRefusal(
        from,
        `la base est celle du nœud « ${String(info?.code)} », le manifeste annonce « ${manifest.node.code} »`,
      );
  } finally {
    await store.close();
  }
  // An older backup is brought up to this OISE here, before it replaces anything.
  const migrations = known.filter((m) => !report.migrations.includes(m));
  if (migrations.length > 0) await (await openDatabase(database)).close();
  return { manifest, migrations };
}

function checkKeys(from: string, staging: string, manifest: BackupManifest): void {
  const publicPem = readFileSync(join(staging, 'keys', 'public.pem'), 'utf8');
  let fingerprint: string;
  let privateMatches = true;
  try {
    fingerprint = fingerprintOf(publicPem);
    if (manifest.withKeys) {
      const derived = createPublicKey(createPrivateKey(readFileSync(join(staging, 'keys', 'private.pem'))));
      privateMatches =
        fingerprintOf(derived.export({ type: 'spki', format: 'pem' }).toString()) === fingerprint;
    }
  } catch (cause) {
    throw backupRefusal(from, 'les clés contenues sont illisibles', 'BACKUP_CORRUPT', cause);
  }
  if (fingerprint !== manifest.fingerprint || !privateMatches)
    throw backupRefusal(from, "les clés contenues ne correspondent pas à l'empreinte du manifeste");
}

/** A backup of node X never replaces node Y: restore it into an empty folder instead. */
async function checkSameNode(database: string, manifest: BackupManifest, from: string): Promise<void> {
  let code: string | undefined;
  try {
    const store = await openDatabase(database, { migrate: false });
    try {
      code = (await store.db.selectFrom('node_info').select('code').executeTakeFirst())?.code;
    } finally {
      await store.close();
    }
  } catch {
    // A damaged database (the reason for restoring, often) cannot say whose it is.
    return;
  }
  if (code !== undefined && code !== manifest.node.code)
    throw new OiseError(
      'BACKUP_WRONG_NODE',
      `cette sauvegarde est celle du nœud ${manifest.node.code}, le dossier contient le nœud ${code} : rien n'a été modifié. Restaurez-la dans un dossier vide.`,
      { file: basename(from) },
    );
}

/** Which keys the restored node gets; prepares `staging/keys/` accordingly. */
function chooseKeys(
  staging: string,
  manifest: BackupManifest,
  folderPrivateKey: string,
  newKeys: boolean,
): RestoredKeys {
  if (manifest.withKeys)
    return sameFiles(join(staging, 'keys'), dirname(folderPrivateKey)) ? 'kept' : 'restored';
  if (existsSync(folderPrivateKey)) return 'kept';
  if (!newKeys) return 'public-only';
  const pair = generateNodeKeyPair();
  writeFileSync(join(staging, 'keys', 'private.pem'), pair.privatePem, { mode: 0o600 });
  writeFileSync(join(staging, 'keys', 'public.pem'), pair.publicPem, { mode: 0o644 });
  return 'new';
}

/** True when the folder's keys are byte for byte the backup's (nothing to set aside). */
function sameFiles(stagedKeys: string, folderKeys: string): boolean {
  return ['public.pem', 'private.pem'].every((name) => {
    const a = join(stagedKeys, name);
    const b = join(folderKeys, name);
    return existsSync(b) && readFileSync(a).equals(readFileSync(b));
  });
}

/**
 * Renames the former database (with its `-wal` and `-shm`, if any) and keys aside, then the
 * restored ones in. Each rename is atomic; if one fails, those done are undone in reverse.
 */
function swapIn(
  dir: string,
  staging: string,
  now: string,
  what: { hadNode: boolean; installKeys: boolean },
): string[] {
  const paths = nodePaths(dir);
  const stamp = asideStamp(dir, now);
  const moves: [string, string][] = [];
  if (what.hadNode) {
    // Standing alone, the former database is one file; damaged, its side files go with it.
    settleDatabaseFile(paths.database);
    for (const suffix of ['', '-wal', '-shm'])
      if (existsSync(`${paths.database}${suffix}`))
        moves.push([`${paths.database}${suffix}`, `${paths.database}.${stamp}${suffix}`]);
  }
  if (what.installKeys && existsSync(paths.keys)) moves.push([paths.keys, `${paths.keys}.${stamp}`]);
  const keptAside = moves.filter(([from]) => !/-(wal|shm)$/.test(from)).map(([, to]) => to);
  if (what.installKeys) moves.push([join(staging, 'keys'), paths.keys]);
  moves.push([join(staging, 'node.sqlite'), paths.database]);
  const done: [string, string][] = [];
  try {
    for (const [from, to] of moves) {
      renameSync(from, to);
      done.push([from, to]);
    }
  } catch (error) {
    for (const [from, to] of done.reverse()) renameSync(to, from);
    throw error;
  }
  if (what.installKeys && existsSync(paths.privateKey)) chmodSync(paths.privateKey, 0o600);
  return keptAside;
}

/** `avant-restauration-2025-04-12T10-00-00` (no `:`, which Windows refuses in a name). */
function asideStamp(dir: string, now: string): string {
  const base = `avant-restauration-${now.slice(0, 19).replace(/:/g, '-')}`;
  let stamp = base;
  for (
    let n = 2;
    existsSync(join(dir, `node.sqlite.${stamp}`)) || existsSync(join(dir, `keys.${stamp}`));
    n++
  )
    stamp = `${base}-${n}`;
  return stamp;
}
