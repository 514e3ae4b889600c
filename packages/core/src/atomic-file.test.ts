import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { writeFileAtomic } from './atomic-file.js';

describe('writeFileAtomic', () => {
  test('writes the whole file under its name, over an older one, and leaves no temporary file', ({ tmp }) => {
    const path = join(tmp, 'rapport.xlsx');
    writeFileSync(path, 'ancien contenu, plus long que le nouveau');
    writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    writeFileAtomic(join(tmp, 'note.txt'), 'Barouéli');
    expect(readFileSync(join(tmp, 'note.txt'), 'utf8')).toBe('Barouéli');
    expect(readdirSync(tmp).sort()).toEqual(['note.txt', 'rapport.xlsx']);
  });

  test('on failure throws, removes its temporary file and leaves what was there', ({ tmp }) => {
    // A folder under the target name: the temporary file is written, the rename fails.
    const target = join(tmp, 'paquet.oise.gz');
    mkdirSync(target);
    expect(() => writeFileAtomic(target, new Uint8Array([1]))).toThrow();
    expect(readdirSync(tmp)).toEqual(['paquet.oise.gz']);
    expect(() => writeFileAtomic(join(tmp, 'absent', 'x.csv'), 'x')).toThrow(/ENOENT/);
    expect(readdirSync(tmp)).toEqual(['paquet.oise.gz']);
  });
});
