import { type Gunzip, createGunzip } from 'node:zlib';
import { BUNDLE_FORMAT } from './bundle-format.js';

/** A manifest line is a few kilobytes; more than this before the first newline is not one. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/** What the first line of a gzip stream turned out to be. */
export type PeekResult =
  | { kind: 'manifest'; manifest: Record<string, unknown> }
  | { kind: 'not-gzip' }
  | { kind: 'not-a-manifest' };

/** A manifest peek fed chunk by chunk; `result` settles as soon as the first line is known. */
export interface ManifestPeek {
  /** Feeds the next compressed bytes (ignored once the result is known); `done` once inflated. */
  write(chunk: Buffer, done?: () => void): void;
  /** No more bytes: a stream that ended before its first line is not a bundle. */
  end(): void;
  readonly result: Promise<PeekResult>;
  /** The result as soon as it is known (the same as `result` resolves to), null before. */
  readonly known: PeekResult | null;
  /** Compressed bytes fed before the result was known. */
  readonly bytesFed: number;
}

/**
 * Reads the manifest of a bundle from its first compressed bytes (SPEC §1: line 1 of the gzip
 * text is the manifest), without waiting for the rest: an HTTP upload is judged on its sender
 * and recipient before its body is read, and a file of the inbox is recognised by its first
 * line. Inflates at most `MAX_MANIFEST_BYTES` of text; never holds more.
 */
export function startManifestPeek(): ManifestPeek {
  let gunzip: Gunzip | null = null;
  let checkedMagic = false;
  let fed = 0;
  let settled = false;
  let known: PeekResult | null = null;
  let resolve: (r: PeekResult) => void = () => {};
  const result = new Promise<PeekResult>((r) => {
    resolve = r;
  });
  const chunks: Buffer[] = [];
  let size = 0;
  // Writes not yet answered: a destroyed inflater never calls their callbacks, settling does.
  const waiting = new Set<() => void>();
  const settle = (r: PeekResult) => {
    if (settled) return;
    settled = true;
    known = r;
    chunks.length = 0;
    gunzip?.destroy();
    resolve(r);
    for (const w of [...waiting]) w();
  };
  const inflater = (): Gunzip => {
    const g = createGunzip();
    g.on('data', (chunk: Buffer) => {
      if (settled) return;
      const end = chunk.indexOf(0x0a);
      if (end < 0) {
        chunks.push(chunk);
        size += chunk.length;
        if (size > MAX_MANIFEST_BYTES) settle({ kind: 'not-a-manifest' });
        return;
      }
      chunks.push(chunk.subarray(0, end));
      settle(parseManifestLine(Buffer.concat(chunks).toString('utf8')));
    });
    // Truncated or damaged gzip: no complete first line came out.
    g.on('error', () => settle({ kind: 'not-a-manifest' }));
    g.on('end', () => settle({ kind: 'not-a-manifest' }));
    return g;
  };
  return {
    result,
    get known() {
      return known;
    },
    get bytesFed() {
      return fed;
    },
    write(chunk, done = () => {}) {
      if (settled || chunk.length === 0) {
        done();
        return;
      }
      fed += chunk.length;
      if (!checkedMagic) {
        checkedMagic = true;
        if (chunk[0] !== 0x1f || (chunk.length > 1 && chunk[1] !== 0x8b)) {
          settle({ kind: 'not-gzip' });
          done();
          return;
        }
        gunzip = inflater();
      }
      // The inflater's output events run before its write callback.
      const answer = () => {
        if (waiting.delete(answer)) setImmediate(done);
      };
      waiting.add(answer);
      gunzip?.write(chunk, answer);
    },
    end() {
      if (settled) return;
      if (!gunzip) settle({ kind: 'not-gzip' });
      else gunzip.end();
    },
  };
}

function parseManifestLine(line: string): PeekResult {
  try {
    const manifest: unknown = JSON.parse(line);
    if (
      typeof manifest === 'object' &&
      manifest !== null &&
      (manifest as { format?: unknown }).format === BUNDLE_FORMAT
    )
      return { kind: 'manifest', manifest: manifest as Record<string, unknown> };
  } catch {
    // Not JSON: not a manifest.
  }
  return { kind: 'not-a-manifest' };
}

/** The manifest peek over a readable source (a file): reads only until the first line is known. */
export async function peekManifest(source: AsyncIterable<Buffer> & { destroy(): void }): Promise<PeekResult> {
  const peek = startManifestPeek();
  try {
    for await (const chunk of source) {
      await new Promise<void>((r) => peek.write(chunk, r));
      if (peek.known) break;
    }
    peek.end();
    return await peek.result;
  } finally {
    source.destroy();
  }
}
