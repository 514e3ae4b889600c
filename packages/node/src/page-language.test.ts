import { TEST_NOW, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { isKnownSetting, nodePageLanguage, settingValueProblem } from './known-settings.js';
import { initNode } from './node-folder.js';
import { setSettings } from './node-settings.js';

describe('web.langue, the pages’ default language', () => {
  test('is French until set to en; only fr and en are accepted', async ({ tmp }) => {
    const node = await initNode({ dir: `${tmp}/ML0401`, level: 'cercle', code: 'ML0401', now: TEST_NOW });
    try {
      expect(isKnownSetting('web.langue')).toBe(true);
      expect(await nodePageLanguage(node.db)).toBe('fr');
      await setSettings(node.db, [{ key: 'web.langue', value: 'en' }]);
      expect(await nodePageLanguage(node.db)).toBe('en');
      await setSettings(node.db, [{ key: 'web.langue', value: 'fr' }]);
      expect(await nodePageLanguage(node.db)).toBe('fr');
    } finally {
      await node.close();
    }
    expect(settingValueProblem('web.langue', 'en')).toBeUndefined();
    expect(settingValueProblem('web.langue', ' fr ')).toBeUndefined();
    expect(settingValueProblem('web.langue', 'anglais')).toBe(
      'web.langue est la langue des pages : fr (français) ou en (anglais).',
    );
  });
});
