import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { OiseError } from '@oise/core';

/** A held node lock; `release` removes the lock file. */
export interface NodeLock {
  release(): void;
}

/**
 * One writer at a time on a node (a pass of `oise run`, a bundle applied by `oise serve`): an
 * exclusive lock file (`node.lock`) holding the owner's pid. A lock left by a process that died
 * (killed, power cut) is taken over, so a crash never blocks the node. Throws `NODE_BUSY` while
 * a live process holds it.
 */
export function acquireNodeLock(path: string, now: string): NodeLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, since: now }));
      closeSync(fd);
      return {
        release() {
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder && isProcessAlive(holder.pid)) {
        throw new OiseError(
          'NODE_BUSY',
          `Un autre passage est déjà en cours sur ce nœud (processus ${holder.pid}, depuis ${holder.since}). Attendez qu'il se termine.`,
          { file: path },
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new OiseError('NODE_BUSY', `Le verrou ${path} n'a pas pu être pris. Réessayez.`, { file: path });
}

/** As `acquireNodeLock`, but `undefined` instead of `NODE_BUSY` while another process holds it. */
export function tryAcquireNodeLock(path: string, now: string): NodeLock | undefined {
  try {
    return acquireNodeLock(path, now);
  } catch (error) {
    if (error instanceof OiseError && error.code === 'NODE_BUSY') return undefined;
    throw error;
  }
}

/**
 * Takes the lock, waiting while another process holds it: tried every `retryMs`, `onWait` called
 * before each wait (a page says « en attente »), given up after `waitMs` (then `undefined`: the
 * caller decides, fail or leave the work for the next pass). `now` gives the time written in
 * the lock.
 */
export async function waitForNodeLock(
  path: string,
  now: () => string,
  options: { waitMs: number; retryMs: number; onWait?: () => void },
): Promise<NodeLock | undefined> {
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const lock = tryAcquireNodeLock(path, now());
    if (lock || Date.now() >= deadline) return lock;
    options.onWait?.();
    await new Promise((r) => setTimeout(r, options.retryMs));
  }
}

function readHolder(path: string): { pid: number; since: string } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; since?: unknown };
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, since: String(parsed.since) } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid runs on this machine (this process included). */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
