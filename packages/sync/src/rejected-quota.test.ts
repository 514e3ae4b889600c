import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setSetting } from '@oise/node';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { enforceRejectedQuota, overQuotaWarning, quotaUseFr, rejectedQuota } from './rejected-quota.js';

const MIB = 1024 * 1024;

describe('the quota of inbox/rejected/', () => {
  test('drops the oldest refusals received over the network, never a courier file', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'region', 'ML04');
    try {
      await setSetting(node.db, 'inbox.quota', '1');
      mkdirSync(node.paths.rejected, { recursive: true });
      const put = (name: string, bytes: number, age: number) => {
        const path = join(node.paths.rejected, name);
        writeFileSync(path, Buffer.alloc(bytes));
        writeFileSync(`${path}.motif.txt`, 'Motif : …');
        const t = new Date(Date.UTC(2025, 3, 1) + age * 1000);
        utimesSync(path, t, t);
      };
      put('http-0123456789ab-ML0401-ML04-000001.oise.gz', 400 * 1024, 1);
      put('ML0402-ML04-000001.oise.gz', 300 * 1024, 2);
      put('web-0123456789ab-paquet.oise.gz', 400 * 1024, 3);
      put('http-ba9876543210-ML0401-ML04-000002.oise.gz', 400 * 1024, 4);
      expect(await rejectedQuota(node)).toMatchObject({ files: 4, overQuota: true, quotaBytes: MIB });

      const { dropped, quota } = await enforceRejectedQuota(node);
      // Oldest network ones first, until it fits; the courier's file stays.
      expect(dropped.map((p) => p.split('/').pop())).toEqual([
        'http-0123456789ab-ML0401-ML04-000001.oise.gz',
        'web-0123456789ab-paquet.oise.gz',
      ]);
      expect(readdirSync(node.paths.rejected).sort()).toEqual([
        'ML0402-ML04-000001.oise.gz',
        'ML0402-ML04-000001.oise.gz.motif.txt',
        'http-ba9876543210-ML0401-ML04-000002.oise.gz',
        'http-ba9876543210-ML0401-ML04-000002.oise.gz.motif.txt',
      ]);
      expect(quota).toMatchObject({ files: 2, overQuota: false });
      expect(quotaUseFr(quota)).toBe('0,7 Mio sur 1 Mio');
      expect(overQuotaWarning(quota)).toBeNull();

      // Couriers' files alone over the quota: nothing deleted, a loud warning.
      put('cle-usb.oise.gz', 900 * 1024, 5);
      const again = await enforceRejectedQuota(node);
      expect(again.dropped.map((p) => p.split('/').pop())).toEqual([
        'http-ba9876543210-ML0401-ML04-000002.oise.gz',
      ]);
      expect(again.quota.overQuota).toBe(true);
      expect(overQuotaWarning(again.quota)).toMatch(
        /^ATTENTION : les paquets refusés gardés dans inbox\/rejected\/ dépassent le quota \(1,2 Mio sur 1 Mio\)\. Les fichiers déposés à la main ne sont jamais supprimés/,
      );
    } finally {
      await node.close();
    }
  });
});
