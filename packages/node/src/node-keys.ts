import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { OiseError } from '@oise/core';

/** A fresh Ed25519 key pair, both halves PEM. */
export function generateNodeKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Short, human-comparable fingerprint of a public key: `SHA256:ab12…` over the DER form. */
export function fingerprintOf(publicPem: string): string {
  const der = createPublicKey(publicPem).export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256').update(der).digest('hex');
  return `SHA256:${hex.slice(0, 32).match(/.{4}/g)!.join(':')}`;
}

/** Signs bytes with the node's private key file. */
export function signWithKeyFile(privateKeyPath: string, data: Uint8Array): Buffer {
  let pem: string;
  try {
    pem = readFileSync(privateKeyPath, 'utf8');
  } catch (cause) {
    throw new OiseError(
      'KEY_MISSING',
      `La clé privée du nœud est introuvable (${privateKeyPath}). Un nœud sans clé ne peut pas signer : recréez-le avec « oise init » ou restaurez le dossier keys/.`,
      { file: privateKeyPath },
      { cause },
    );
  }
  return sign(null, data, createPrivateKey(pem));
}

/** Verifies an Ed25519 signature; false (never a throw) for a malformed key or signature. */
export function verifySignature(publicPem: string, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(null, data, createPublicKey(publicPem), signature);
  } catch {
    return false;
  }
}
