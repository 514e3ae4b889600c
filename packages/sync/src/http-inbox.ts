import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { formatDateTimeFr } from '@oise/core';
import { type Node, tryAcquireNodeLock } from '@oise/node';
import { DEFAULT_LIMITS, oversizedBundle } from './bundle-format.js';
import { announced, logBundle } from './bundle-log.js';
import { getBundleStatus } from './bundle-status.js';
import { INBOX_PATH } from './http-send.js';
import { scanInbox } from './inbox-files.js';
import { type InboxLimits, inboxLimits } from './inbox-limits.js';
import { removeOrphanUploads, stageInboxFile } from './inbox-staging.js';
import { ingestBundles } from './ingest-bundles.js';
import { overQuotaWarning, rejectedQuota } from './rejected-quota.js';
import { type GateRefusal, UploadGate } from './upload-gate.js';
import { UploadGuard } from './upload-guard.js';

/*
 * The node's inbox over HTTP (`oise serve`):
 *
 *   any request ─▶ requests a minute per address (429) ─▶ upload slots, per address and in all (429/503)
 *   POST /paquets ─▶ body streamed through an UploadGuard to inbox/.http-….tmp: cut off (nothing
 *        │ kept, one log line) when over size, idle, too slow, or when its manifest — the first
 *        │ line, read from the first kilobytes — names another recipient or a sender not enrolled
 *        ▼ renamed in inbox/ as http-<random>-<name from the manifest>
 *        │ pass lock free?  ── no ──▶ 202 queued (the next `oise run` applies it)
 *        ▼ yes
 *      ingest (the same checks as a file on a USB key) ─▶ 200 applied|duplicate, 422 rejected;
 *      a refused body not signed by an enrolled key is deleted, a signed one kept within the quota
 *   GET|HEAD /etat ─▶ code, level, last bundle applied per neighbour (no figures)
 *
 * Authentication is the bundle's Ed25519 signature: a sender not enrolled here is refused by
 * ingest exactly as for a file. Limits: inbox-limits.ts (settings `serve.*`), RELIABILITY.md.
 */

export interface HttpInboxOptions {
  /** Interface to listen on (default 127.0.0.1: only this PC). */
  host?: string;
  /** Port (default 8080; 0 picks a free one, see `HttpInbox.port`). */
  port?: number;
  /** ISO timestamp of "now", read for every request. */
  clock: () => string;
  /** Largest body accepted (default: ingest's own limit, `DEFAULT_LIMITS.maxCompressedBytes`). */
  maxBytes?: number;
  /** Limits of uploads and requests; default: the node's settings (`inboxLimits`). */
  limits?: Partial<InboxLimits>;
  /** Whole request, body included (default 15 minutes: a large bundle on a slow line). */
  requestTimeoutMs?: number;
  /** Request headers (default 30 s). */
  headersTimeoutMs?: number;
  /** A connection silent for this long is closed (default 2 minutes). */
  idleTimeoutMs?: number;
  /** One French line per request. */
  log?: (line: string) => void;
  /**
   * Called under the node's lock right after a bundle was applied (`oise serve` and `oise ui` give
   * workflow's `consolidateOnArrival`, so the pages show the new figures at once); a failure is
   * logged, the bundle stays applied.
   */
  afterApplied?: (now: string) => Promise<unknown>;
}

export interface HttpInbox {
  host: string;
  port: number;
  url: string;
  /** Stops accepting, lets the request in progress finish, then closes every connection. */
  close(): Promise<void>;
}

/** The JSON answer to an upload. */
export interface UploadAnswer {
  status: 'applied' | 'duplicate' | 'rejected' | 'queued';
  reason: string;
  code?: string | null;
  sender?: string | null;
  sequence: number | null;
  rows: number;
}

const GZIP_TYPES = new Set(['application/gzip', 'application/x-gzip', 'application/octet-stream']);
const QUEUED_REASON = 'reçu, sera appliqué au prochain passage';
const ABORTED = 'envoi interrompu par le client, rien gardé';
/** How long a cut-off upload's connection stays open for its answer to be read. */
const LINGER_MS = 2_000;

