import { createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type NodeLevel, OiseError, isNodeLevel, levelOfPcode, orgUnitLevelOfNode } from '@oise/core';
import type { TrustedKey } from '@oise/schema';
import type { Node } from './node-folder.js';
import { fingerprintOf } from './node-keys.js';

/** The public identity a node hands to its neighbours: `oise key export`. */
export interface PublicIdentity {
  format: 'oise-public-key';
  version: 1;
  code: string;
  level: NodeLevel;
  parentCode: string | null;
  publicKey: string;
  fingerprint: string;
}

export function publicIdentityOf(node: Node): PublicIdentity {
  const publicKey = readFileSync(node.paths.publicKey, 'utf8');
  return {
    format: 'oise-public-key',
    version: 1,
    code: node.identity.code,
    level: node.identity.level,
    parentCode: node.identity.parentCode,
    publicKey,
    fingerprint: fingerprintOf(publicKey),
  };
}

/** The key file's text, as `oise key export` writes it (and the pages let one download it). */
export function publicIdentityText(identity: PublicIdentity): string {
  return `${JSON.stringify(identity, null, 2)}\n`;
}

export function writePublicIdentity(node: Node, out: string): PublicIdentity {
  const identity = publicIdentityOf(node);
  writeFileSync(out, publicIdentityText(identity));
  return identity;
}

/** Reads and checks a public-key file; a French error naming the file for anything odd. */
export function readPublicIdentity(path: string): PublicIdentity {
  const file = basename(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new OiseError(
      'KEY_FILE_INVALID',
      "ce n'est pas un fichier de clé publique OISE lisible. Demandez au nœud voisin le fichier produit par « oise key export ».",
      { file },
      { cause },
    );
  }
  return checkPublicIdentity(parsed, file);
}

/**
 * Checks a public identity already parsed (a key file, or the parent's identity a starter
 * package carries): format, a code of its level, an Ed25519 public key (never a private one),
 * the fingerprint it announces. `file` names the source in the French errors.
 */
export function checkPublicIdentity(parsed: unknown, file: string): PublicIdentity {
  const p = parsed as Partial<PublicIdentity>;
  if (
    p?.format !== 'oise-public-key' ||
    p.version !== 1 ||
    typeof p.code !== 'string' ||
    typeof p.level !== 'string' ||
    !isNodeLevel(p.level) ||
    typeof p.publicKey !== 'string'
  ) {
    throw new OiseError(
      'KEY_FILE_INVALID',
      'le fichier ne suit pas le format des clés OISE (format, version, code, level, publicKey). Demandez au voisin un nouvel export avec « oise key export ».',
      { file },
    );
  }
  if (levelOfPcode(p.code) !== orgUnitLevelOfNode(p.level)) {
    throw new OiseError(
      'KEY_FILE_INVALID',
      `le code « ${p.code} » n'est pas le code d'un nœud de niveau ${p.level} (ML, ML04, ML0401…) : le fichier a été modifié. Demandez au voisin un nouvel export avec « oise key export ».`,
      { file },
    );
  }
  if (p.publicKey.includes('PRIVATE KEY')) {
    throw new OiseError(
      'KEY_FILE_PRIVATE',
      'ce fichier contient une clé PRIVÉE : elle ne doit jamais quitter le dossier keys/ de son nœud. Refusé ; détruisez cette copie et demandez au voisin le fichier produit par « oise key export ».',
      { file },
    );
  }
  let fingerprint: string;
  try {
    if (createPublicKey(p.publicKey).asymmetricKeyType !== 'ed25519') {
      throw new OiseError(
        'KEY_FILE_INVALID',
        "la clé contenue dans le fichier n'est pas une clé Ed25519 d'OISE. Demandez au voisin le fichier produit par « oise key export ».",
        { file },
      );
    }
    fingerprint = fingerprintOf(p.publicKey);
  } catch (cause) {
    if (cause instanceof OiseError) throw cause;
    throw new OiseError(
      'KEY_FILE_INVALID',
      'la clé publique contenue dans le fichier est illisible.',
      { file },
      { cause },
    );
  }
  if (p.fingerprint !== undefined && p.fingerprint !== fingerprint) {
    throw new OiseError(
      'KEY_FINGERPRINT_MISMATCH',
      "l'empreinte annoncée ne correspond pas à la clé : le fichier a été modifié. Demandez un nouvel export au voisin.",
      { file },
    );
  }
  return {
    format: 'oise-public-key',
    version: 1,
    code: p.code,
    level: p.level,
    parentCode: p.parentCode ?? null,
    publicKey: p.publicKey,
    fingerprint,
  };
}

