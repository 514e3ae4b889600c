import { basename } from 'node:path';
import { type NodeLevel, OiseError } from '@oise/core';
import {
  type EnrolmentResult,
  type Node,
  type PublicIdentity,
  acquireNodeLock,
  enrollIdentity,
  neighbourKey,
  publicIdentityOf,
  readPublicIdentity,
  relationOf,
} from '@oise/node';
import {
  type StarterApplied,
  type StarterHeader,
  type StarterWritten,
  applyStarterPackage,
  checkStarterPackage,
  defaultStarterPath,
  isStarterPackage,
  sameFingerprint,
  writeStarterPackage,
} from './starter-package.js';

/** What `oise enroll` did with the file it was given. */
export type NeighbourEnrolment =
  | {
      kind: 'key';
      enrolment: EnrolmentResult;
      /** This node's own fingerprint, to read to the neighbour over the phone. */
      ownFingerprint: string;
      /** The starter package written for a child (null for a parent's key). */
      starter: StarterWritten | null;
    }
  | { kind: 'starter'; applied: StarterApplied };

/**
 * One command on each side sets a new node up (`oise enroll`):
 * - given a child's public-key file, the parent trusts it and writes the child's starter
 *   package (`starterOut`, default `demarrage-<code>.oise` beside the key file);
 * - given a starter package, the child trusts its parent and applies the territory and catalog
 *   it carries (`applyStarterPackage`);
 * - given its parent's key file (the older way, still valid), the child only trusts it.
 * With `fingerprint` (read over the phone), a key or package with another fingerprint is refused.
 * Holds the node's lock (`NODE_BUSY` while a pass runs).
 */
export async function enrollNeighbour(
  node: Node,
  file: string,
  options: { now: string; starterOut?: string | undefined; fingerprint?: string | undefined },
): Promise<NeighbourEnrolment> {
  // It exports or ingests bundles: never at the same time as a pass of `oise run`.
  const lock = acquireNodeLock(node.paths.lock, options.now);
  try {
    return await enrollUnlocked(node, file, options);
  } finally {
    lock.release();
  }
}

async function enrollUnlocked(
  node: Node,
  file: string,
  options: { now: string; starterOut?: string | undefined; fingerprint?: string | undefined },
): Promise<NeighbourEnrolment> {
  if (isStarterPackage(file))
    return {
      kind: 'starter',
      applied: await applyStarterPackage(node, file, { now: options.now, fingerprint: options.fingerprint }),
    };
  const identity = readNeighbourKey(file);
  if (options.fingerprint !== undefined && !sameFingerprint(options.fingerprint, identity.fingerprint))
    throw new OiseError(
      'KEY_FINGERPRINT_MISMATCH',
      `l'empreinte de la clé de ${identity.code} (${identity.fingerprint}) n'est pas celle que vous avez donnée (${options.fingerprint}) : le fichier a été remplacé en chemin ; rien n'est enrôlé.`,
      { file: basename(file) },
    );
  const enrolment = await enrollIdentity(node, identity, options.now, basename(file));
  const starter =
    enrolment.relation === 'child'
      ? await writeStarterPackage(node, {
          child: identity.code,
          now: options.now,
          out: options.starterOut ?? defaultStarterPath(file, identity.code),
        })
      : null;
  return { kind: 'key', enrolment, ownFingerprint: publicIdentityOf(node).fingerprint, starter };
}

/** What `enrollNeighbour` would do with a file, read and checked, nothing written. */
export interface EnrolmentPreview {
  kind: 'key' | 'starter';
  /** The neighbour: the key's node, or the parent who made the starter package. */
  code: string;
  level: NodeLevel;
  fingerprint: string;
  relation: 'parent' | 'child';
  /** This very key is trusted already: enrolling would change nothing. */
  alreadyEnrolled: boolean;
  /** For a starter package: what it carries. */
  starter: StarterHeader | null;
}

/**
 * Reads a key file or a starter package as `enrollNeighbour` would and says who it is from,
 * before anyone confirms the fingerprint by phone. French `OiseError`s for a file that is not a
 * key (`KEY_FILE_INVALID`, `KEY_FILE_PRIVATE`…), a node that is neither the parent nor a direct
 * child (`ENROLL_NOT_NEIGHBOUR`), a starter package for another node.
 */
export async function previewEnrolment(node: Node, file: string): Promise<EnrolmentPreview> {
  if (isStarterPackage(file)) {
    const { header } = checkStarterPackage(node, file);
    const known = await neighbourKey(node, header.parent.code);
    return {
      kind: 'starter',
      code: header.parent.code,
      level: header.parent.level,
      fingerprint: header.parent.fingerprint,
      relation: 'parent',
      alreadyEnrolled: known?.revoked_at === null && known.fingerprint === header.parent.fingerprint,
      starter: header,
    };
  }
  const identity = readNeighbourKey(file);
  const relation = relationOf(node, identity);
  if (!relation)
    throw new OiseError(
      'ENROLL_NOT_NEIGHBOUR',
      `le nœud « ${identity.code} » (${identity.level}) n'est ni le parent ni un enfant direct de « ${node.identity.code} » : on n'enrôle que ses voisins immédiats.`,
      { file: basename(file) },
    );
  const known = await neighbourKey(node, identity.code);
  return {
    kind: 'key',
    code: identity.code,
    level: identity.level,
    fingerprint: identity.fingerprint,
    relation,
    alreadyEnrolled: known?.revoked_at === null && known.fingerprint === identity.fingerprint,
    starter: null,
  };
}

/**
 * A neighbour's key file, for a file that is not a starter package: a file that is not even
 * JSON is neither of the two files one enrols, and the refusal names both.
 */
function readNeighbourKey(file: string): PublicIdentity {
  try {
    return readPublicIdentity(file);
  } catch (error) {
    if (error instanceof OiseError && error.code === 'KEY_FILE_INVALID' && error.cause instanceof SyntaxError)
      throw new OiseError(
        'KEY_FILE_INVALID',
        "ce n'est ni un fichier de clé publique OISE (cle-CODE.json, écrit par « oise key export ») ni un paquet de démarrage (demarrage-CODE.oise, écrit par « oise enroll » chez le voisin) : demandez au nœud voisin le bon fichier.",
        { file: basename(file) },
        { cause: error },
      );
    throw error;
  }
}
