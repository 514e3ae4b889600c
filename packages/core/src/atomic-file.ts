import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file whole or not at all: the bytes go to a hidden temporary file beside it
 * (`.<name>.<pid>.tmp`), are flushed to the disk, then the file is renamed to its real name.
 * A power cut or a killed process never leaves a truncated bundle, report or workbook under
 * the name a person or the next node opens; on failure the temporary file is removed.
 */
export function writeFileAtomic(path: string, content: Uint8Array | string): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w', 0o644);
    try {
      for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
