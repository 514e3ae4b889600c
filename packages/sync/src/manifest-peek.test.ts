import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { MAX_MANIFEST_BYTES, peekManifest, startManifestPeek } from './manifest-peek.js';

const manifest = { format: 'oise-bundle', sender: 'ML0401', recipient: 'ML04', sequence: 3 };

describe('the manifest peek', () => {
  test('reads the first line from the first bytes, fed one byte at a time, without the rest', async () => {
    // The manifest, then 5 MB of rows that must not be needed to know it.
    const body = gzipSync(
      Buffer.concat([Buffer.from(`${JSON.stringify(manifest)}\n`), Buffer.alloc(5e6, 0x61)]),
    );
    const peek = startManifestPeek();
    let fed = 0;
    while (!peek.known && fed < body.length) {
      await new Promise<void>((r) => peek.write(body.subarray(fed, fed + 1), r));
      fed++;
    }
    expect(peek.known).toEqual({ kind: 'manifest', manifest });
    expect(await peek.result).toEqual({ kind: 'manifest', manifest });
    expect(peek.bytesFed).toBeLessThan(200);
  });

  test('not gzip, gzip of something else, a first line past 1 MiB, a stream cut short', async () => {
    const not = startManifestPeek();
    not.write(Buffer.from('PK\u0003\u0004'));
    expect(await not.result).toEqual({ kind: 'not-gzip' });

    const other = startManifestPeek();
    other.write(gzipSync('{"format":"autre"}\nx'));
    expect(await other.result).toEqual({ kind: 'not-a-manifest' });

    const long = startManifestPeek();
    long.write(gzipSync(Buffer.alloc(MAX_MANIFEST_BYTES + 10, 0x61)));
    expect(await long.result).toEqual({ kind: 'not-a-manifest' });

    const cut = startManifestPeek();
    cut.write(gzipSync(JSON.stringify(manifest)).subarray(0, 12));
    cut.end();
    expect(await cut.result).toEqual({ kind: 'not-a-manifest' });

    const empty = startManifestPeek();
    empty.end();
    expect(await empty.result).toEqual({ kind: 'not-gzip' });
  });

  test('over a file: stops reading once the manifest is known', async ({ tmp }) => {
    const path = join(tmp, 'b.oise.gz');
    writeFileSync(path, gzipSync(`${JSON.stringify(manifest)}\n${'y'.repeat(100_000)}`));
    const source = createReadStream(path, { highWaterMark: 16 });
    expect(await peekManifest(source)).toEqual({ kind: 'manifest', manifest });
    expect(source.destroyed).toBe(true);
    expect(source.bytesRead).toBeLessThan(1024);
  });
});
