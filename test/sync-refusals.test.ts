import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Node } from '@oise/node';
import { fingerprintOf } from '@oise/node';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BUNDLE_SCHEMA_VERSION,
  type BundleRow,
  encodeBundle,
  exportBundles,
  ingestBundles,
} from '@oise/sync';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { NOW, carry, dumpNode, enterValues, makeCountry, submit } from './sync-fixtures.js';

/** SPEC [V5]–[V12]: each refusal leaves the database as it was and says why, in French. */
describe('refused bundles', () => {
  async function refusedAt(node: Node, file: string, name = 'paquet.oise.gz') {
    const target = join(node.paths.inbox, name);
    writeFileSync(target, readFileSync(file));
    const before = await dumpNode(node);
    const [result] = await ingestBundles(node, { now: NOW });
    expect(await dumpNode(node)).toEqual(before);
    expect(result?.status).toBe('rejected');
    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(node.paths.rejected, name))).toBe(true);
    const motif = readFileSync(join(node.paths.rejected, `${name}.motif.txt`), 'utf8');
    expect(motif).toContain(result?.reason ?? '');
    const log = await node.db
      .selectFrom('bundle_log')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(log).toMatchObject({ direction: 'in', status: 'rejected', file_name: name });
    return result!;
  }

  test('flipped byte, unknown key, forged sender, wrong recipient, out-of-territory row', async ({ tmp }) => {
    const country = await makeCountry(tmp, { ML04: ['ML0401'], ML03: [] });
    const national = country.national;
    const region = country.nodes.get('ML04')!;
    const cercle = country.nodes.get('ML0401')!;
    const stranger = await makeTestNode(join(tmp, 'ailleurs'), 'cercle', 'ML0402');
    const impostor = await makeTestNode(join(tmp, 'imposteur'), 'cercle', 'ML0401');
    try {
      const values = [{ unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', category: '', value: 3 }];
      await enterValues(cercle, values);
      await submit(cercle, '2025Q1');
      await exportBundles(cercle, { now: NOW });
      const [good] = carry(cercle, region, join(tmp, 'courier'));
      const goodFile = good!;
      // carry also dropped it into the region's inbox: keep only the courier's copy for now.
      for (const f of readdirSync(region.paths.inbox)) {
        if (f.endsWith('.oise.gz')) rmSync(join(region.paths.inbox, f));
      }

      // 1. One flipped byte inside the signed rows (recompressed, so gzip itself is fine).
      const plain = gunzipSync(readFileSync(goodFile));
      const at = plain.indexOf('"value":3');
      const tampered = Buffer.from(plain);
      tampered[at + 8] = '7'.charCodeAt(0);
      const flippedFile = join(tmp, 'flipped.oise.gz');
      writeFileSync(flippedFile, gzipSync(tampered));
      const flipped = await refusedAt(region, flippedFile, 'flipped.oise.gz');
      expect(flipped.code).toBe('BUNDLE_BAD_SIGNATURE');
      expect(flipped.reason).toMatch(/signature ne correspond pas à la clé enrôlée de ML0401/);

      // 1b. One flipped byte in the file as it travelled: gzip's own check refuses it.
      const raw = Buffer.from(readFileSync(goodFile));
      const middle = Math.floor(raw.length / 2);
      raw[middle] = (raw[middle] ?? 0) ^ 0x01;
      const rawFile = join(tmp, 'raw.oise.gz');
      writeFileSync(rawFile, raw);
      const broken = await refusedAt(region, rawFile, 'raw.oise.gz');
      expect(['BUNDLE_UNREADABLE', 'BUNDLE_BAD_SIGNATURE', 'BUNDLE_BAD_HASH']).toContain(broken.code);

      // 2. A node nobody enrolled.
      await enterValues(stranger, [{ ...values[0]!, unit: 'ML040204' }]);
      const unknownFile = join(tmp, 'unknown.oise.gz');
      writeFileSync(unknownFile, signedBundle(stranger, 'ML04', 'up', [rowOf('ML040204', 'ML0402')]));
      const unknown = await refusedAt(region, unknownFile, 'unknown.oise.gz');
      expect(unknown.code).toBe('BUNDLE_UNKNOWN_SENDER');
      expect(unknown.reason).toMatch(/ML0402 n'est pas enrôlé/);

      // 3. The right name, the wrong key.
      const forgedFile = join(tmp, 'forged.oise.gz');
      writeFileSync(forgedFile, signedBundle(impostor, 'ML04', 'up', [rowOf('ML040101', 'ML0401')]));
      expect((await refusedAt(region, forgedFile, 'forged.oise.gz')).code).toBe('BUNDLE_BAD_SIGNATURE');

      // 4. A genuine bundle for ML04 replayed to national.
      const replay = await refusedAt(national, goodFile, 'replay.oise.gz');
      expect(replay.code).toBe('BUNDLE_WRONG_RECIPIENT');
      expect(replay.reason).toMatch(/destiné à ML04, pas à ce nœud \(ML\)/);

      // 5. Region ML04, properly signed, carrying a row of a commune of Sikasso (ML03).
      const outsideFile = join(tmp, 'outside.oise.gz');
      writeFileSync(
        outsideFile,
        signedBundle(region, 'ML', 'up', [rowOf('ML040101', 'ML0401'), rowOf('ML030101', 'ML0401')]),
      );
      const outside = await refusedAt(national, outsideFile, 'outside.oise.gz');
      expect(outside.code).toBe('BUNDLE_SCOPE');
      expect(outside.reason).toMatch(/ligne 3 .*ML030101.*pas dans le territoire de ML0401/);
      // Each problem's own full stop goes: the reason never reads « .. ».
      expect(outside.reason).toMatch(/\(expéditeur ML04\)\. Rien n'a été appliqué\.$/);
      expect(outside.reason).not.toMatch(/\.\./);
      const owned = join(tmp, 'owned.oise.gz');
      writeFileSync(owned, signedBundle(region, 'ML', 'up', [rowOf('ML030101', 'ML0301')]));
      expect((await refusedAt(national, owned, 'owned.oise.gz')).reason).toMatch(
        /appartient à ML0301, hors du territoire de l'expéditeur ML04/,
      );

      // 6. A child sending down, and a parent's bundle carrying the child's own rows.
      const wrongWay = join(tmp, 'wrong-way.oise.gz');
      writeFileSync(wrongWay, signedBundle(cercle, 'ML04', 'down', []));
      expect((await refusedAt(region, wrongWay, 'wrong-way.oise.gz')).code).toBe('BUNDLE_DIRECTION');
      const echo = join(tmp, 'echo.oise.gz');
      writeFileSync(echo, signedBundle(region, 'ML0401', 'down', [rowOf('ML040101', 'ML0401')]));
      expect((await refusedAt(cercle, echo, 'echo.oise.gz')).code).toBe('BUNDLE_SCOPE');

      // And the genuine bundle still applies afterwards.
      const [ok] = await ingestBundles(region, { now: NOW, files: [goodFile] });
      expect(ok?.status).toBe('applied');
      const status = await ingestBundles(region, { now: NOW, files: [goodFile] });
      expect(status[0]?.status).toBe('duplicate');
    } finally {
      await country.close();
      await stranger.close();
      await impostor.close();
    }
  });
});

function rowOf(unit: string, owner: string): BundleRow {
  return {
    table: 'data_value',
    row: {
      org_unit_code: unit,
      indicator_code: 'SAN_CSCOM',
      period: '2025Q1',
      category: '',
      value: 9,
      value_text: null,
      comment: null,
      author: 'x',
      channel: 'csv',
      owner,
      revision: 5,
      updated_at: NOW,
      deleted: 0,
    },
  };
}

/** A bundle made by hand with `node`'s own key: what a buggy or hostile sender could write. */
function signedBundle(node: Node, recipient: string, direction: 'up' | 'down', rows: BundleRow[]): Buffer {
  const counts = Object.fromEntries(
    ['org_unit', 'indicator', 'data_value'].map((t) => [t, rows.filter((r) => r.table === t).length]),
  ) as never;
  return encodeBundle(
    {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      schemaVersion: BUNDLE_SCHEMA_VERSION,
      sender: node.identity.code,
      senderLevel: node.identity.level,
      recipient,
      direction,
      sequence: 1,
      full: false,
      changes: { from: 0, to: 10 },
      ack: { sequence: 0, localSeq: 0 },
      quarters: ['2025Q1'],
      counts,
      rowCount: rows.length,
      createdAt: NOW,
    },
    rows,
    {
      privateKeyPath: node.paths.privateKey,
      keyFingerprint: fingerprintOf(readFileSync(node.paths.publicKey, 'utf8')),
    },
  ).bytes;
}
