import { createHash, createPublicKey, verify } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { signWithKeyFile } from '@oise/node';

/**
 * Opening and re-sealing bundles by hand, as a tamperer with (or without) the sender's key
 * would: the manifest as an object, the row lines as text, the signature recomputed over
 * whatever the lines now say.
 */
export interface OpenBundle {
  manifest: Record<string, unknown>;
  rows: string[];
}

/** Splits a genuine bundle (SPEC [B3]) into its manifest object and row lines. */
export function openBundle(gz: Uint8Array): OpenBundle {
  const lines = gunzipSync(gz).toString('utf8').split('\n');
  lines.pop(); // the text ends with a newline
  lines.pop(); // the signature
  const [manifest, ...rows] = lines;
  return { manifest: JSON.parse(manifest ?? '{}') as Record<string, unknown>, rows };
}

export interface Signer {
  privateKeyPath: string;
  fingerprint: string;
}

/**
 * Writes the lines back as a bundle: with `fixHash` the manifest's `contentSha256` matches the
 * rows, with `fixCounts` its `rowCount`/`counts` too; signed by `signer` (or carrying a junk
 * signature when none); gzip at `level`.
 */
export function sealBundle(
  b: OpenBundle,
  options: { signer?: Signer; fixHash: boolean; fixCounts: boolean; level: number },
): Buffer {
  const content = Buffer.from(b.rows.map((r) => `${r}\n`).join(''), 'utf8');
  const manifest = { ...b.manifest };
  if (options.fixCounts) {
    const counts: Record<string, number> = Object.fromEntries(
      Object.keys((manifest.counts as Record<string, number>) ?? {}).map((t) => [t, 0]),
    );
    let total = 0;
    for (const line of b.rows) {
      total++;
      try {
        const table = (JSON.parse(line) as { table?: unknown }).table;
        if (typeof table === 'string') counts[table] = (counts[table] ?? 0) + 1;
      } catch {
        // an unreadable line counts in the total only
      }
    }
    manifest.counts = counts;
    manifest.rowCount = total;
  }
  if (options.fixHash) manifest.contentSha256 = createHash('sha256').update(content).digest('hex');
  const head = Buffer.from(`${JSON.stringify(manifest)}\n`, 'utf8');
  const signed = Buffer.concat([head, content]);
  const signer = options.signer;
  const signature = signer
    ? {
        signature: signWithKeyFile(signer.privateKeyPath, signed).toString('base64'),
        algorithm: 'ed25519',
        keyFingerprint: signer.fingerprint,
        // SPEC [B4]: a manifest that says so is signed on its own too.
        ...(manifest.manifestSigned === true
          ? { manifestSignature: signWithKeyFile(signer.privateKeyPath, head).toString('base64') }
          : {}),
      }
    : {
        signature: Buffer.alloc(64, 7).toString('base64'),
        algorithm: 'ed25519',
        keyFingerprint: 'SHA256:0000',
      };
  return gzipSync(Buffer.concat([signed, Buffer.from(`${JSON.stringify(signature)}\n`, 'utf8')]), {
    level: options.level,
  });
}

/**
 * Our own, independent check that a file is what the holder of `publicPem` signed: gunzip,
 * last line = signature over every line before it, or (SPEC [B4], `manifestSigned`) its
 * `manifestSignature` over line 1 with rows whose SHA-256 is the manifest's `contentSha256`.
 * An applied bundle for which this is false is an accepted forgery.
 */
export function genuinelySigned(gz: Uint8Array, publicPem: string): boolean {
  try {
    const bytes = gunzipSync(gz);
    if (bytes[bytes.length - 1] !== 0x0a) return false;
    const lastStart = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
    const sig = JSON.parse(bytes.subarray(lastStart, bytes.length - 1).toString('utf8')) as {
      signature?: unknown;
      manifestSignature?: unknown;
    };
    const key = createPublicKey(publicPem);
    const checks = (signed: Uint8Array, s: unknown) =>
      typeof s === 'string' && verify(null, signed, key, Buffer.from(s, 'base64'));
    if (checks(bytes.subarray(0, lastStart), sig.signature)) return true;
    const firstEnd = bytes.indexOf(0x0a) + 1;
    const manifest = JSON.parse(bytes.subarray(0, firstEnd).toString('utf8')) as {
      manifestSigned?: unknown;
      contentSha256?: unknown;
    };
    const rowsSha = createHash('sha256').update(bytes.subarray(firstEnd, lastStart)).digest('hex');
    return (
      manifest.manifestSigned === true &&
      rowsSha === manifest.contentSha256 &&
      checks(bytes.subarray(0, firstEnd), sig.manifestSignature)
    );
  } catch {
    return false;
  }
}
