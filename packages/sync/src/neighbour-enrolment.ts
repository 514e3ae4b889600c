import { basename } from 'node:path';
import { OiseError } from '@oise/core';
import {
  type EnrolmentResult,
  type Node,
  acquireNodeLock,
  enrollIdentity,
  publicIdentityOf,
  readPublicIdentity,
} from '@oise/node';
import {
  type StarterApplied,
  type StarterWritten,
  applyStarterPackage,
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
  const identity = readPublicIdentity(file);
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