/** Starts the HTTP inbox of an open node; resolves once it listens. */
export async function startHttpInbox(node: Node, options: HttpInboxOptions): Promise<HttpInbox> {
  const maxBytes = options.maxBytes ?? DEFAULT_LIMITS.maxCompressedBytes;
  const limits: InboxLimits = { ...(await inboxLimits(node)), ...options.limits };
  const gate = new UploadGate(limits);
  const log = options.log ?? (() => {});
  // Temporary files a crash left behind (none is being written: this server is not listening yet).
  for (const name of removeOrphanUploads(node.paths, 'http'))
    log(`  fichier temporaire abandonné supprimé : inbox/${name}`);
  // Bundles are applied one at a time in this process; the lock keeps other processes out.
  let ingestChain: Promise<unknown> = Promise.resolve();
  const serialize = <T>(work: () => Promise<T>): Promise<T> => {
    const next = ingestChain.then(work);
    ingestChain = next.catch(() => {});
    return next;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, remote: string): Promise<string> => {
    const path = (req.url ?? '/').split('?')[0]?.replace(/\/+$/, '') || '/';
    const busy = gate.request(remote);
    if (busy) return wait(res, busy);
    if (path === '/etat') {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return reply(res, 405, { reason: 'utilisez GET.' }, { allow: 'GET, HEAD' });
      return reply(res, 200, await healthOf(node, options.clock()));
    }
    if (path !== INBOX_PATH) {
      return reply(res, 404, { reason: `adresse inconnue : envoyez les paquets sur POST ${INBOX_PATH}.` });
    }
    if (req.method !== 'POST') return reply(res, 405, { reason: 'utilisez POST.' }, { allow: 'POST' });
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!GZIP_TYPES.has(type)) {
      return reply(
        res,
        415,
        { reason: 'envoyez le fichier du paquet tel quel avec « Content-Type: application/gzip ».' },
        { connection: 'close' },
      );
    }
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (declared > maxBytes) return tooLarge(res, declared, maxBytes);
    const slot = gate.enter(remote);
    if ('status' in slot) return wait(res, slot);
    try {
      const guard = new UploadGuard({ ...limits, maxBytes }, node);
      req.on('close', () => {
        if (!req.complete) guard.destroy();
      });
      req.pipe(guard);
      const upload = await stageInboxFile(node.paths, guard, { maxBytes, origin: 'http' });
      const now = options.clock();
      if (guard.cut) {
        // Cut off before the end: nothing kept, one line in the bundle log with size, address, time.
        const cut = guard.cut;
        req.unpipe(guard);
        const said = announced(cut.manifest);
        await logBundle(node.db, {
          direction: 'in',
          file: `(envoi HTTP de ${remote})`,
          status: 'rejected',
          reason: `[${cut.code}] ${cut.message}`,
          bundle: { ...said, recipient: said.recipient || node.identity.code },
          sha256: said.contentSha256 ?? '',
          bytes: cut.bytesRead,
          at: now,
          remoteAddress: remote,
        });
        const status = cut.code === 'BUNDLE_TOO_LARGE' ? 413 : cut.code === 'UPLOAD_TOO_SLOW' ? 408 : 422;
        // Not another byte read. The connection lingers a moment so the sender reads this answer
        // (closing with its bytes unread would reset it), then it is cut.
        req.pause();
        res.once('finish', () => setTimeout(() => req.socket.destroy(), LINGER_MS));
        const who = said.sender ? ` (se dit ${said.sender})` : '';
        return reply(
          res,
          status,
          {
            status: 'rejected',
            code: cut.code,
            reason: cut.message,
            sender: said.sender,
            sequence: said.sequence,
            rows: said.rowCount,
          },
          {},
          `coupé après ${cut.bytesRead} octets lus${who} — [${cut.code}] ${cut.message}`,
        );
      }
      if (upload.kind === 'aborted') {
        res.destroy();
        return ABORTED;
      }
      if (upload.kind === 'too-large') return tooLarge(res, upload.size, maxBytes);
      if (upload.kind === 'write-failed') {
        log(`  écriture impossible dans inbox/ : ${upload.message}`);
        return reply(res, 500, {
          reason: "le serveur n'a pas pu enregistrer le paquet ; réessayez plus tard.",
        });
      }
      // The name a person reads in inbox/ comes from the manifest, never from the sender's header.
      const stored = upload.file.commit(guard.bundleName);
      const storedName = basename(stored);
      const answer = await serialize(async (): Promise<UploadAnswer> => {
        // The node's lock (@oise/node), the same as a pass of `oise run` takes.
        const lock = tryAcquireNodeLock(node.paths.lock, now);
        if (!lock) return { status: 'queued', reason: QUEUED_REASON, sequence: null, rows: 0 };
        try {
          const [r] = await ingestBundles(node, { now, files: [stored], network: { address: remote } });
          if (!r) throw new Error('ingest returned nothing');
          const common = { sender: r.sender, sequence: r.sequence, rows: r.rows };
          if (r.status === 'applied' && options.afterApplied)
            await options
              .afterApplied(now)
              .catch((error: unknown) =>
                log(`  après application : ${error instanceof Error ? error.message : String(error)}`),
              );
          if (r.status === 'applied')
            return {
              status: 'applied',
              reason: `appliqué : ${r.changed} ligne(s) nouvelle(s) ou modifiée(s)`,
              ...common,
            };
          if (r.status === 'duplicate')
            return { status: 'duplicate', reason: 'déjà appliqué : rien de nouveau', ...common };
          return { status: 'rejected', code: r.code, reason: r.reason ?? 'refusé', ...common };
        } finally {
          lock.release();
        }
      });
      if (answer.status === 'rejected') {
        const warning = overQuotaWarning(await rejectedQuota(node));
        if (warning) log(`  ${warning}`);
      }
      const http = answer.status === 'rejected' ? 422 : answer.status === 'queued' ? 202 : 200;
      const who = answer.sender ? `${answer.sender} n° ${answer.sequence}` : 'expéditeur inconnu';
      return reply(
        res,
        http,
        answer,
        {},
        `${who} — ${answer.reason} (${storedName}, ${upload.file.size} octets)`,
      );
    } finally {
      slot.release();
    }
  };

  // Each log line opens with the request's time as a person reads it, Bamako time.
  const stamp = () => formatDateTimeFr(options.clock());
  const server = createServer(
    {
      requestTimeout: options.requestTimeoutMs ?? 15 * 60_000,
      headersTimeout: options.headersTimeoutMs ?? 30_000,
      keepAliveTimeout: 5_000,
      maxHeaderSize: 16 * 1024,
    },
    (req, res) => {
      const remote = req.socket.remoteAddress ?? '?';
      handle(req, res, remote)
        .then((summary) =>
          log(
            `${stamp()} ${remote} ${req.method} ${req.url} → ${summary === ABORTED ? 'interrompu' : res.statusCode} ${summary}`,
          ),
        )
        .catch((error: unknown) => {
          // Never a stack trace to the client; the message goes to the node's log only.
          log(
            `${stamp()} ${remote} ${req.method} ${req.url} → 500 erreur interne : ${(error as Error).message}`,
          );
          if (!res.headersSent)
            reply(res, 500, { reason: 'erreur interne du serveur OISE ; voir son journal.' });
          else res.destroy();
        });
    },
  );
  server.setTimeout(options.idleTimeoutMs ?? 120_000);
  server.maxHeadersCount = 64;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    host,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // A request still uploading gets a moment to finish, then its connection is cut.
        const grace = setTimeout(() => server.closeAllConnections(), 5_000);
        grace.unref();
        void ingestChain.then(() => server.closeIdleConnections());
      }),
  };
}

