import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { LoginThrottle, hasAccounts, purgeExpiredSessions } from '@oise/accounts';
import { OiseError } from '@oise/core';
import type { Node } from '@oise/node';
import { removeOrphanUploads } from '@oise/sync';
import { createWebApp } from './app.js';
import { JobRunner } from './jobs/job-runner.js';
import type { Lang } from './messages/lang.js';
import { isLoopbackAddress } from './security/host-guard.js';
import type { WebDeps, WebMode } from './web-env.js';

export interface WebServerOptions {
  /** Interface to listen on (default 127.0.0.1: this PC only, no sign-in). */
  host?: string;
  /** Port (default 8800; 0 picks a free one, see `WebServer.port`). */
  port?: number;
  /** PEM certificate and key: the pages are served over HTTPS. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  clock: () => string;
  clockMs: () => number;
  log?: (line: string) => void;
  /** Whole request, uploads included (default 15 minutes: 64 Mio on a slow line). */
  requestTimeoutMs?: number;
  /** Request headers (default 30 s). */
  headersTimeoutMs?: number;
  /** A silent connection is closed after (default 2 minutes). */
  idleTimeoutMs?: number;
  /** Where the node's HTTP inbox listens, when the same process opens it (shown on *Paquets*). */
  inboxAddress?: () => string | undefined;
  /** The pages' language for this process (`oise ui --lang en`), over the node's `web.langue`. */
  lang?: Lang;
}

export interface WebServer {
  host: string;
  port: number;
  /** `http://127.0.0.1:8800/` — the address to open. */
  url: string;
  mode: WebMode;
  /** Plain HTTP beyond loopback: passwords and figures cross the network in clear. */
  insecure: boolean;
  /** Stops accepting, lets requests in progress finish (a few seconds at most), closes. */
  close(): Promise<void>;
}

/**
 * Serves the node's pages. On a loopback address nobody signs in; on any other address every
 * request needs an account (`oise user add`), and starting without one is refused.
 */
export async function startWebServer(node: Node, options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  const mode: WebMode = isLoopbackAddress(host) ? 'loopback' : 'accounts';
  if (mode === 'accounts') {
    if (!(await hasAccounts(node.db))) {
      throw new OiseError(
        'WEB_NO_ACCOUNT',
        `les pages servies sur ${host} demandent une connexion, et ce nœud n'a aucun compte : créez-en un avec « oise user add --dir … --login … --role admin », ou servez les pages sur ce poste seulement (--host 127.0.0.1).`,
      );
    }
    await purgeExpiredSessions(node.db, options.clock());
  }
  let port = options.port ?? 8800;
  const { app, jobs } = nodeApp(node, options, mode, () => port);
  const listener = await listenHttp(app.fetch, options, host, port);
  port = listener.port;
  return {
    ...listener.address,
    mode,
    insecure: mode === 'accounts' && !options.tls,
    close: async () => {
      // A long step under way (publishing, an import) finishes first: nothing half-written.
      await jobs.settle();
      await listener.close();
    },
  };
}

/** The node's pages: its deps (the runner of long steps, the login throttle) and its app. */
export function nodeApp(
  node: Node,
  options: WebServerOptions,
  mode: WebMode,
  port: () => number,
): { app: ReturnType<typeof createWebApp>; jobs: JobRunner } {
  const log = options.log ?? (() => {});
  const jobs = new JobRunner({ clock: options.clock, lockPath: node.paths.lock, log });
  // Hidden files of drops a crash left in the inbox (this server is not listening yet).
  for (const name of removeOrphanUploads(node.paths, 'web'))
    log(`fichier temporaire abandonné supprimé : inbox/${name}`);
  const deps: WebDeps = {
    node,
    mode,
    clock: options.clock,
    clockMs: options.clockMs,
    secureCookies: options.tls !== undefined,
    port,
    throttle: new LoginThrottle(),
    log,
    jobs,
    ...(options.inboxAddress ? { inboxAddress: options.inboxAddress } : {}),
    ...(options.lang ? { lang: options.lang } : {}),
  };
  return { app: createWebApp(deps), jobs };
}

/** What answers each request (a Hono app's `fetch`). */
type FetchCallback = Parameters<typeof createAdaptorServer>[0]['fetch'];

/** A listening HTTP(S) server: where it listens, and how to stop it. */
export interface HttpListener {
  port: number;
  address: { host: string; port: number; url: string };
  /** Stops accepting, lets requests in progress finish (a few seconds at most), closes. */
  close(): Promise<void>;
}

/** Listens with the pages' limits (headers, whole request, idle connection) and answers with `fetch`. */
export async function listenHttp(
  fetch: FetchCallback,
  options: WebServerOptions,
  host: string,
  port: number,
): Promise<HttpListener> {
  const limits = {
    requestTimeout: options.requestTimeoutMs ?? 15 * 60_000,
    headersTimeout: options.headersTimeoutMs ?? 30_000,
    keepAliveTimeout: 5_000,
    maxHeaderSize: 16 * 1024,
  };
  const server = options.tls
    ? createAdaptorServer({
        fetch,
        createServer: createHttpsServer,
        serverOptions: { ...limits, cert: options.tls.cert, key: options.tls.key },
      })
    : createAdaptorServer({ fetch, createServer: createHttpServer, serverOptions: limits });
  const http = server as import('node:http').Server;
  http.setTimeout(options.idleTimeoutMs ?? 120_000);
  http.maxHeadersCount = 64;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const listening = (http.address() as AddressInfo).port;
  const scheme = options.tls ? 'https' : 'http';
  return {
    port: listening,
    address: {
      host,
      port: listening,
      url: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${listening}/`,
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeIdleConnections();
        const grace = setTimeout(() => http.closeAllConnections(), 5_000);
        grace.unref();
      }),
  };
}
