import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import type ExcelJS from 'exceljs';

/**
 * Manual page breaks between columns, which exceljs does not write (it writes row breaks only).
 * A sheet's breaks are recorded here and put into its XML when the workbook is serialised by
 * `workbookBytes`, so that a printed page never cuts an indicator's columns in two.
 */
const columnBreaks = new WeakMap<ExcelJS.Worksheet, number[]>();

/** A page break after 1-based column `column`: the next column starts a new page. */
export function addColumnBreak(ws: ExcelJS.Worksheet, column: number): void {
  const breaks = columnBreaks.get(ws) ?? [];
  if (!breaks.includes(column)) breaks.push(column);
  columnBreaks.set(ws, breaks);
}

/** The column breaks recorded for a sheet, in order. */
export function columnBreaksOf(ws: ExcelJS.Worksheet): number[] {
  return [...(columnBreaks.get(ws) ?? [])].sort((a, b) => a - b);
}

/** The .xlsx bytes of a workbook, with the column breaks recorded for its sheets. */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const zip = new Uint8Array(await wb.xlsx.writeBuffer());
  const edits = new Map<string, (xml: string) => string>();
  for (const ws of wb.worksheets) {
    const breaks = columnBreaksOf(ws);
    if (breaks.length) edits.set(`xl/worksheets/sheet${ws.id}.xml`, (xml) => withColumnBreaks(xml, breaks));
  }
  return edits.size ? rewriteZipEntries(zip, edits) : zip;
}

/**
 * Elements that follow `colBreaks` in a worksheet (ECMA-376 CT_Worksheet order): the breaks
 * go before the first of them that is present.
 */
const AFTER_COL_BREAKS = [
  '<customProperties',
  '<cellWatches',
  '<ignoredErrors',
  '<smartTags',
  '<drawing',
  '<legacyDrawing',
  '<legacyDrawingHF',
  '<drawingHF',
  '<picture',
  '<oleObjects',
  '<controls',
  '<webPublishItems',
  '<tableParts',
  '<extLst',
  '</worksheet>',
];

function withColumnBreaks(xml: string, breaks: number[]): string {
  // `id` is the 0-based column the break sits left of, i.e. the 1-based column it follows.
  const element = `<colBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks
    .map((c) => `<brk id="${c}" max="1048575" man="1"/>`)
    .join('')}</colBreaks>`;
  const at = Math.min(...AFTER_COL_BREAKS.map((tag) => xml.indexOf(tag)).filter((i) => i >= 0));
  return `${xml.slice(0, at)}${element}${xml.slice(at)}`;
}

/**
 * Rewrites a ZIP archive with some entries' text replaced: every entry is copied (stored or
 * deflated as it was), the edited ones deflated again with their new CRC and sizes, and the
 * central directory rebuilt. No data descriptors in the result.
 */
export function rewriteZipEntries(
  zip: Uint8Array,
  edits: ReadonlyMap<string, (text: string) => string>,
): Uint8Array {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error('not a ZIP archive: end of central directory not found');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt ZIP central directory');
    const nameLength = buf.readUInt16LE(p + 28);
    const recordLength = 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const record = Buffer.from(buf.subarray(p, p + recordLength));
    const name = buf.subarray(p + 46, p + 46 + nameLength);
    const local = buf.readUInt32LE(p + 42);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    let data: Buffer = buf.subarray(dataStart, dataStart + buf.readUInt32LE(p + 20));
    const edit = edits.get(name.toString('utf8'));
    if (edit) {
      const method = buf.readUInt16LE(p + 10);
      const text = edit((method === 8 ? inflateRawSync(data) : data).toString('utf8'));
      const raw = Buffer.from(text, 'utf8');
      data = deflateRawSync(raw);
      record.writeUInt16LE(8, 10);
      record.writeUInt32LE(crc32(raw), 16);
      record.writeUInt32LE(data.length, 20);
      record.writeUInt32LE(raw.length, 24);
    }
    record.writeUInt16LE(record.readUInt16LE(8) & ~0x8, 8);
    record.writeUInt32LE(offset, 42);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(record.readUInt16LE(6), 4); // version needed
    record.copy(header, 6, 8, 28); // flags, method, time, date, CRC, sizes
    header.writeUInt16LE(nameLength, 26);
    header.writeUInt16LE(0, 28);
    parts.push(header, name, data);
    offset += header.length + name.length + data.length;
    central.push(record);
    p += recordLength;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directory, end]));
}
