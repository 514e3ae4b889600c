import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OiseError, UsageError } from '@oise/core';
import { SCHEMA_VERSION, backupDatabase, inspectDatabaseFile } from '@oise/store';
import { type ArchiveInput, readArchive, writeArchive } from './backup-archive.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupManifest,
  checkManifest,
} from './backup-manifest.js';
import type { Node } from './node-folder.js';
import { fingerprintOf } from './node-keys.js';
import { isProcessAlive } from './node-lock.js';

export interface BackupOptions {
  /** ISO timestamp of the backup. */
  now: string;
  /** Put the private key in (the archive is then mode 0600). Never by default. */
  withKeys?: boolean;
}

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
  /** Size of the archive, in bytes. */
  bytes: number;
}

/**
 * Writes a backup of a node into one file `out` (`.tar.gz`: `manifest.json`, `node.sqlite`,
 * `keys/public.pem`, and `keys/private.pem` only with `withKeys`), while the node keeps
 * running: the database is copied by SQLite's online backup (store's `backupDatabase`, one
 * snapshot of the last commit), checked, hashed, packed, then read back once to prove the file
 * on the disk or the USB key restores. The archive is written whole or not at all.
 */
export async function writeNodeBackup(
  node: Node,
  out: string,
  options: BackupOptions,
): Promise<BackupResult> {
  const withKeys = options.withKeys ?? false;
  if (resolve(out) === resolve(node.paths.database))
    throw new UsageError(
      'la sauvegarde ne peut pas remplacer la base du nœud : choisissez un autre fichier.',
    );
  if (!existsSync(dirname(resolve(out))))
    throw new OiseError(
      'BACKUP_DIR_MISSING',
      `le dossier « ${dirname(out)} » n'existe pas : créez-le (ou branchez la clé USB), puis recommencez.`,
      { file: out },
    );
  if (withKeys && !existsSync(node.paths.privateKey))
    throw new OiseError(
      'KEY_MISSING',
      `la clé privée du nœud est absente (${node.paths.privateKey}) : la sauvegarde --with-keys est impossible. Faites une sauvegarde sans --with-keys.`,
      { file: node.paths.privateKey },
    );
  removeLeftovers(node.paths.root, /^\.sauvegarde-(\d+)-/);
  const name = basename(out).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  removeLeftovers(dirname(resolve(out)), new RegExp(`^\\.(?:sauvegarde-.+|${name})\\.(\\d+)\\.tmp$`));
  const staging = mkdtempSync(join(node.paths.root, `.sauvegarde-${process.pid}-`));
  try {
    const database = join(staging, 'node.sqlite');
    await backupDatabase(node.paths.database, database);
    const report = inspectDatabaseFile(database);
    if (report.problems.length > 0)
      throw new OiseError(
        'BACKUP_CORRUPT',
        `la base du nœud est abîmée (${report.problems.slice(0, 3).join(' ; ')}) : la copie a été refusée. Gardez vos sauvegardes précédentes et prévenez l'équipe OISE.`,
        { file: node.paths.database },
      );
    const inputs: ArchiveInput[] = [
      { name: 'node.sqlite', path: database, mode: 0o644 },
      { name: 'keys/public.pem', path: node.paths.publicKey, mode: 0o644 },
      ...(withKeys ? [{ name: 'keys/private.pem' as const, path: node.paths.privateKey, mode: 0o600 }] : []),
    ];
    const files: BackupManifest['files'] = [];
    for (const input of inputs) {
      if (input.name === 'manifest.json') continue;
      files.push({ name: input.name, size: statSync(input.path).size, sha256: await sha256Of(input.path) });
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_FORMAT_VERSION,
      node: { code: node.identity.code, level: node.identity.level, parentCode: node.identity.parentCode },
      schemaVersion: report.schemaVersion ?? SCHEMA_VERSION,
      createdAt: options.now,
      withKeys,
      fingerprint: fingerprintOf(readFileSync(node.paths.publicKey, 'utf8')),
      files,
    };
    const manifestPath = join(staging, 'manifest.json');
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    await writeArchive(out, [{ name: 'manifest.json', path: manifestPath, mode: 0o644 }, ...inputs], {
      mtime: Math.floor(Date.parse(options.now) / 1000),
      fileMode: withKeys ? 0o600 : 0o644,
    });
    const back = await readArchive(out);
    checkManifest(out, back.manifest, back.entries);
    return { file: out, manifest, bytes: statSync(out).size };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * What a backup killed midway (power cut, SIGKILL) left behind: its copy of the database in
 * `.sauvegarde-<pid>-…/`, its unfinished archive `.<name>.<pid>.tmp`. Removed once their process
 * is gone; another backup running at the same moment keeps its own.
 */
function removeLeftovers(dir: string, pattern: RegExp): void {
  for (const name of readdirSync(dir)) {
    const pid = pattern.exec(name)?.[1];
    if (pid && !isProcessAlive(Number(pid))) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
