import { isKnownSetting, settingValueProblem } from '@oise/node';
import { inboxUrl } from './http-send.js';

/** A value ready to store (trimmed), or what is wrong with it, in French. */
export type SettingCheck = { ok: true; value: string } | { ok: false; problem: string };

/**
 * Checks a value for a node setting before it is stored (`oise settings`, the Réglages page):
 * the key must be known, the value pass `settingValueProblem` of @oise/node, and a transport
 * address (`transport.*`) must be one the sender can reach (`inboxUrl`). An empty transport
 * address clears it (packages then wait for a USB key).
 */
export function checkSettingValue(key: string, value: string): SettingCheck {
  if (!isKnownSetting(key)) return { ok: false, problem: `clé « ${key} » inconnue.` };
  const trimmed = value.trim();
  const problem = settingValueProblem(key, value);
  if (problem) return { ok: false, problem };
  if (key.startsWith('transport.') && trimmed) {
    const url = inboxUrl(trimmed);
    if (typeof url === 'string') return { ok: false, problem: url };
  }
  return { ok: true, value: trimmed };
}
