import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';

/** Entries of an xlsx (a zip): an entry workbook has a few dozen. */
export const XLSX_MAX_ENTRIES = 10_000;
/** What all the entries of an xlsx may inflate to: an entry workbook is a few Mio of XML. */
export const XLSX_MAX_INFLATED_BYTES = 128 * 1024 * 1024;

/** Why a file may not be opened as a workbook, before anything inflates it. */
export type XlsxBounds =
  | { kind: 'ok'; entries: number; inflated: number }
  | { kind: 'not-zip' }
  | { kind: 'too-large'; entries: number; inflated: number };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

interface Entry {
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

/**
 * Bounds an xlsx before a reader inflates it (exceljs holds every part in memory): reads the
 * zip's central directory, refuses more than `XLSX_MAX_ENTRIES` entries or more than
 * `XLSX_MAX_INFLATED_BYTES` declared uncompressed in all, then inflates each entry as a stream,
 * keeping nothing, to prove it does not inflate beyond what it declares (a zip bomb lies there).
 * Only stored and deflated entries are readable. Reads at most a few Mio at a time.
 */
export async function checkXlsxBounds(
  path: string,
  limits: { maxEntries?: number; maxInflatedBytes?: number } = {},
): Promise<XlsxBounds> {
  const maxEntries = limits.maxEntries ?? XLSX_MAX_ENTRIES;
  const maxInflated = limits.maxInflatedBytes ?? XLSX_MAX_INFLATED_BYTES;
  let entries: Entry[];
  try {
    const listed = listEntries(path, maxEntries);
    if (listed.kind !== 'ok')
      return listed.kind === 'too-many' ? tooLarge(listed.count, 0) : { kind: 'not-zip' };
    entries = listed.entries;
  } catch {
    return { kind: 'not-zip' };
  }
  const declared = entries.reduce((n, e) => n + e.uncompressed, 0);
  if (declared > maxInflated) return tooLarge(entries.length, declared);
  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8) return { kind: 'not-zip' };
    if (e.method === 0 && e.compressed !== e.uncompressed) return { kind: 'not-zip' };
    if (e.method === 8) {
      const inflated = await inflatedSize(path, e);
      if (inflated === 'broken') return { kind: 'not-zip' };
      if (inflated > e.uncompressed) return tooLarge(entries.length, Math.max(declared, inflated));
    }
  }
  return { kind: 'ok', entries: entries.length, inflated: declared };
}

const tooLarge = (entries: number, inflated: number): XlsxBounds => ({
  kind: 'too-large',
  entries,
  inflated,
});

function listEntries(
  path: string,
  maxEntries: number,
): { kind: 'ok'; entries: Entry[] } | { kind: 'not-zip' } | { kind: 'too-many'; count: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const read = (position: number, length: number): Buffer => {
      if (position < 0 || length < 0 || position + length > size) throw new Error('outside the file');
      const buffer = Buffer.alloc(length);
      if (readSync(fd, buffer, 0, length, position) !== length) throw new Error('short read');
      return buffer;
    };
    if (size < 22) return { kind: 'not-zip' };
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = read(size - tailLength, tailLength);
    let at = -1;
    for (let i = tailLength - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    if (at < 0) return { kind: 'not-zip' };
    let count = tail.readUInt16LE(at + 10);
    let cdSize = tail.readUInt32LE(at + 12);
    let cdOffset = tail.readUInt32LE(at + 16);
    const eocdPosition = size - tailLength + at;
    if ((count === 0xffff || cdSize === MAX32 || cdOffset === MAX32) && eocdPosition >= 20) {
      const locator = read(eocdPosition - 20, 20);
      if (locator.readUInt32LE(0) === ZIP64_LOCATOR) {
        const z = read(Number(locator.readBigUInt64LE(8)), 56);
        if (z.readUInt32LE(0) !== ZIP64_EOCD) return { kind: 'not-zip' };
        count = Number(z.readBigUInt64LE(32));
        cdSize = Number(z.readBigUInt64LE(40));
        cdOffset = Number(z.readBigUInt64LE(48));
      }
    }
    if (count > maxEntries) return { kind: 'too-many', count };
    const cd = read(cdOffset, cdSize);
    const entries: Entry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) return { kind: 'not-zip' };
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const entry: Entry = {
        method: cd.readUInt16LE(p + 10),
        compressed: cd.readUInt32LE(p + 20),
        uncompressed: cd.readUInt32LE(p + 24),
        localOffset: cd.readUInt32LE(p + 42),
      };
      // Zip64: the fields written as 0xFFFFFFFF follow in the extra field 0x0001, in this order.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const id = cd.readUInt16LE(e);
        const length = cd.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let f = e + 4;
          for (const field of ['uncompressed', 'compressed', 'localOffset'] as const)
            if (entry[field] === MAX32 && f + 8 <= e + 4 + length) {
              entry[field] = Number(cd.readBigUInt64LE(f));
              f += 8;
            }
        }
        e += 4 + length;
      }
      const local = read(entry.localOffset, 30);
      if (local.readUInt32LE(0) !== LOCAL) return { kind: 'not-zip' };
      entry.localOffset += 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (entry.localOffset + entry.compressed > size) return { kind: 'not-zip' };
      entries.push(entry);
      p += 46 + nameLength + extraLength + commentLength;
    }
    return { kind: 'ok', entries };
  } finally {
    closeSync(fd);
  }
}

/** Bytes a deflated entry really inflates to, stopping one byte past what it declares. */
function inflatedSize(path: string, entry: Entry): Promise<number | 'broken'> {
  if (entry.compressed === 0) return Promise.resolve(0);
  return new Promise((resolve) => {
    const source = createReadStream(path, {
      start: entry.localOffset,
      end: entry.localOffset + entry.compressed - 1,
    });
    const inflate = createInflateRaw();
    let total = 0;
    let done = false;
    const finish = (value: number | 'broken') => {
      if (done) return;
      done = true;
      source.destroy();
      inflate.destroy();
      resolve(value);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > entry.uncompressed) finish(total);
    });
    inflate.on('end', () => finish(total));
    inflate.on('error', () => finish('broken'));
    source.on('error', () => finish('broken'));
    source.pipe(inflate);
  });
}
