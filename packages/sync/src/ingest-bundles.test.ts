import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatDateTimeFr } from '@oise/core';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { DEFAULT_LIMITS } from './bundle-format.js';
import { ingestBundles } from './ingest-bundles.js';

describe('a refused bundle', () => {
  test('carries its stable code and French reason into the result, the log and the .motif.txt', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'region', 'ML04');
    try {
      writeFileSync(join(node.paths.inbox, 'a-lourd.oise.gz'), Buffer.alloc(64, 1));
      writeFileSync(join(node.paths.inbox, 'b-abime.oise.gz'), gzipSync('pas un paquet\n'));
      const results = await ingestBundles(node, {
        now: TEST_NOW,
        limits: { ...DEFAULT_LIMITS, maxCompressedBytes: 40 },
      });
      expect(results.map((r) => [r.file, r.status, r.code])).toEqual([
        ['a-lourd.oise.gz', 'rejected', 'BUNDLE_TOO_LARGE'],
        ['b-abime.oise.gz', 'rejected', 'BUNDLE_UNREADABLE'],
      ]);
      const [heavy] = results;
      expect(heavy?.reason).toBe(
        "le paquet pèse 64 octets, au-delà de la limite de 40 : ce n'est pas un paquet OISE normal. Demandez à l'expéditeur de le refaire.",
      );
      const motif = readFileSync(join(node.paths.rejected, 'a-lourd.oise.gz.motif.txt'), 'utf8');
      expect(motif.split('\n')).toEqual([
        'Paquet refusé : a-lourd.oise.gz',
        `Date : ${formatDateTimeFr(TEST_NOW)}`,
        'Expéditeur annoncé : inconnu',
        'Destinataire annoncé : inconnu',
        'Séquence : inconnue',
        'Code : BUNDLE_TOO_LARGE',
        `Motif : ${heavy?.reason}`,
        '',
        "Rien de ce paquet n'a été enregistré dans la base.",
        '',
      ]);
      const log = await node.db.selectFrom('bundle_log').selectAll().orderBy('id').execute();
      expect(
        log.map((l) => [l.file_name, l.status, l.sender, l.recipient, l.bundle_direction, l.sequence]),
      ).toEqual([
        ['a-lourd.oise.gz', 'rejected', '', 'ML04', '', 0],
        ['b-abime.oise.gz', 'rejected', '', 'ML04', '', 0],
      ]);
      expect(log[0]?.reason).toBe(`[BUNDLE_TOO_LARGE] ${heavy?.reason}`);
      expect(log[1]?.reason).toBe(`[BUNDLE_UNREADABLE] ${results[1]?.reason}`);
    } finally {
      await node.close();
    }
  });
});

describe('a named file that is not a file', () => {
  test('a folder given as a package is refused with its reason, not copied (no EISDIR), and the rest goes on', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'region', 'ML04');
    try {
      const folder = join(tmp, 'cle-usb.oise.gz');
      mkdirSync(folder);
      writeFileSync(join(folder, 'dedans.txt'), 'un fichier dans le dossier');
      const garbage = join(tmp, 'abime.oise.gz');
      writeFileSync(garbage, gzipSync('pas un paquet\n'));
      const results = await ingestBundles(node, { now: TEST_NOW, files: [folder, garbage] });
      expect(results.map((r) => [r.file, r.status, r.code, r.reason])).toEqual([
        ['cle-usb.oise.gz', 'rejected', 'BUNDLE_PATH', "ce n'est pas un fichier."],
        ['abime.oise.gz', 'rejected', 'BUNDLE_UNREADABLE', expect.any(String)],
      ]);
      // The folder stays where it was, whole; nothing of it is copied into rejected/; the log says why.
      expect(readdirSync(folder)).toEqual(['dedans.txt']);
      expect(readdirSync(node.paths.rejected).filter((f) => f.startsWith('cle-usb'))).toEqual([]);
      const log = await node.db.selectFrom('bundle_log').select(['file_name', 'status', 'reason']).execute();
      expect(log[0]).toEqual({
        file_name: 'cle-usb.oise.gz',
        status: 'rejected',
        reason: "[BUNDLE_PATH] ce n'est pas un fichier.",
      });
    } finally {
      await node.close();
    }
  });
});
