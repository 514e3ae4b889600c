import { existsSync, readdirSync } from 'node:fs';
import { loadHierarchy } from '@oise/catalog';
import type { Node } from '@oise/node';
import { groupedBundleLog } from './bundle-log-read.js';
import { sentCount, waitingBundles } from './outbox-files.js';
import { type RejectedQuota, rejectedQuota } from './rejected-quota.js';

/** One neighbour's exchanges, as `oise status` shows them. */
export interface NeighbourBundles {
  code: string;
  relation: 'parent' | 'child';
  level: string;
  revoked: boolean;
  received: {
    applied: number;
    duplicate: number;
    /** Refusals of bundles it really signed (its enrolled key); strangers' are `unknownSender`. */
    rejected: number;
    /** Highest sequence applied from it (null: nothing yet). */
    lastSequence: number | null;
    lastAppliedAt: string | null;
  };
  sent: {
    written: number;
    lastSequence: number | null;
    lastWrittenAt: string | null;
    /** Highest of our sequences it acknowledged applying. */
    acknowledgedSequence: number;
  };
}

/** The `bundles` section of `oise status`: what arrived, what was refused, what is missing. */
export interface BundleStatus {
  counts: { applied: number; duplicate: number; rejected: number; written: number };
  /**
   * Refusals that cannot be tied to an enrolled key (unsigned, forged, from a stranger): counted
   * apart, « expéditeur inconnu », never against the neighbour they claim to come from.
   */
  unknownSender: { rejected: number; lastAt: string | null };
  /** What `inbox/rejected/` keeps against its quota (`inbox.quota`). */
  rejectedQuota: RejectedQuota;
  neighbours: NeighbourBundles[];
  /** Enrolled neighbours from which nothing was ever applied. */
  missing: string[];
  /** Units directly below this node in the territory whose key is not enrolled. */
  notEnrolled: string[];
  /** The latest refused bundles, newest first (at most 20). */
  rejected: {
    file: string;
    sender: string;
    sequence: number;
    reason: string;
    at: string;
    /** False: not signed by an enrolled key (« expéditeur inconnu »), whatever `sender` claims. */
    signed: boolean;
    remoteAddress: string | null;
  }[];
  /**
   * Bundles still in `outbox/<code>/` (for a courier, or the next HTTP send), oldest first, and
   * how many were delivered over HTTP (`outbox/<code>/envoyes/`), per recipient folder.
   */
  outbox: { recipient: string; waiting: string[]; sentOverHttp: number }[];
}

export async function getBundleStatus(node: Node): Promise<BundleStatus> {
  const { db, identity } = node;
  const keys = await db.selectFrom('trusted_key').selectAll().orderBy('node_code').execute();
  const peers = new Map(
    (await db.selectFrom('sync_peer').selectAll().execute()).map((p) => [p.peer_code, p]),
  );
  const grouped = await groupedBundleLog(db);
  const counts = { applied: 0, duplicate: 0, rejected: 0, written: 0 };
  const unknownSender = { rejected: 0, lastAt: null as string | null };
  for (const g of grouped) {
    counts[g.status] += Number(g.n);
    if (g.direction === 'in' && g.status === 'rejected' && g.signed !== 1) {
      unknownSender.rejected += Number(g.n);
      if (!unknownSender.lastAt || String(g.last_at) > unknownSender.lastAt)
        unknownSender.lastAt = String(g.last_at);
    }
  }
  // A neighbour's lines are the ones it signed: a stranger claiming its code is not counted here.
  const find = (direction: 'in' | 'out', code: string, status: string) =>
    grouped.find(
      (g) =>
        g.direction === direction &&
        g.status === status &&
        g.signed === 1 &&
        (direction === 'in' ? g.sender : g.recipient) === code,
    );
  const neighbours: NeighbourBundles[] = keys.map((k) => {
    const applied = find('in', k.node_code, 'applied');
    const written = find('out', k.node_code, 'written');
    return {
      code: k.node_code,
      relation: k.relation,
      level: k.level,
      revoked: k.revoked_at !== null,
      received: {
        applied: Number(applied?.n ?? 0),
        duplicate: Number(find('in', k.node_code, 'duplicate')?.n ?? 0),
        rejected: Number(find('in', k.node_code, 'rejected')?.n ?? 0),
        lastSequence: applied ? Number(applied.last_sequence) : null,
        lastAppliedAt: applied ? String(applied.last_at) : null,
      },
      sent: {
        written: Number(written?.n ?? 0),
        lastSequence: written ? Number(written.last_sequence) : null,
        lastWrittenAt: written ? String(written.last_at) : null,
        acknowledgedSequence: peers.get(k.node_code)?.peer_acked_sequence ?? 0,
      },
    };
  });
  const enrolled = new Set(keys.map((k) => k.node_code));
  const below = identity.level === 'cercle' ? [] : (await loadHierarchy(db)).childrenOf(identity.code);
  const rejected = await db
    .selectFrom('bundle_log')
    .select(['file_name', 'sender', 'sequence', 'reason', 'at', 'signed', 'remote_address'])
    .where('direction', '=', 'in')
    .where('status', '=', 'rejected')
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  return {
    counts,
    unknownSender,
    rejectedQuota: await rejectedQuota(node),
    neighbours,
    missing: neighbours.filter((n) => !n.revoked && n.received.applied === 0).map((n) => n.code),
    notEnrolled: below.map((u) => u.code).filter((c) => !enrolled.has(c)),
    rejected: rejected.map((r) => ({
      file: r.file_name,
      sender: r.sender,
      sequence: r.sequence,
      reason: r.reason ?? '',
      at: r.at,
      signed: r.signed === 1,
      remoteAddress: r.remote_address,
    })),
    outbox: outboxSummary(node),
  };
}

function outboxSummary(node: Node): BundleStatus['outbox'] {
  const waiting = waitingBundles(node.paths);
  const folders = existsSync(node.paths.outbox)
    ? readdirSync(node.paths.outbox, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
    : [];
  return folders.sort().map((recipient) => ({
    recipient,
    waiting: waiting.filter((w) => w.recipient === recipient).map((w) => w.name),
    sentOverHttp: sentCount(node.paths, recipient),
  }));
}
