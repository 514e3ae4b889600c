import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { levelOfPcode } from '@oise/core';
import { enroll, publicIdentityOf } from '@oise/node';
import { makeTestNode, test } from '@oise/testkit';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { hostileValue } from './reliability/bundle-arbitrary.js';
import { changedTables, fingerprint } from './reliability/db-fingerprint.js';
import {
  FC_SEED,
  Hang,
  Tally,
  describeThrown,
  fcRuns,
  isFrenchRefusal,
  watchUnhandled,
  withinTimeLimit,
} from './reliability/harness.js';
import { NOW } from './reliability/small-country.js';

/**
 * Public-key files handed over for `oise enroll`: a neighbour's genuine export, edited field by
 * field, truncated, re-encoded, or carrying a private key, another algorithm's key or a code that
 * tries to leave the node folder. Each is enrolled or refused in French; what is enrolled is
 * always a direct neighbour's Ed25519 public key.
 */
describe('fuzz: public-key files (oise enroll)', () => {
  test('enrolled only when a neighbour hands a genuine Ed25519 public key', async ({ tmp }) => {
    const watch = watchUnhandled();
    const region = await makeTestNode(tmp, 'region', 'ML04');
    const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
    try {
      const genuine = publicIdentityOf(cercle);
      const privatePem = readFileSync(cercle.paths.privateKey, 'utf8');
      const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
        .publicKey.export({ type: 'spki', format: 'pem' })
        .toString();
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .publicKey.export({ type: 'spki', format: 'pem' })
        .toString();
      const x25519 = generateKeyPairSync('x25519')
        .publicKey.export({ type: 'spki', format: 'pem' })
        .toString();
      const body = genuine.publicKey;
      const keyText = fc.oneof(
        fc.constantFrom(
          body,
          privatePem,
          rsa,
          ec,
          x25519,
          `${body}${body}`,
          body.replace('PUBLIC', 'PRIVATE'),
          body.slice(0, 40),
          '',
        ),
        fc.tuple(fc.nat({ max: body.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
          const b = Buffer.from(body);
          b[i] = (b[i] ?? 0) ^ x;
          return b.toString('latin1');
        }),
      );
      const fields = [
        'format',
        'version',
        'code',
        'level',
        'parentCode',
        'publicKey',
        'fingerprint',
      ] as const;
      const edit = fc.oneof(
        fc.record({ field: fc.constantFrom(...fields), value: hostileValue }),
        fc.record({ field: fc.constant('publicKey' as const), value: keyText }),
        fc.record({
          field: fc.constant('code' as const),
          value: fc.constantFrom(
            'ML0401/../../../tmp/x',
            'ML04/..',
            'ML0401\u0000',
            'ML04019',
            'ML040101',
            'ML0402',
            'ML04',
            'ML',
            'ml0401',
            'ML0401 ',
          ),
        }),
        fc.record({ field: fc.constant('fingerprint' as const), remove: fc.constant(true) }),
      );
      const caseArb = fc.record({
        edits: fc.array(edit, { maxLength: 3 }),
        encoding: fc.constantFrom('utf8', 'utf8', 'utf8', 'bom', 'utf16le', 'truncate', 'random', 'array'),
        cut: fc.double({ min: 0, max: 1, noNaN: true }),
        random: fc.uint8Array({ maxLength: 300 }),
      });

      await enroll(region, writeIdentity(tmp, 'depart.json', genuine), NOW);
      const runs = fcRuns(200);
      const tally = new Tally('keys', runs);
      let n = 0;
      await fc.assert(
        fc.asyncProperty(caseArb, async (c) => {
          const describeCase = JSON.stringify(c, (_k, v) =>
            v instanceof Uint8Array ? `${v.length} bytes` : v,
          ).slice(0, 500);
          const identity: Record<string, unknown> = { ...genuine };
          for (const e of c.edits) {
            if ('remove' in e) delete identity[e.field];
            else identity[e.field] = e.value;
          }
          const text = `${JSON.stringify(c.encoding === 'array' ? [identity] : identity, null, 2)}\n`;
          const bytes =
            c.encoding === 'bom'
              ? Buffer.from(`\ufeff${text}`, 'utf8')
              : c.encoding === 'utf16le'
                ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
                : c.encoding === 'truncate'
                  ? Buffer.from(text).subarray(0, Math.floor(c.cut * text.length))
                  : c.encoding === 'random'
                    ? Buffer.from(c.random)
                    : Buffer.from(text);
          const path = join(tmp, `cle-${n++}.json`);
          writeFileSync(path, bytes);
          const before = await fingerprint(region.db, ['trusted_key']);
          try {
            const result = await withinTimeLimit(() => enroll(region, path, NOW), 'enroll');
            tally.accepted();
            const row = await region.db
              .selectFrom('trusted_key')
              .selectAll()
              .where('node_code', '=', result.identity.code)
              .executeTakeFirstOrThrow();
            const problems: string[] = [];
            const code = row.node_code;
            const neighbour =
              code === 'ML' ||
              (levelOfPcode(code) === 'cercle' && code.startsWith('ML04') && code.length === 6);
            if (!neighbour) problems.push(`enrolled ${JSON.stringify(code)}`);
            if (row.public_key.includes('PRIVATE')) problems.push('a private key was stored');
            let type: string | undefined;
            try {
              const key = createPublicKey(row.public_key);
              type = key.asymmetricKeyType;
            } catch {
              type = 'unreadable';
            }
            if (type !== 'ed25519') problems.push(`key type ${type}`);
            if (problems.length > 0)
              tally.fail('forgeriesAccepted', `${problems.join(', ')} — ${describeCase}`);
            // Back to the genuine enrolment for the next case.
            await region.db.deleteFrom('trusted_key').execute();
            await enroll(region, writeIdentity(tmp, 'depart.json', genuine), NOW);
          } catch (error) {
            if (error instanceof Hang) tally.fail('hangs', describeCase);
            else if (isFrenchRefusal(error)) tally.refused(error.code);
            else tally.fail('crashes', `${describeThrown(error)} — ${describeCase}`);
            const changed = changedTables(before, await fingerprint(region.db, ['trusted_key']));
            if (changed.length > 0) tally.fail('partialWrites', `${changed.join(',')} — ${describeCase}`);
          }
        }),
        { seed: FC_SEED, numRuns: runs },
      );
      const counts = tally.report(watch.seen.length);
      expect(counts.failures).toEqual([]);
      expect(tally.clean).toBe(true);
      expect(counts.accepted).toBeGreaterThan(0);
      expect(counts.refused).toBeGreaterThan(0);
    } finally {
      watch.stop();
      await region.close();
      await cercle.close();
    }
  });
});

function writeIdentity(dir: string, name: string, identity: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(identity, null, 2)}\n`);
  return path;
}
