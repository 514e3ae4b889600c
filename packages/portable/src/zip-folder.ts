import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

/** One file or folder of a zip, its name with `/`, its Unix mode kept for Linux's unzip. */
export interface ZipItem {
  name: string;
  /** Absent for a folder. */
  file?: string;
  mode: number;
}

/** 1980-01-01 00:00 in MS-DOS form: the same bytes from every build (no clock in the zip). */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const MADE_BY_UNIX = (3 << 8) | 20;
const UTF8_NAMES = 0x0800;

class Fields {
  readonly bytes: Buffer;
  private at = 0;
  constructor(size: number) {
    this.bytes = Buffer.alloc(size);
  }
  u16(value: number): this {
    this.at = this.bytes.writeUInt16LE(value, this.at);
    return this;
  }
  u32(value: number): this {
    this.at = this.bytes.writeUInt32LE(value >>> 0, this.at);
    return this;
  }
}

/**
 * Writes `items` (in the order given) to the zip `out`: files deflated (stored when that is not
 * smaller), Unix modes in the external attributes so `oise` and `node` stay executable once
 * unzipped, and a fixed date. Every size must stay under 4 GiB (no zip64: a folder is ≤ 300 MB).
 * Returns the zip's size and the bytes each item takes in it (header, name and data).
 */
export function zipFolder(
  items: ZipItem[],
  out: string,
  level = 6,
): { bytes: number; packed: Map<string, number> } {
  const fd = openSync(out, 'w');
  const central: Buffer[] = [];
  const packed = new Map<string, number>();
  let offset = 0;
  const write = (b: Buffer) => {
    writeSync(fd, b);
    offset += b.length;
  };
  try {
    for (const item of items) {
      const isFolder = item.file === undefined;
      const name = Buffer.from(isFolder ? `${item.name.replace(/\/$/, '')}/` : item.name, 'utf8');
      const data = isFolder ? Buffer.alloc(0) : readFileSync(item.file!);
      const deflated = deflateRawSync(data, { level });
      const stored = deflated.length >= data.length;
      const body = stored ? data : deflated;
      const method = stored ? 0 : 8;
      const crc = crc32(data);
      const start = offset;
      // The fields a local header and its central entry share, from « version needed » on.
      const shared = (f: Fields) =>
        f.u16(20).u16(UTF8_NAMES).u16(method).u16(0).u16(DOS_DATE).u32(crc).u32(body.length).u32(data.length);
      const local = shared(new Fields(30).u32(0x04034b50)).u16(name.length).u16(0);
      write(local.bytes);
      write(name);
      write(body);
      const fileType = isFolder ? 0o040000 : 0o100000;
      const attributes = (((fileType | item.mode) << 16) | (isFolder ? 0x10 : 0)) >>> 0;
      const entry = shared(new Fields(46).u32(0x02014b50).u16(MADE_BY_UNIX))
        .u16(name.length)
        .u16(0)
        .u16(0)
        .u16(0)
        .u16(0)
        .u32(attributes)
        .u32(start);
      central.push(entry.bytes, name);
      packed.set(item.name, offset - start + entry.bytes.length + name.length);
    }
    const directory = Buffer.concat(central);
    const directoryAt = offset;
    write(directory);
    const end = new Fields(22)
      .u32(0x06054b50)
      .u16(0)
      .u16(0)
      .u16(items.length)
      .u16(items.length)
      .u32(directory.length)
      .u32(directoryAt)
      .u16(0);
    write(end.bytes);
  } finally {
    closeSync(fd);
  }
  return { bytes: statSync(out).size, packed };
}
