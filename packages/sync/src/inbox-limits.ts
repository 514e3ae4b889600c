import { type Node, getSetting } from '@oise/node';
import type { GateLimits } from './upload-gate.js';
import type { UploadLimits } from './upload-guard.js';

/** The limits of the HTTP inbox (`oise serve`, `oise ui --inbox-port`) and the pages' drop. */
export interface InboxLimits extends GateLimits, Omit<UploadLimits, 'maxBytes'> {}

/**
 * The defaults, documented in RELIABILITY.md (« La boîte de réception HTTP ») and GUIDE.md:
 * a real sender on a slow line (a few kilobytes a second) passes; four tricklers do not hold
 * the inbox, and one address never takes more than two of the sixteen slots.
 */
export const DEFAULT_INBOX_LIMITS: InboxLimits = {
  maxUploads: 16,
  maxUploadsPerClient: 2,
  requestsPerMinute: 30,
  idleMs: 30_000,
  minBytesPerSecond: 1024,
  graceMs: 30_000,
};

/** The settings (`oise settings KEY VALUE`) that change them, whole numbers. */
export const INBOX_LIMIT_SETTINGS = {
  'serve.uploads': 'maxUploads',
  'serve.uploads-per-client': 'maxUploadsPerClient',
  'serve.requests-per-minute': 'requestsPerMinute',
  'serve.idle-seconds': 'idleMs',
  'serve.min-rate': 'minBytesPerSecond',
} as const satisfies Record<string, keyof InboxLimits>;

/** The node's inbox limits: its settings where they are whole numbers, the defaults elsewhere. */
export async function inboxLimits(node: Node): Promise<InboxLimits> {
  const limits = { ...DEFAULT_INBOX_LIMITS };
  for (const [key, field] of Object.entries(INBOX_LIMIT_SETTINGS)) {
    const text = (await getSetting(node.db, key))?.trim();
    if (!text || !/^\d{1,9}$/.test(text)) continue;
    const n = Number(text);
    if (field === 'idleMs') {
      // The grace before the minimum rate applies is the idle timeout: one window.
      limits.idleMs = Math.max(1, n) * 1000;
      limits.graceMs = limits.idleMs;
    } else if (field === 'minBytesPerSecond') limits.minBytesPerSecond = n;
    else limits[field] = Math.max(1, n);
  }
  return limits;
}
