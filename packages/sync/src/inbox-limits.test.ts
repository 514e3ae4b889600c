import { readFileSync } from 'node:fs';
import { setSetting } from '@oise/node';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { DEFAULT_INBOX_LIMITS, INBOX_LIMIT_SETTINGS, inboxLimits } from './inbox-limits.js';
import { DEFAULT_REJECTED_QUOTA_MIB, REJECTED_QUOTA_SETTING } from './rejected-quota.js';

/** The table « Limits and their defaults » of RELIABILITY.md: setting → documented default. */
function documentedDefaults(): Map<string, number> {
  const text = readFileSync(new URL('../../../RELIABILITY.md', import.meta.url), 'utf8');
  const rows = [...text.matchAll(/^\| `((?:serve|inbox)\.[a-z-]+)` \| (\d+) \|/gm)];
  return new Map(rows.map((r) => [r[1] as string, Number(r[2])]));
}

describe('the limits of the HTTP inbox', () => {
  test('the defaults are the ones RELIABILITY.md documents', async ({ tmp }) => {
    const documented = documentedDefaults();
    const inCode = new Map<string, number>([[REJECTED_QUOTA_SETTING, DEFAULT_REJECTED_QUOTA_MIB]]);
    for (const [key, field] of Object.entries(INBOX_LIMIT_SETTINGS)) {
      const value = DEFAULT_INBOX_LIMITS[field];
      inCode.set(key, field === 'idleMs' ? value / 1000 : value);
    }
    expect(documented).toEqual(inCode);
    // The grace before the minimum rate is the idle timeout; one address never has every slot.
    expect(DEFAULT_INBOX_LIMITS.graceMs).toBe(DEFAULT_INBOX_LIMITS.idleMs);
    expect(DEFAULT_INBOX_LIMITS.maxUploadsPerClient * 2).toBeLessThanOrEqual(DEFAULT_INBOX_LIMITS.maxUploads);

    const node = await makeTestNode(tmp, 'region', 'ML04');
    try {
      expect(await inboxLimits(node)).toEqual(DEFAULT_INBOX_LIMITS);
      await setSetting(node.db, 'serve.idle-seconds', '3');
      await setSetting(node.db, 'serve.min-rate', '0');
      await setSetting(node.db, 'serve.uploads', 'beaucoup');
      expect(await inboxLimits(node)).toEqual({
        ...DEFAULT_INBOX_LIMITS,
        idleMs: 3000,
        graceMs: 3000,
        minBytesPerSecond: 0,
      });
    } finally {
      await node.close();
    }
  });
});
