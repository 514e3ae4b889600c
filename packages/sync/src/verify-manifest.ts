import { type ErrorCode, OiseError } from '@oise/core';
import type { Node } from '@oise/node';
import { SYNCED_TABLES, type TrustedKey } from '@oise/schema';
import { type ReadBundle, hasValidContentHash, hasValidSignature } from './bundle-codec.js';
import type { BundleManifest } from './bundle-format.js';
import { NEWEST_SCHEMA, OISE_VERSION, isKnownSchemaVersion } from './schema-compat.js';

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function refuse(code: ErrorCode, message: string): never {
  throw new OiseError(code, message);
}

/** The key a manifest's sender is enrolled with here (revoked or not); null when none. */
async function enrolledKey(node: Node, sender: unknown): Promise<TrustedKey | null> {
  if (typeof sender !== 'string') return null;
  const key = await node.db
    .selectFrom('trusted_key')
    .selectAll()
    .where('node_code', '=', sender)
    .executeTakeFirst();
  return key ?? null;
}

/**
 * The first checks of SPEC [V5]–[V6], on the manifest alone: it names this node as recipient
 * and a sender enrolled here whose key is not revoked. Returns that key; throws an OiseError
 * otherwise. The HTTP inbox runs it on the manifest peeked from an upload's first bytes
 * (manifest-peek.ts), so a stranger's body is cut off before it is read.
 */
export async function addressedKey(node: Node, manifest: Partial<BundleManifest>): Promise<TrustedKey> {
  const m = manifest;
  const me = node.identity.code;
  if (typeof m.sender !== 'string' || typeof m.recipient !== 'string') {
    refuse('BUNDLE_FORMAT', 'le manifeste ne dit pas qui envoie (sender) ni à qui (recipient).');
  }
  if (m.recipient !== me) {
    refuse(
      'BUNDLE_WRONG_RECIPIENT',
      `ce paquet est destiné à ${m.recipient}, pas à ce nœud (${me}) : remettez-le au bon destinataire.`,
    );
  }
  const key = await enrolledKey(node, m.sender);
  if (!key) {
    refuse(
      'BUNDLE_UNKNOWN_SENDER',
      `l'expéditeur ${m.sender} n'est pas enrôlé sur ce nœud : sa clé est inconnue. Enrôlez-le (oise enroll) si c'est bien un voisin, puis redéposez le paquet.`,
    );
  }
  if (key.revoked_at !== null) {
    refuse(
      'BUNDLE_REVOKED_SENDER',
      `la clé de ${m.sender} a été révoquée le ${key.revoked_at} : ses paquets sont refusés. Enrôlez sa nouvelle clé pour les accepter.`,
    );
  }
  return key;
}

/**
 * True when a parsed bundle carries a valid signature by the key its sender is enrolled with
 * here (revoked or not): a refusal of such a bundle is the sender's own, counted against it;
 * any other refusal cannot be tied to a key (« expéditeur inconnu »).
 */
export async function signedByEnrolledKey(node: Node, bundle: ReadBundle | undefined): Promise<boolean> {
  if (!bundle) return false;
  const key = await enrolledKey(node, bundle.manifest.sender);
  try {
    return key !== null && hasValidSignature(bundle, key.public_key);
  } catch {
    return false;
  }
}

/**
 * Checks a parsed bundle's manifest against this node, in the order of SPEC [V5]–[V11]:
 * recipient, enrolled sender, signature, content hash, schema version, direction, sequence
 * and bookkeeping fields. Returns the sender's trusted key; throws an OiseError otherwise.
 */
export async function verifyManifest(node: Node, bundle: ReadBundle): Promise<TrustedKey> {
  const m = bundle.manifest;
  const key = await addressedKey(node, m);
  if (!hasValidSignature(bundle, key.public_key)) {
    refuse(
      'BUNDLE_BAD_SIGNATURE',
      `la signature ne correspond pas à la clé enrôlée de ${m.sender} (${key.fingerprint}) : le paquet a été modifié ou signé par une autre clé. Ne l'appliquez pas ; demandez à ${m.sender} de le renvoyer.`,
    );
  }
  if (!hasValidContentHash(bundle)) {
    refuse(
      'BUNDLE_BAD_HASH',
      "l'empreinte SHA-256 des données ne correspond pas au manifeste : le paquet est abîmé. Demandez à l'expéditeur de le renvoyer.",
    );
  }
  if (!isKnownSchemaVersion(m.schemaVersion)) refuse('BUNDLE_SCHEMA', newerSchemaMessage(m));
  const expected = key.relation === 'child' ? 'up' : 'down';
  if (m.direction !== expected) {
    refuse(
      'BUNDLE_DIRECTION',
      key.relation === 'child'
        ? `${m.sender} est un enfant de ce nœud : il ne peut envoyer que des paquets montants, pas « ${String(m.direction)} ».`
        : `${m.sender} est le parent de ce nœud : il ne peut envoyer que des paquets descendants, pas « ${String(m.direction)} ».`,
    );
  }
  if (!Number.isInteger(m.sequence) || m.sequence < 1) {
    refuse('BUNDLE_SEQUENCE', `numéro de séquence « ${String(m.sequence)} » invalide (entier ≥ 1 attendu).`);
  }
  const changes = m.changes;
  const ack = m.ack;
  if (
    !changes ||
    !isCount(changes.from) ||
    !isCount(changes.to) ||
    changes.from > changes.to ||
    !ack ||
    !isCount(ack.sequence) ||
    !isCount(ack.localSeq) ||
    !isCount(m.rowCount) ||
    !m.counts ||
    typeof m.counts !== 'object' ||
    !Array.isArray(m.quarters)
  ) {
    refuse(
      'BUNDLE_SEQUENCE',
      'le manifeste a des compteurs illisibles (changes, ack, counts ou rowCount) : demandez un nouveau paquet.',
    );
  }
  const skippable = new Set(Array.isArray(m.skippable) ? m.skippable.map(String) : []);
  for (const [table, n] of Object.entries(m.counts)) {
    if (!(Object.hasOwn(SYNCED_TABLES, table) || skippable.has(table)) || !isCount(n)) {
      refuse(
        'BUNDLE_SEQUENCE',
        `le manifeste compte une table inconnue ou un nombre invalide (« ${table} »).`,
      );
    }
  }
  return key;
}

/**
 * Why a bundle needing a newer schema is refused, naming the versions at both ends (SPEC [V9]):
 * what the bundle needs, what the sender runs (`writer`), what this program knows.
 */
export function newerSchemaMessage(m: Pick<BundleManifest, 'schemaVersion' | 'writer' | 'sender'>): string {
  const needed = String(m.schemaVersion);
  const writer =
    m.writer && typeof m.writer.oise === 'string' && typeof m.writer.schemaVersion === 'string'
      ? m.writer
      : null;
  const sender = typeof m.sender === 'string' ? m.sender : "l'expéditeur";
  return [
    `ce paquet demande une version d'OISE qui connaît le schéma « ${needed} »`,
    ` ; ce poste a OISE ${OISE_VERSION}, qui s'arrête au schéma « ${NEWEST_SCHEMA} »`,
    writer ? ` ; ${sender} l'a écrit avec OISE ${writer.oise} (schéma « ${writer.schemaVersion} »)` : '',
    `. Installez sur ce poste OISE ${writer ? `${writer.oise} ou plus récent` : 'à jour'}, puis redéposez le paquet : rien n'a été enregistré.`,
  ].join('');
}
