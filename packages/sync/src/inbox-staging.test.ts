import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { nodePaths } from '@oise/node';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { stageInboxFile } from './inbox-staging.js';

function chunks(total: number, size = 64 * 1024): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return this.push(null);
      const n = Math.min(size, total - sent);
      sent += n;
      this.push(Buffer.alloc(n, 7));
    },
  });
}

describe('stageInboxFile', () => {
  test('keeps a file hidden until committed, under a bundle name only when it is one', async ({ tmp }) => {
    const paths = nodePaths(tmp);
    mkdirSync(paths.inbox, { recursive: true });
    const staged = await stageInboxFile(paths, Readable.from([Buffer.from('abc'), Buffer.from('def')]), {
      maxBytes: 10,
      origin: 'web',
      name: 'ML0401-ML04-000003.oise.gz',
    });
    if (staged.kind !== 'staged') throw new Error(staged.kind);
    expect(staged.file.size).toBe(6);
    // Hidden while staged: ingest and passes skip dot files.
    expect(readdirSync(paths.inbox).every((f) => f.startsWith('.'))).toBe(true);
    const path = staged.file.commit();
    expect(path).toMatch(/inbox\/web-[0-9a-f]{12}-ML0401-ML04-000003\.oise\.gz$/);
    expect(readFileSync(path, 'utf8')).toBe('abcdef');

    const odd = await stageInboxFile(paths, Readable.from([Buffer.from('x')]), {
      maxBytes: 10,
      origin: 'web',
      name: '../../etc/passwd',
    });
    if (odd.kind !== 'staged') throw new Error(odd.kind);
    expect(odd.file.commit()).toMatch(/inbox\/web-[0-9a-f]{12}-paquet\.oise\.gz$/);

    const dropped = await stageInboxFile(paths, Readable.from([Buffer.from('y')]), {
      maxBytes: 10,
      origin: 'web',
    });
    if (dropped.kind !== 'staged') throw new Error(dropped.kind);
    dropped.file.discard();
    expect(readdirSync(paths.inbox)).toHaveLength(2);
  });

  test('over the cap: nothing kept, and the rest of the source still read to its end', async ({ tmp }) => {
    const paths = nodePaths(tmp);
    mkdirSync(paths.inbox, { recursive: true });
    const source = chunks(1024 * 1024);
    const outcome = await stageInboxFile(paths, source, { maxBytes: 100_000, origin: 'web' });
    expect(outcome).toEqual({ kind: 'too-large', size: 1024 * 1024 });
    expect(source.readableEnded).toBe(true);
    expect(readdirSync(paths.inbox)).toEqual([]);
    expect(existsSync(join(paths.inbox, 'applied'))).toBe(false);
  });

  test('a source that breaks off leaves nothing', async ({ tmp }) => {
    const paths = nodePaths(tmp);
    mkdirSync(paths.inbox, { recursive: true });
    const source = new Readable({
      read() {
        this.push(Buffer.alloc(1000));
        this.destroy(new Error('connexion coupée'));
      },
    });
    expect(await stageInboxFile(paths, source, { maxBytes: 10_000, origin: 'web' })).toEqual({
      kind: 'aborted',
    });
    expect(readdirSync(paths.inbox)).toEqual([]);
  });
});
