import { basename } from 'node:path';
import { type NodeLevel, OiseError, isNodeLevel } from '@oise/core';
import type { ArchiveEntry, ArchiveEntryName } from './backup-archive.js';

/**
 * `manifest.json`, the first entry of a backup: what it is, whose, from which schema, and the
 * size and SHA-256 of every other entry. Restore trusts nothing in the archive that this does
 * not vouch for.
 */
export interface BackupManifest {
  format: 'oise-sauvegarde';
  version: 1;
  node: { code: string; level: NodeLevel; parentCode: string | null };
  /** The database's newest migration (`SCHEMA_VERSION` of the OISE that wrote it). */
  schemaVersion: string;
  /** When the copy was taken (ISO). */
  createdAt: string;
  /** Whether `keys/private.pem` is inside. */
  withKeys: boolean;
  /** Fingerprint of `keys/public.pem`. */
  fingerprint: string;
  files: { name: Exclude<ArchiveEntryName, 'manifest.json'>; size: number; sha256: string }[];
}

export const BACKUP_FORMAT = 'oise-sauvegarde';
export const BACKUP_FORMAT_VERSION = 1;

/**
 * Parses the manifest and checks it against what the archive really holds: every entry listed
 * with its size and hash, nothing more, the database and public key present, the private key
 * there exactly when announced. `BACKUP_UNREADABLE` for a manifest that cannot be read,
 * `BACKUP_CORRUPT` for content that differs from it.
 */
export function checkManifest(file: string, text: string, entries: readonly ArchiveEntry[]): BackupManifest {
  let parsed: Partial<BackupManifest>;
  try {
    parsed = JSON.parse(text) as Partial<BackupManifest>;
  } catch (cause) {
    throw corrupt(file, 'le manifeste (manifest.json) est illisible', 'BACKUP_UNREADABLE', cause);
  }
  if (parsed?.format !== BACKUP_FORMAT)
    throw corrupt(file, "ce n'est pas une sauvegarde OISE (format inconnu)", 'BACKUP_UNREADABLE');
  if (typeof parsed.version !== 'number' || parsed.version > BACKUP_FORMAT_VERSION)
    throw corrupt(
      file,
      `la sauvegarde est au format ${String(parsed.version)}, plus récent que celui de ce programme (${BACKUP_FORMAT_VERSION}) : mettez OISE à jour sur ce poste, puis recommencez`,
      'BACKUP_UNREADABLE',
    );
  const node = parsed.node;
  if (
    typeof node?.code !== 'string' ||
    typeof node.level !== 'string' ||
    !isNodeLevel(node.level) ||
    typeof parsed.schemaVersion !== 'string' ||
    typeof parsed.createdAt !== 'string' ||
    typeof parsed.withKeys !== 'boolean' ||
    typeof parsed.fingerprint !== 'string' ||
    !Array.isArray(parsed.files)
  )
    throw corrupt(
      file,
      'le manifeste est incomplet (nœud, schéma, date, clés ou fichiers)',
      'BACKUP_UNREADABLE',
    );
  const content = entries.filter((e) => e.name !== 'manifest.json');
  for (const listed of parsed.files) {
    const found = content.find((e) => e.name === listed?.name);
    if (!found) throw corrupt(file, `« ${String(listed?.name)} » annoncé par le manifeste est absent`);
    if (found.size !== listed.size || found.sha256 !== listed.sha256)
      throw corrupt(file, `le contenu de « ${found.name} » ne correspond pas à son empreinte SHA-256`);
  }
  for (const entry of content)
    if (!parsed.files.some((f) => f.name === entry.name))
      throw corrupt(file, `« ${entry.name} » n'est pas annoncé par le manifeste`);
  for (const needed of ['node.sqlite', 'keys/public.pem'] as const)
    if (!content.some((e) => e.name === needed)) throw corrupt(file, `« ${needed} » manque`);
  if (parsed.withKeys !== content.some((e) => e.name === 'keys/private.pem'))
    throw corrupt(file, 'la présence de la clé privée ne correspond pas au manifeste');
  return parsed as BackupManifest;
}

function corrupt(
  file: string,
  why: string,
  code: 'BACKUP_CORRUPT' | 'BACKUP_UNREADABLE' = 'BACKUP_CORRUPT',
  cause?: unknown,
): OiseError {
  return new OiseError(
    code,
    `sauvegarde refusée : ${why}. Rien n'a été modifié ; prenez une autre copie de la sauvegarde.`,
    { file: basename(file) },
    cause === undefined ? undefined : { cause },
  );
}

export { corrupt as backupRefusal };
