import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';

/** Entries of an xlsx (a zip): an entry workbook has a few dozen. */
export const XLSX_MAX_ENTRIES = 10_000;
/**
 * What all the entries of an xlsx may inflate to. The largest cercle's filled workbook (Ségou,
 * 28 communes, 3 051 values) inflates to 0.66 Mio: 16 Mio is about 25 times that. exceljs holds
 * every part in memory, about ten times its XML.
 */
export const XLSX_MAX_INFLATED_BYTES = 16 * 1024 * 1024;
/**
 * Rows and cells of all the sheets: Ségou's workbook has 1 213 rows and 14 880 cells; a value list
 * saved as xlsx has one row per value (3 051). The caps are about ten times the larger of those;
 * exceljs reads 150 000 cells within 250 Mo.
 */
export const XLSX_MAX_ROWS = 40_000;
export const XLSX_MAX_CELLS = 150_000;

/** Which bound a workbook passes. */
export type XlsxLimit = 'entries' | 'inflated' | 'rows' | 'cells';

/** Why a file may not be opened as a workbook, before exceljs inflates it. */
export type XlsxBounds =
  | { kind: 'ok'; entries: number; inflated: number; rows: number; cells: number }
  | { kind: 'not-zip' }
  | { kind: 'too-large'; limit: XlsxLimit; entries: number; inflated: number; rows: number; cells: number };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

interface Entry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

/**
 * Bounds an xlsx before a reader inflates it (exceljs holds every part in memory): reads the
 * zip's central directory, refuses more than `maxEntries` entries or more than `maxInflatedBytes`
 * declared uncompressed in all, then reads each entry as a stream, keeping nothing, to prove it
 * does not inflate beyond what it declares (a zip bomb lies there) and to count the rows and
 * cells of the sheets (`<row`, `<c` of `xl/worksheets/*.xml`) against `maxRows` and `maxCells`.
 * Only stored and deflated entries are readable. Reads at most a few hundred Kio at a time.
 */
export async function checkXlsxBounds(
  path: string,
  limits: { maxEntries?: number; maxInflatedBytes?: number; maxRows?: number; maxCells?: number } = {},
): Promise<XlsxBounds> {
  const maxEntries = limits.maxEntries ?? XLSX_MAX_ENTRIES;
  const maxInflated = limits.maxInflatedBytes ?? XLSX_MAX_INFLATED_BYTES;
  const maxRows = limits.maxRows ?? XLSX_MAX_ROWS;
  const maxCells = limits.maxCells ?? XLSX_MAX_CELLS;
  let entries: Entry[];
  try {
    const listed = listEntries(path, maxEntries);
    if (listed.kind !== 'ok')
      return listed.kind === 'too-many'
        ? { kind: 'too-large', limit: 'entries', entries: listed.count, inflated: 0, rows: 0, cells: 0 }
        : { kind: 'not-zip' };
    entries = listed.entries;
  } catch {
    return { kind: 'not-zip' };
  }
  const declared = entries.reduce((n, e) => n + e.uncompressed, 0);
  const seen = { entries: entries.length, inflated: declared, rows: 0, cells: 0 };
  if (declared > maxInflated) return { kind: 'too-large', limit: 'inflated', ...seen };
  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8) return { kind: 'not-zip' };
    if (e.method === 0 && e.compressed !== e.uncompressed) return { kind: 'not-zip' };
    const sheet = SHEET_ENTRY.test(e.name);
    if (e.method === 0 && !sheet) continue;
    const read = await readEntry(path, e, sheet, {
      rows: maxRows - seen.rows,
      cells: maxCells - seen.cells,
    });
    if (read === 'broken') return { kind: 'not-zip' };
    seen.rows += read.rows;
    seen.cells += read.cells;
    if (read.bytes > e.uncompressed) {
      return { kind: 'too-large', limit: 'inflated', ...seen, inflated: Math.max(declared, read.bytes) };
    }
    if (seen.rows > maxRows) return { kind: 'too-large', limit: 'rows', ...seen };
    if (seen.cells > maxCells) return { kind: 'too-large', limit: 'cells', ...seen };
  }
  return { kind: 'ok', ...seen };
}

const SHEET_ENTRY = /^xl\/worksheets\/[^/]+\.xml$/;

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
        name: cd.toString('latin1', p + 46, p + 46 + nameLength),
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

/**
 * Counts `<row` and `<c` tags (followed by a space, `>` or `/`) across chunks: the rows and
 * cells of a sheet's XML, without parsing it.
 */
class TagCounter {
  rows = 0;
  cells = 0;
  private tail = '';

  push(chunk: Buffer): void {
    const text = this.tail + chunk.toString('latin1');
    for (let i = text.indexOf('<'); i >= 0 && i < text.length - 4; i = text.indexOf('<', i + 1)) {
      const c1 = text.charCodeAt(i + 1);
      if (c1 === 0x63 /* c */ && isTagEnd(text.charCodeAt(i + 2))) this.cells++;
      else if (c1 === 0x72 /* r */ && text.startsWith('ow', i + 2) && isTagEnd(text.charCodeAt(i + 4)))
        this.rows++;
    }
    // The last four characters may open a tag the next chunk ends: they are looked at again.
    this.tail = text.slice(Math.max(0, text.length - 4));
  }
}

const isTagEnd = (code: number) => code === 0x20 || code === 0x3e || code === 0x2f || code === 0x09;

/**
 * Reads one entry as a stream, stopping one byte past what it declares, and counts a sheet's
 * rows and cells, stopping past the room left.
 */
function readEntry(
  path: string,
  entry: Entry,
  sheet: boolean,
  room: { rows: number; cells: number },
): Promise<{ bytes: number; rows: number; cells: number } | 'broken'> {
  if (entry.compressed === 0) return Promise.resolve({ bytes: 0, rows: 0, cells: 0 });
  return new Promise((resolve) => {
    const source = createReadStream(path, {
      start: entry.localOffset,
      end: entry.localOffset + entry.compressed - 1,
    });
    const inflated = entry.method === 8 ? source.pipe(createInflateRaw()) : source;
    const counter = sheet ? new TagCounter() : undefined;
    let total = 0;
    let done = false;
    const finish = (value: number | 'broken') => {
      if (done) return;
      done = true;
      source.destroy();
      inflated.destroy();
      resolve(
        value === 'broken' ? value : { bytes: value, rows: counter?.rows ?? 0, cells: counter?.cells ?? 0 },
      );
    };
    inflated.on('data', (chunk: Buffer) => {
      total += chunk.length;
      counter?.push(chunk);
      if (total > entry.uncompressed) finish(total);
      else if (counter && (counter.rows > room.rows || counter.cells > room.cells)) finish(total);
    });
    inflated.on('end', () => finish(total));
    inflated.on('error', () => finish('broken'));
    source.on('error', () => finish('broken'));
  });
}
