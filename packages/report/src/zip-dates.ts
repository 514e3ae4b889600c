/**
 * Sets every entry's modification date in a ZIP archive (an .xlsx) to `date`, so that the same
 * data written twice gives the same bytes (exceljs stamps entries with the current time).
 * Walks the central directory from the end record; entries' contents and CRCs are untouched.
 */
export function setZipEntryDates(zip: Uint8Array, date: Date): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a ZIP archive: end of central directory not found');
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const dosTime =
    (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  for (let n = 0; n < entries; n++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error('corrupt ZIP central directory');
    view.setUint16(p + 12, dosTime, true);
    view.setUint16(p + 14, dosDate, true);
    const local = view.getUint32(p + 42, true);
    if (view.getUint32(local, true) === 0x04034b50) {
      view.setUint16(local + 10, dosTime, true);
      view.setUint16(local + 12, dosDate, true);
    }
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}
