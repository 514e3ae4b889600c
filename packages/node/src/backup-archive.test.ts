import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { OiseError } from '@oise/core';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { type ArchiveEntryName, readArchive, writeArchive } from './backup-archive.js';

async function refusal(promise: Promise<unknown>): Promise<OiseError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OiseError) return error;
    throw error;
  }
  throw new Error('the archive was accepted');
}

function inputs(tmp: string) {
  mkdirSync(join(tmp, 'src'), { recursive: true });
  // A database larger than a gzip chunk, not a multiple of 512 bytes.
  const big = Buffer.alloc(300_001, 7);
  for (let i = 0; i < big.length; i += 97) big[i] = i % 251;
  writeFileSync(join(tmp, 'src', 'manifest.json'), '{"format":"oise-sauvegarde"}');
  writeFileSync(join(tmp, 'src', 'node.sqlite'), big);
  writeFileSync(join(tmp, 'src', 'private.pem'), 'secret');
  return [
    { name: 'manifest.json' as const, path: join(tmp, 'src', 'manifest.json'), mode: 0o644 },
    { name: 'node.sqlite' as const, path: join(tmp, 'src', 'node.sqlite'), mode: 0o644 },
    { name: 'keys/private.pem' as const, path: join(tmp, 'src', 'private.pem'), mode: 0o600 },
  ];
}

describe('backup archives', () => {
  test('a written archive reads back whole, with tar too, and extracts with the key private', async ({
    tmp,
  }) => {
    const out = join(tmp, 'b.tar.gz');
    await writeArchive(out, inputs(tmp), { mtime: 1_744_000_000, fileMode: 0o600 });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(execFileSync('tar', ['-tvzf', out], { encoding: 'utf8' })).toMatch(
      /-rw------- .* keys\/private\.pem/,
    );
    const extracted = join(tmp, 'x');
    mkdirSync(extracted);
    const back = await readArchive(out, { extractTo: extracted });
    expect(back.manifest).toBe('{"format":"oise-sauvegarde"}');
    expect(back.entries.map((e) => [e.name, e.size])).toEqual([
      ['manifest.json', 28],
      ['node.sqlite', 300_001],
      ['keys/private.pem', 6],
    ]);
    expect(
      readFileSync(join(extracted, 'node.sqlite')).equals(readFileSync(join(tmp, 'src', 'node.sqlite'))),
    ).toBe(true);
    expect(statSync(join(extracted, 'keys')).mode & 0o777).toBe(0o700);
    expect(statSync(join(extracted, 'keys', 'private.pem')).mode & 0o777).toBe(0o600);
  });

  test('names outside the fixed set, a missing end and trailing data are refused', async ({ tmp }) => {
    const hostile = join(tmp, 'hostile.tar.gz');
    const [manifest] = inputs(tmp);
    await writeArchive(hostile, [manifest!, { ...manifest!, name: '../../evil' as ArchiveEntryName }], {
      mtime: 0,
      fileMode: 0o644,
    });
    const extracted = join(tmp, 'x');
    mkdirSync(extracted);
    const error = await refusal(readArchive(hostile, { extractTo: extracted }));
    expect(error.code).toBe('BACKUP_UNREADABLE');
    expect(error.message).toMatch(/élément inattendu « \.\.\/\.\.\/evil »/);
    expect(existsSync(join(tmp, '..', 'evil'))).toBe(false);

    const good = join(tmp, 'b.tar.gz');
    await writeArchive(good, inputs(tmp), { mtime: 0, fileMode: 0o644 });
    const tar = gunzipSync(readFileSync(good));
    const cut = join(tmp, 'sans-fin.tar.gz');
    writeFileSync(cut, gzipSync(tar.subarray(0, tar.length - 1024)));
    expect((await refusal(readArchive(cut))).message).toMatch(/fin de l’archive absente/);
    const trailing = join(tmp, 'suite.tar.gz');
    writeFileSync(trailing, gzipSync(Buffer.concat([tar, Buffer.from('encore')])));
    expect((await refusal(readArchive(trailing))).message).toMatch(/des données suivent la fin/);
    const notGzip = join(tmp, 'texte.tar.gz');
    writeFileSync(notGzip, 'bonjour');
    expect((await refusal(readArchive(notGzip))).message).toMatch(/n'est pas un \.tar\.gz/);
  });
});