/** What an enrolment did: the neighbour's relation to this node, and whether anything changed. */
export interface EnrolmentResult {
  relation: 'parent' | 'child';
  identity: PublicIdentity;
  changed: boolean;
}

/**
 * Registers a neighbour's public key: a parent registers each child, a child its parent.
 * Anyone else is refused. Re-enrolling the same key is a no-op; a new key replaces the old
 * one (and un-revokes).
 */
export async function enroll(node: Node, path: string, now: string): Promise<EnrolmentResult> {
  return enrollIdentity(node, readPublicIdentity(path), now, basename(path));
}

/** The relation of a node to this one, or undefined when it is neither the parent nor a direct child. */
export function relationOf(node: Node, identity: Pick<PublicIdentity, 'code' | 'parentCode'>) {
  const me = node.identity;
  if (identity.code === me.parentCode) return 'parent' as const;
  // A direct child only: a node one level down whose P-code extends this node's.
  if (
    identity.parentCode === me.code &&
    identity.code.startsWith(me.code) &&
    identity.code.length === me.code.length + 2
  )
    return 'child' as const;
  return undefined;
}

/** `enroll` for an identity already read and checked (`file` names its source in errors). */
export async function enrollIdentity(
  node: Node,
  identity: PublicIdentity,
  now: string,
  file: string,
): Promise<EnrolmentResult> {
  const me = node.identity;
  const relation = relationOf(node, identity);
  if (!relation) {
    throw new OiseError(
      'ENROLL_NOT_NEIGHBOUR',
      `le nœud « ${identity.code} » n'est ni le parent ni un enfant direct de « ${me.code} » : on n'enrôle que ses voisins immédiats.`,
      { file },
    );
  }
  const existing = await neighbourKey(node, identity.code);
  if (existing && existing.fingerprint === identity.fingerprint && existing.revoked_at === null) {
    return { relation, identity, changed: false };
  }
  await node.db
    .insertInto('trusted_key')
    .values({
      node_code: identity.code,
      relation,
      level: identity.level,
      public_key: identity.publicKey,
      fingerprint: identity.fingerprint,
      enrolled_at: now,
      revoked_at: null,
    })
    .onConflict((oc) =>
      oc.column('node_code').doUpdateSet({
        relation,
        level: identity.level,
        public_key: identity.publicKey,
        fingerprint: identity.fingerprint,
        enrolled_at: now,
        revoked_at: null,
      }),
    )
    .execute();
  return { relation, identity, changed: true };
}

/** The key this node holds for a neighbour (revoked or not), if any. */
export async function neighbourKey(node: Node, code: string): Promise<TrustedKey | undefined> {
  return node.db.selectFrom('trusted_key').selectAll().where('node_code', '=', code).executeTakeFirst();
}

/** Revokes a neighbour's key: its bundles are refused from now on. */
export async function revoke(node: Node, code: string, now: string): Promise<boolean> {
  const result = await node.db
    .updateTable('trusted_key')
    .set({ revoked_at: now })
    .where('node_code', '=', code)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Enrolled, unrevoked neighbours. */
export async function trustedNeighbours(node: Node): Promise<TrustedKey[]> {
  return node.db
    .selectFrom('trusted_key')
    .selectAll()
    .where('revoked_at', 'is', null)
    .orderBy('node_code')
    .execute();
}
