/**
 * Decodes a text file as Excel and LibreOffice write them: UTF-8 (with or without BOM),
 * « Texte Unicode » (UTF-16 with its BOM), or the « CSV (séparateur : point-virgule) » of
 * French Excel on Windows, which is Windows-1252 — read as such when the bytes are not UTF-8.
 */
export function decodeTextFile(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
