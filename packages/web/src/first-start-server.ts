import { OiseError } from '@oise/core';
import { type Node, folderForNewNode } from '@oise/node';
import { createFirstStartApp } from './areas/premier-demarrage.js';
import type { JobRunner } from './jobs/job-runner.js';
import { isLoopbackAddress } from './security/host-guard.js';
import { type WebServer, type WebServerOptions, listenHttp, nodeApp } from './server.js';

/** The pages of a folder without a node: the first start, then the new node's own pages. */
export interface FirstStartServer extends WebServer {
  /** Resolves with the node once « Créer le nœud » made it (open: the caller closes it). */
  created: Promise<Node>;
}

/**
 * Serves « Premier démarrage d'OISE » on `dir`, a folder that is missing or empty (anything else
 * is refused, `folderForNewNode`). Loopback only: a node without accounts must not be reachable
 * from the network (`WEB_FIRST_START_LOOPBACK`). Once the form has created the node, the same
 * listener answers with the node's pages (`createWebApp`), without a restart.
 */
export async function startFirstStartServer(
  dir: string,
  options: WebServerOptions,
): Promise<FirstStartServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackAddress(host))
    throw new OiseError(
      'WEB_FIRST_START_LOOPBACK',
      `le dossier « ${dir} » ne contient pas encore de nœud : son premier démarrage se fait sur ce poste seulement (--host 127.0.0.1, par défaut), car un nœud sans compte ne doit pas être joignable depuis le réseau. Créez le nœud, ajoutez un compte (oise user add), puis servez les pages sur ${host}.`,
      { file: dir },
    );
  folderForNewNode(dir);
  let port = options.port ?? 8800;
  let jobs: JobRunner | undefined;
  let announce: (node: Node) => void = () => {};
  const created = new Promise<Node>((resolve) => {
    announce = resolve;
  });
  let current = createFirstStartApp({
    mode: 'loopback',
    dir,
    clock: options.clock,
    clockMs: options.clockMs,
    secureCookies: options.tls !== undefined,
    port: () => port,
    log: options.log ?? (() => {}),
    ...(options.lang ? { lang: options.lang } : {}),
    created: (node) => {
      const pages = nodeApp(node, options, 'loopback', () => port);
      jobs = pages.jobs;
      current = pages.app;
      announce(node);
    },
  });
  const listener = await listenHttp((request, env) => current.fetch(request, env), options, host, port);
  port = listener.port;
  return {
    ...listener.address,
    mode: 'loopback',
    insecure: false,
    created,
    close: async () => {
      await jobs?.settle();
      await listener.close();
    },
  };
}
