import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { OiseError } from '@oise/core';

/**
 * One pass at a time on a node: an exclusive lock file holding the owner's pid. A lock left
 * by a process that died (killed, power cut) is taken over, so a crash never blocks the node.
 */
export interface NodeLock {
  release(): void;
}

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
      if (holder && isAlive(holder.pid)) {
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

function readHolder(path: string): { pid: number; since: string } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; since?: unknown };
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, since: String(parsed.since) } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
