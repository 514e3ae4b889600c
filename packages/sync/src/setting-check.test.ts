import { describe, expect, test } from 'vitest';
import { checkSettingValue } from './setting-check.js';

describe('checkSettingValue', () => {
  test('calendar delays are whole numbers of days, trimmed', () => {
    expect(checkSettingValue('calendar.cercleDueDays', ' 20 ')).toEqual({ ok: true, value: '20' });
    expect(checkSettingValue('calendar.cercleDueDays', 'quinze')).toEqual({
      ok: false,
      problem: 'un délai du calendrier est un nombre de jours (par exemple 15).',
    });
    expect(checkSettingValue('calendar.regionDueDays', '-3')).toMatchObject({ ok: false });
  });

  test('transport addresses must be reachable; empty clears', () => {
    expect(checkSettingValue('transport.parent-url', ' http://csr-segou:8080 ')).toEqual({
      ok: true,
      value: 'http://csr-segou:8080',
    });
    expect(checkSettingValue('transport.parent-url', '')).toEqual({ ok: true, value: '' });
    expect(checkSettingValue('transport.parent-url', 'ftp://csr')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/seuls http:\/\/ et https:\/\//),
    });
    expect(checkSettingValue('transport.child-url.ML0401', 'http://ccc:22')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/port 22/),
    });
    expect(checkSettingValue('transport.child-url.ML0401', 'pas une adresse')).toMatchObject({ ok: false });
  });

  test('backup.keep and unknown keys', () => {
    expect(checkSettingValue('backup.keep', '7')).toEqual({ ok: true, value: '7' });
    expect(checkSettingValue('backup.keep', 'sept')).toMatchObject({ ok: false });
    expect(checkSettingValue('report.inconnu', 'x')).toEqual({
      ok: false,
      problem: 'clé « report.inconnu » inconnue.',
    });
  });
});
