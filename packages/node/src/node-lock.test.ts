import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { acquireNodeLock, tryAcquireNodeLock } from './node-lock.js';

describe('node lock', () => {
  test('two passes at once on one node cannot both run', ({ tmp }) => {
    const path = join(tmp, 'node.lock');
    const first = acquireNodeLock(path, '2025-04-01T06:30:00Z');
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    expect(() => acquireNodeLock(path, '2025-04-01T06:31:00Z')).toThrow(/Un autre passage est déjà en cours/);
    // The HTTP inbox's way: no error, just nothing while the pass holds it.
    expect(tryAcquireNodeLock(path, '2025-04-01T06:31:00Z')).toBeUndefined();
    first.release();
    const second = tryAcquireNodeLock(path, '2025-04-01T06:32:00Z');
    expect(JSON.parse(readFileSync(path, 'utf8')).since).toBe('2025-04-01T06:32:00Z');
    expect(second).toBeDefined();
    second!.release();
    expect(existsSync(path)).toBe(false);
    acquireNodeLock(path, '2025-04-01T06:33:00Z').release();
  });

  test('a lock left by a process that died is taken over', ({ tmp }) => {
    const path = join(tmp, 'node.lock');
    // A real process that has exited: its pid is free.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(path, JSON.stringify({ pid: Number(dead.stdout), since: '2025-04-01T06:30:00Z' }));
    const lock = acquireNodeLock(path, '2025-04-02T06:30:00Z');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      pid: process.pid,
      since: '2025-04-02T06:30:00Z',
    });
    lock.release();
  });
});
