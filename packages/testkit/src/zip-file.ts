import { once } from 'node:events';
import { chmodSync, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createDeflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One entry of a test zip: its bytes, deflated; `declaredSize` makes it lie about its inflated size. */
export interface ZipEntry {
  name: string;
  data: Buffer;
  declaredSize?: number;
}

/** A zip record: its little-endian fields at their offsets ([offset, bits, value]). */
function record(size: number, fields: [number, 16 | 32, number][]): Buffer {
  const b = Buffer.alloc(size);
  for (const [at, bits, value] of fields) {
    if (bits === 16) b.writeUInt16LE(value, at);
    else b.writeUInt32LE(value, at);
  }
  return b;
}

function localHeader(name: Buffer, crc: number, packed: number, size: number): Buffer {
  const fields: [number, 16 | 32, number][] = [
    [0, 32, 0x04034b50],
    [4, 16, 20],
    [6, 16, 0x0800],
    [8, 16, 8],
    [14, 32, crc],
    [18, 32, packed],
    [22, 32, size],
    [26, 16, name.length],
  ];
  return Buffer.concat([record(30, fields), name]);
}

function centralHeader(name: Buffer, crc: number, packed: number, size: number, offset: number): Buffer {
  const fields: [number, 16 | 32, number][] = [
    [0, 32, 0x02014b50],
    [4, 16, 20],
    [6, 16, 20],
    [8, 16, 0x0800],
    [10, 16, 8],
    [16, 32, crc],
    [20, 32, packed],
    [24, 32, size],
    [28, 16, name.length],
    [42, 32, offset],
  ];
  return Buffer.concat([record(46, fields), name]);
}

function endRecord(entries: number, directoryLength: number, directoryOffset: number): Buffer {
  return record(22, [
    [0, 32, 0x06054b50],
    [8, 16, entries],
    [10, 16, entries],
    [12, 32, directoryLength],
    [16, 32, directoryOffset],
  ]);
}

/**
 * Writes a zip (deflated entries, central directory) as hostile files are made: with
 * `declaredSize`, an entry says it inflates to less than it does (a zip bomb's lie).
 */
export function writeZipFile(path: string, entries: ZipEntry[]): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = deflateRawSync(e.data, { level: 9 });
    const crc = crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = localHeader(name, crc, packed.length, size);
    locals.push(local, packed);
    centrals.push(centralHeader(name, crc, packed.length, size, offset));
    offset += local.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  writeFileSync(
    path,
    Buffer.concat([...locals, directory, endRecord(entries.length, directory.length, offset)]),
  );
}

/**
 * Writes a zip of one entry, `chunk` repeated `count` times, deflated as a stream (never held
 * whole): a sheet that inflates to gigabytes from a file of a few. The directory gives the real
 * size (at most 4 GiB − 1), or `declaredSize` (a lie); the CRC is left 0, since only the sizes
 * are what a reader bounds.
 */
export async function writeStreamedZipFile(
  path: string,
  entry: { name: string; chunk: Buffer; count: number; declaredSize?: number },
): Promise<void> {
  const name = Buffer.from(entry.name, 'utf8');
  const out = createWriteStream(path);
  const local = localHeader(name, 0, 0, 0);
  out.write(local);
  let packed = 0;
  const deflate = createDeflateRaw({ level: 1 });
  deflate.on('data', (d: Buffer) => {
    packed += d.length;
    out.write(d);
  });
  const ended = once(deflate, 'end');
  for (let i = 0; i < entry.count; i++) if (!deflate.write(entry.chunk)) await once(deflate, 'drain');
  deflate.end();
  await ended;
  const size = entry.declaredSize ?? Math.min(entry.chunk.length * entry.count, 0xffffffff);
  const central = centralHeader(name, 0, packed, size, 0);
  out.end(Buffer.concat([central, endRecord(1, central.length, local.length + packed)]));
  await once(out, 'finish');
}

/**
 * Unzips `file` into `dir` as Linux's unzip would, from its central directory: folders, files
 * (stored or deflated, CRC checked) and the Unix modes a zip made on Unix carries. Returns the
 * names unzipped. Refuses a name that climbs out of `dir`.
 */
export function extractZip(file: string, dir: string): string[] {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file} : pas de répertoire central`);
  const count = zip.readUInt16LE(end + 10);
  const names: string[] = [];
  for (let i = 0, at = zip.readUInt32LE(end + 16); i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file} : entrée ${i} illisible`);
    const [method, crc, packed] = [
      zip.readUInt16LE(at + 10),
      zip.readUInt32LE(at + 16),
      zip.readUInt32LE(at + 20),
    ];
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const mode = (zip.readUInt32LE(at + 38) >>> 16) & 0o777;
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + skip;
    if (name.split('/').includes('..')) throw new Error(`${file} : « ${name} » sort du dossier`);
    names.push(name);
    const target = join(dir, name);
    if (name.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + packed);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    if (crc32(data) !== crc) throw new Error(`${file} : « ${name} » abîmé (CRC)`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
    if (mode) chmodSync(target, mode);
  }
  return names;
}
