import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatNumberFr } from '@oise/core';
import { type Node, getSetting } from '@oise/node';

/** The setting that bounds what `inbox/rejected/` keeps, in Mio. */
export const REJECTED_QUOTA_SETTING = 'inbox.quota';
/** Its default: 200 Mio, a few hundred refused packages of a real cercle. */
export const DEFAULT_REJECTED_QUOTA_MIB = 200;
const MIB = 1024 * 1024;

/**
 * Names the node itself gave to a body received over the network: `http-<12 hex>-…` (the HTTP
 * inbox) or `web-<12 hex>-…` (the pages' « Déposer des paquets »). Only those may be dropped
 * to keep the quota; a courier's file is never deleted.
 */
const NETWORK_NAME = /^(http|web)-[0-9a-f]{12}-/;

/** True for a name the node gave to a body received over the network (`http-…`, `web-…`). */
export function isNetworkName(name: string): boolean {
  return NETWORK_NAME.test(name);
}

/** What `inbox/rejected/` holds against its quota. */
export interface RejectedQuota {
  quotaBytes: number;
  usedBytes: number;
  /** Refused packages kept (their `.motif.txt` counted with them). */
  files: number;
  /** Bytes of files a courier dropped: never deleted, so the quota may be over because of them. */
  courierBytes: number;
  overQuota: boolean;
}

/** The quota in bytes: `inbox.quota` (Mio) when it is a whole number, the default otherwise. */
export async function rejectedQuotaBytes(node: Node): Promise<number> {
  const text = (await getSetting(node.db, REJECTED_QUOTA_SETTING))?.trim();
  const mib = text && /^\d{1,7}$/.test(text) ? Number(text) : DEFAULT_REJECTED_QUOTA_MIB;
  return mib * MIB;
}

interface KeptRefusal {
  path: string;
  bytes: number;
  mtimeMs: number;
  network: boolean;
}

/** The refused packages of `inbox/rejected/`, each with its motif's bytes, oldest first. */
function keptRefusals(node: Node): KeptRefusal[] {
  const folder = node.paths.rejected;
  if (!existsSync(folder)) return [];
  const kept: KeptRefusal[] = [];
  for (const e of readdirSync(folder, { withFileTypes: true })) {
    if (!e.isFile() || e.name.endsWith('.motif.txt')) continue;
    const path = join(folder, e.name);
    const stat = statSync(path);
    const motif = `${path}.motif.txt`;
    kept.push({
      path,
      bytes: stat.size + (existsSync(motif) ? statSync(motif).size : 0),
      mtimeMs: stat.mtimeMs,
      network: isNetworkName(e.name),
    });
  }
  return kept.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.path < b.path ? -1 : 1));
}

function summarise(kept: KeptRefusal[], quotaBytes: number): RejectedQuota {
  const usedBytes = kept.reduce((n, k) => n + k.bytes, 0);
  return {
    quotaBytes,
    usedBytes,
    files: kept.length,
    courierBytes: kept.filter((k) => !k.network).reduce((n, k) => n + k.bytes, 0),
    overQuota: usedBytes > quotaBytes,
  };
}

/** How full `inbox/rejected/` is, for `oise status`. */
export async function rejectedQuota(node: Node): Promise<RejectedQuota> {
  return summarise(keptRefusals(node), await rejectedQuotaBytes(node));
}

/**
 * Keeps `inbox/rejected/` within its quota: drops the oldest packages received over the
 * network (and their motif) until it fits. A courier's file is never deleted: when those alone
 * pass the quota, it stays over and `overQuota` says so. Returns the names dropped.
 */
export async function enforceRejectedQuota(node: Node): Promise<{ dropped: string[]; quota: RejectedQuota }> {
  const quotaBytes = await rejectedQuotaBytes(node);
  const kept = keptRefusals(node);
  let used = kept.reduce((n, k) => n + k.bytes, 0);
  const dropped: string[] = [];
  for (const k of kept) {
    if (used <= quotaBytes) break;
    if (!k.network) continue;
    rmSync(k.path, { force: true });
    rmSync(`${k.path}.motif.txt`, { force: true });
    used -= k.bytes;
    dropped.push(k.path);
  }
  const left = kept.filter((k) => !dropped.includes(k.path));
  return { dropped, quota: summarise(left, quotaBytes) };
}

/** « 12,3 Mio sur 200 Mio » */
export function quotaUseFr(q: RejectedQuota): string {
  return `${formatNumberFr(q.usedBytes / MIB, 1)} Mio sur ${formatNumberFr(q.quotaBytes / MIB, 0)} Mio`;
}

/**
 * The loud line when the refused packages a courier dropped alone pass the quota: nothing of
 * theirs is deleted, a person must look. Null when within the quota.
 */
export function overQuotaWarning(q: RejectedQuota): string | null {
  if (!q.overQuota) return null;
  return `ATTENTION : les paquets refusés gardés dans inbox/rejected/ dépassent le quota (${quotaUseFr(q)}). Les fichiers déposés à la main ne sont jamais supprimés : lisez leurs motifs (.motif.txt), déplacez ou supprimez ceux qui ne servent plus, ou augmentez le quota (oise settings ${REJECTED_QUOTA_SETTING} 400).`;
}
