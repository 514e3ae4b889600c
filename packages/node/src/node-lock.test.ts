import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { acquireNodeLock, tryAcquireNodeLock, waitForNodeLock } from './node-lock.js';

describe('node lock', () => {
  test('waitForNodeLock waits while another holds the lock, says so, takes it once free, or gives up', async ({
    tmp,
  }) => {
    const path = join(tmp, 'node.lock');
    const now = () => '2025-04-01T06:30:00Z';
    const pass = acquireNodeLock(path, now());
    let waits = 0;
    setTimeout(() => pass.release(), 60);
    const lock = await waitForNodeLock(path, now, { waitMs: 5_000, retryMs: 10, onWait: () => waits++ });
    expect(lock).toBeDefined();
    expect(waits).toBeGreaterThan(0);
    // Held now: a short wait gives up with nothing, and the holder keeps it.
    expect(await waitForNodeLock(path, now, { waitMs: 30, retryMs: 10 })).toBeUndefined();
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    lock!.release();
    expect(existsSync(path)).toBe(false);
  });

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