function wait(res: ServerResponse, refusal: GateRefusal): string {
  return reply(
    res,
    refusal.status,
    { reason: refusal.reason },
    { connection: 'close', 'retry-after': String(refusal.retryAfter) },
  );
}

function tooLarge(res: ServerResponse, size: number, maxBytes: number): string {
  const { code, message } = oversizedBundle(size, maxBytes);
  return reply(res, 413, { status: 'rejected', code, reason: message }, { connection: 'close' });
}

/** Writes a JSON answer; returns the summary for the log line. */
function reply(
  res: ServerResponse,
  status: number,
  body: object,
  headers: Record<string, string> = {},
  summary?: string,
): string {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  // HEAD: the same status and headers as GET, no body.
  res.end(res.req?.method === 'HEAD' ? undefined : text);
  return summary ?? ('reason' in body ? String(body.reason) : 'ok');
}

/** `GET /etat`: who this node is and what it last applied from each neighbour; no figures. */
async function healthOf(node: Node, now: string) {
  const bundles = await getBundleStatus(node);
  return {
    service: 'oise',
    node: node.identity.code,
    level: node.identity.level,
    parent: node.identity.parentCode,
    at: now,
    waitingInInbox: (await scanInbox(node.paths)).candidates.length,
    neighbours: bundles.neighbours
      .filter((n) => !n.revoked)
      .map((n) => ({
        code: n.code,
        relation: n.relation,
        lastApplied:
          n.received.lastSequence === null
            ? null
            : { sequence: n.received.lastSequence, at: n.received.lastAppliedAt },
      })),
  };
}
