import { OiseError } from '@oise/core';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** True when `bytes` start with the eight PNG signature bytes. */
export function hasPngSignature(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Width and height from a PNG's IHDR chunk; a French error when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ihdr = bytes.length >= 24 ? String.fromCharCode(...bytes.subarray(12, 16)) : '';
  if (!hasPngSignature(bytes) || ihdr !== 'IHDR') {
    throw new OiseError(
      'REPORT_PNG_INVALID',
      "Ce fichier n'est pas une image PNG valide (signature ou en-tête IHDR absent).",
    );
  }
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
