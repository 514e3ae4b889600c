import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { enroll, revoke, trustedNeighbours, writePublicIdentity } from './enrolment.js';
import { initNode, openNode } from './node-folder.js';
import { signWithKeyFile, verifySignature } from './node-keys.js';

const NOW = '2025-01-02T08:00:00.000Z';

describe('node folders', () => {
  test('national, region and cercle nodes hold byte-identical schemas', async ({ tmp }) => {
    const specs = [
      { level: 'national', code: 'ML' },
      { level: 'region', code: 'ML04', parent: 'ML' },
      { level: 'cercle', code: 'ML0402', parent: 'ML04' },
    ];
    const schemas: string[] = [];
    for (const spec of specs) {
      const node = await initNode({ dir: join(tmp, spec.code), now: NOW, ...spec });
      await node.close();
      schemas.push(
        execFileSync('sqlite3', [join(tmp, spec.code, 'node.sqlite'), '.schema'], { encoding: 'utf8' }),
      );
    }
    expect(schemas[0]!.length).toBeGreaterThan(1000);
    expect(schemas[1]).toBe(schemas[0]);
    expect(schemas[2]).toBe(schemas[0]);
  });

  test('creates the folder layout with a private key only its owner can read', async ({ tmp }) => {
    const node = await initNode({ dir: join(tmp, 'c'), level: 'cercle', code: 'ML0402', now: NOW });
    expect(node.identity).toEqual({
      code: 'ML0402',
      level: 'cercle',
      parentCode: 'ML04',
      nationalCode: 'ML',
    });
    expect(statSync(node.paths.keys).mode & 0o777).toBe(0o700);
    expect(statSync(node.paths.privateKey).mode & 0o777).toBe(0o600);
    for (const dir of [node.paths.inbox, node.paths.rejected, node.paths.outbox, node.paths.reports]) {
      expect(statSync(dir).isDirectory()).toBe(true);
    }
    const sig = signWithKeyFile(node.paths.privateKey, Buffer.from('bonjour'));
    const pub = (await import('node:fs')).readFileSync(node.paths.publicKey, 'utf8');
    expect(verifySignature(pub, Buffer.from('bonjour'), sig)).toBe(true);
    expect(verifySignature(pub, Buffer.from('bonsoir'), sig)).toBe(false);
    await node.close();
    await expect(
      initNode({ dir: join(tmp, 'c'), level: 'cercle', code: 'ML0402', now: NOW }),
    ).rejects.toThrow(/contient déjà un nœud/);
  });

  test('refuses codes that do not match the level or the parent', async ({ tmp }) => {
    await expect(initNode({ dir: join(tmp, 'a'), level: 'cercle', code: 'ML04', now: NOW })).rejects.toThrow(
      /ne correspond pas au niveau cercle/,
    );
    await expect(
      initNode({ dir: join(tmp, 'b'), level: 'cercle', code: 'ML0402', parent: 'ML03', now: NOW }),
    ).rejects.toThrow(/parent/);
    await expect(
      initNode({ dir: join(tmp, 'c'), level: 'commune', code: 'ML040201', now: NOW }),
    ).rejects.toThrow(/cercle, region ou national/);
  });

  test('enrols neighbours both ways and nobody else', async ({ tmp }) => {
    const region = await initNode({ dir: join(tmp, 'r'), level: 'region', code: 'ML04', now: NOW });
    const cercle = await initNode({ dir: join(tmp, 'c'), level: 'cercle', code: 'ML0402', now: NOW });
    const stranger = await initNode({ dir: join(tmp, 's'), level: 'cercle', code: 'ML0301', now: NOW });
    const kr = writePublicIdentity(region, join(tmp, 'r.json'));
    writePublicIdentity(cercle, join(tmp, 'c.json'));
    writePublicIdentity(stranger, join(tmp, 's.json'));
    expect((await enroll(region, join(tmp, 'c.json'), NOW)).relation).toBe('child');
    expect((await enroll(cercle, join(tmp, 'r.json'), NOW)).relation).toBe('parent');
    expect((await enroll(cercle, join(tmp, 'r.json'), NOW)).changed).toBe(false);
    await expect(enroll(region, join(tmp, 's.json'), NOW)).rejects.toThrow(
      /ni le parent ni un enfant direct/,
    );
    expect((await trustedNeighbours(cercle)).map((k) => k.fingerprint)).toEqual([kr.fingerprint]);
    expect(await revoke(cercle, 'ML04', NOW)).toBe(true);
    expect(await trustedNeighbours(cercle)).toEqual([]);
    for (const n of [region, cercle, stranger]) await n.close();
    const reopened = await openNode(join(tmp, 'r'));
    expect(reopened.identity.code).toBe('ML04');
    await reopened.close();
  });
});
