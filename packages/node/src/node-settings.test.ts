import { TEST_NOW, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { listSettings } from './known-settings.js';
import { initNode } from './node-folder.js';
import { getCalendar, getSetting, setSettings } from './node-settings.js';

describe('node settings', () => {
  test('setSettings stores several values together; the calendar reads them', async ({ tmp }) => {
    const node = await initNode({ dir: `${tmp}/ML04`, level: 'region', code: 'ML04', now: TEST_NOW });
    try {
      await setSettings(node.db, [
        { key: 'calendar.cercleDueDays', value: '20' },
        { key: 'transport.child-url.ML0401', value: 'http://ccc-baroueli:8080' },
      ]);
      expect((await getCalendar(node.db)).cercleDueDays).toBe(20);
      expect(await getSetting(node.db, 'transport.child-url.ML0401')).toBe('http://ccc-baroueli:8080');
      expect((await listSettings(node.db)).map((s) => s.key)).toContain('transport.child-url.ML0401');
      await setSettings(node.db, []);
      expect(await getSetting(node.db, 'calendar.cercleDueDays')).toBe('20');
    } finally {
      await node.close();
    }
  });
});
