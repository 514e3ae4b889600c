import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync, inflateRawSync } from 'node:zlib';

/**
 * Every byte a node folder shows the world, decompressed: plain files as they are, `.gz`
 * bundles gunzipped, `.xlsx`/`.zip` workbooks entry by entry (read from the ZIP central
 * directory). Used to prove that a private key never leaves `keys/`.
 */
export function* readableContents(
  root: string,
  skip: (rel: string) => boolean,
): Generator<{ file: string; text: string }> {
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const rel = relative(root, path);
    if (skip(rel)) continue;
    const bytes = readFileSync(path);
    yield { file: rel, text: bytes.toString('latin1') };
    if (entry.name.endsWith('.gz')) {
      try {
        yield { file: `${rel} (gunzip)`, text: gunzipSync(bytes).toString('utf8') };
      } catch {
        // not gzip after all: the raw bytes were scanned
      }
    }
    if (bytes.subarray(0, 2).toString('latin1') === 'PK') {
      for (const part of zipEntries(bytes)) yield { file: `${rel}!${part.name}`, text: part.text };
    }
  }
}

/** The entries of a ZIP file (stored or deflated), from its central directory. */
export function zipEntries(zip: Buffer): { name: string; text: string }[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return [];
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out: { name: string; text: string }[] = [];
  for (let i = 0; i < count && zip.readUInt32LE(at) === 0x02014b50; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + size);
    try {
      out.push({ name, text: (method === 8 ? inflateRawSync(data) : data).toString('utf8') });
    } catch {
      out.push({ name, text: data.toString('latin1') });
    }
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

/** The base64 body of a PEM key (what a leak would show, whatever the wrapping). */
export function pemBody(pem: string): string {
  return pem
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .join('');
}
