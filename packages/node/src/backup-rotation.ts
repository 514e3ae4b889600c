import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { OiseError } from '@oise/core';
import { type BackupResult, writeNodeBackup } from './node-backup.js';
import type { Node } from './node-folder.js';
import { getSetting } from './node-settings.js';

/** Daily backups kept when `backup.keep` is not set. */
export const BACKUP_KEEP_DEFAULT = 7;
/** The backup folder, inside the node folder, when `backup.dir` is not set. */
export const BACKUP_DIR_DEFAULT = 'sauvegardes';

/** Where and how many daily backups `oise run` keeps. `keep` 0: none are made. */
export interface DailyBackupSettings {
  keep: number;
  dir: string;
}

/**
 * The node's daily-backup settings: `backup.keep` (a whole number, default 7; 0 turns daily
 * backups off) and `backup.dir` (default `sauvegardes/` in the node folder; a relative path is
 * read from the node folder, never from where the command runs).
 */
export async function dailyBackupSettings(node: Node): Promise<DailyBackupSettings> {
  const keepText = (await getSetting(node.db, 'backup.keep'))?.trim();
  const keep = keepText === undefined || keepText === '' ? BACKUP_KEEP_DEFAULT : Number(keepText);
  if (!Number.isInteger(keep) || keep < 0)
    throw new OiseError(
      'BACKUP_SETTING_INVALID',
      `le réglage backup.keep vaut « ${keepText} » : il faut un nombre entier de sauvegardes à garder (${BACKUP_KEEP_DEFAULT} par défaut, 0 pour n'en faire aucune). Corrigez-le : oise settings --dir ${node.paths.root} backup.keep ${BACKUP_KEEP_DEFAULT}`,
    );
  const dirText = (await getSetting(node.db, 'backup.dir'))?.trim() || BACKUP_DIR_DEFAULT;
  return { keep, dir: isAbsolute(dirText) ? dirText : join(node.paths.root, dirText) };
}

/** The file of one day's backup: `sauvegarde-ML0401-2025-04-12.tar.gz`. */
export function dailyBackupName(code: string, now: string): string {
  return `sauvegarde-${code}-${now.slice(0, 10)}.tar.gz`;
}

/** The node's daily backups in `dir`, newest first (other files are never touched). */
export function listDailyBackups(dir: string, code: string): string[] {
  if (!existsSync(dir)) return [];
  const pattern = new RegExp(`^sauvegarde-${code}-\\d{4}-\\d{2}-\\d{2}\\.tar\\.gz$`);
  return readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .reverse();
}

/** The daily backups as `oise status` shows them: the settings and the newest one, if any. */
export interface DailyBackupState {
  settings: DailyBackupSettings;
  latest?: { name: string; path: string /** `YYYY-MM-DD`, from the name. */; date: string; bytes: number };
}

/** The node's newest daily backup in its backup folder (none when the folder is absent). */
export async function dailyBackupState(node: Node): Promise<DailyBackupState> {
  const settings = await dailyBackupSettings(node);
  const name = listDailyBackups(settings.dir, node.identity.code)[0];
  if (!name) return { settings };
  const path = join(settings.dir, name);
  const date = /(\d{4}-\d{2}-\d{2})\.tar\.gz$/.exec(name)?.[1] ?? '';
  return { settings, latest: { name, path, date, bytes: statSync(path).size } };
}

export interface DailyBackupResult {
  /** The backup written today, if one was. */
  written?: BackupResult;
  /** Why none was written: daily backups are off, or today's is already there. */
  skipped?: 'off' | 'already-today';
  /** Older daily backups removed to keep `keep`. */
  removed: string[];
  settings: DailyBackupSettings;
}

/**
 * The daily backup of a pass of `oise run`: at most one a day (the date of `now`, Bamako time
 * being UTC), without the private key, in the backup folder; then only the newest `keep` daily
 * backups of this node stay there. The default folder is created; a folder set by `backup.dir`
 * must exist (a USB key not plugged in is said, not silently replaced by a folder on the disk).
 */
export async function runDailyBackup(node: Node, options: { now: string }): Promise<DailyBackupResult> {
  const settings = await dailyBackupSettings(node);
  if (settings.keep === 0) return { skipped: 'off', removed: [], settings };
  if (settings.dir === join(node.paths.root, BACKUP_DIR_DEFAULT))
    mkdirSync(settings.dir, { recursive: true });
  else if (!existsSync(settings.dir)) {
    if (!existsSync(dirname(settings.dir)))
      throw new OiseError(
        'BACKUP_DIR_MISSING',
        `le dossier de sauvegarde « ${settings.dir} » est introuvable (clé USB ou disque absent ?) : branchez-le, ou changez le réglage backup.dir.`,
        { file: settings.dir },
      );
    mkdirSync(settings.dir);
  }
  const file = join(settings.dir, dailyBackupName(node.identity.code, options.now));
  let written: BackupResult | undefined;
  if (!existsSync(file)) written = await writeNodeBackup(node, file, { now: options.now });
  const removed = rotateDailyBackups(settings.dir, node.identity.code, settings.keep);
  return { ...(written ? { written } : { skipped: 'already-today' as const }), removed, settings };
}

/** Removes this node's daily backups beyond the newest `keep`; returns the removed names. */
export function rotateDailyBackups(dir: string, code: string, keep: number): string[] {
  const extra = listDailyBackups(dir, code).slice(keep);
  for (const name of extra) rmSync(join(dir, name), { force: true });
  return extra;
}
