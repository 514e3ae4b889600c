import { join } from 'node:path';

/** Where a node keeps what: one folder per node, the same layout at every level. */
export interface NodePaths {
  root: string;
  database: string;
  keys: string;
  privateKey: string;
  publicKey: string;
  inbox: string;
  applied: string;
  rejected: string;
  outbox: string;
  reports: string;
  lock: string;
}

export function nodePaths(dir: string): NodePaths {
  return {
    root: dir,
    database: join(dir, 'node.sqlite'),
    keys: join(dir, 'keys'),
    privateKey: join(dir, 'keys', 'private.pem'),
    publicKey: join(dir, 'keys', 'public.pem'),
    inbox: join(dir, 'inbox'),
    applied: join(dir, 'inbox', 'applied'),
    rejected: join(dir, 'inbox', 'rejected'),
    outbox: join(dir, 'outbox'),
    reports: join(dir, 'reports'),
    lock: join(dir, 'node.lock'),
  };
}

/** The folder of bundles waiting for one recipient: `outbox/<code>/`. */
export function outboxFor(paths: NodePaths, recipient: string): string {
  return join(paths.outbox, recipient);
}
