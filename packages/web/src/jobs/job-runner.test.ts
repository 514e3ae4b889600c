import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OiseError } from '@oise/core';
import { acquireNodeLock } from '@oise/node';
import { afterEach, describe, expect, it } from 'vitest';
import { JobRunner } from './job-runner.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function runner(extra: Partial<ConstructorParameters<typeof JobRunner>[0]> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'oise-jobs-'));
  dirs.push(dir);
  const logged: string[] = [];
  const jobs = new JobRunner({
    clock: () => '2025-04-10T09:00:00.000Z',
    lockPath: join(dir, 'node.lock'),
    log: (l) => logged.push(l),
    lockRetryMs: 10,
    ...extra,
  });
  return { jobs, lockPath: join(dir, 'node.lock'), logged };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('JobRunner', () => {
  it('runs a step in the background, with its progress, its outcome and its result', async () => {
    const { jobs } = runner();
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { job, started } = jobs.start({
      key: 'publish:2025Q1',
      title: 'Publication',
      author: 'awa',
      lockNode: false,
      work: async (report) => {
        report({ done: 1, total: 3, step: 'rapport 1 sur 3' });
        await gate;
        return { result: { files: 3 }, message: '3 rapports.', resultHref: '/rapports' };
      },
    });
    expect(started).toBe(true);
    expect(job.state).toBe('waiting');
    await until(() => jobs.get(job.id)?.progress.done === 1);
    expect(jobs.get(job.id)).toMatchObject({
      state: 'running',
      progress: { total: 3, step: 'rapport 1 sur 3' },
    });
    // A second click while it runs gets the running step.
    const again = jobs.start({
      key: 'publish:2025Q1',
      title: 'Publication',
      author: 'awa',
      lockNode: false,
      work: async () => {
        throw new Error('must not run');
      },
    });
    expect(again).toMatchObject({ started: false, job: { id: job.id } });
    release();
    await jobs.settle();
    expect(jobs.get(job.id)).toMatchObject({
      state: 'done',
      message: '3 rapports.',
      resultHref: '/rapports',
      progress: { done: 3, total: 3 },
    });
    expect(jobs.result<{ files: number }>(job.id, (k) => k.startsWith('publish:'))).toEqual({ files: 3 });
    expect(jobs.result(job.id, (k) => k.startsWith('import:'))).toBeUndefined();
    expect(jobs.runningFor('publish:2025Q1')).toBeUndefined();
  });

  it("says an OiseError's French message; any other failure is logged, not shown", async () => {
    const { jobs, logged } = runner();
    const a = jobs.start({
      key: 'a',
      title: 'A',
      author: undefined,
      lockNode: false,
      work: async () => {
        throw new OiseError('NODE_BUSY', 'le nœud est occupé.');
      },
    }).job;
    const b = jobs.start({
      key: 'b',
      title: 'B',
      author: undefined,
      lockNode: false,
      work: async () => {
        throw new TypeError('x is undefined');
      },
    }).job;
    await jobs.settle();
    expect(jobs.get(a.id)).toMatchObject({ state: 'failed', message: 'le nœud est occupé.' });
    expect(jobs.get(b.id)?.message).toMatch(/^l'opération a échoué sur le serveur/);
    expect(logged).toEqual(['B : échec : TypeError: x is undefined']);
  });

  it('waits for the node lock a pass holds, says so, and takes it', async () => {
    const { jobs, lockPath } = runner();
    const pass = acquireNodeLock(lockPath, '2025-04-10T09:00:00.000Z');
    let ranUnderLock = false;
    const { job } = jobs.start({
      key: 'ingest',
      title: 'Paquets',
      author: undefined,
      lockNode: true,
      work: async () => {
        expect(() => acquireNodeLock(lockPath, '2025-04-10T09:00:00.000Z')).toThrow();
        ranUnderLock = true;
        return { result: null, message: 'fait.' };
      },
    });
    await until(() => jobs.get(job.id)?.progress.step.startsWith('en attente') === true);
    expect(ranUnderLock).toBe(false);
    pass.release();
    await jobs.settle();
    expect(ranUnderLock).toBe(true);
    expect(jobs.get(job.id)?.state).toBe('done');
    // Released after the step.
    acquireNodeLock(lockPath, '2025-04-10T09:00:00.000Z').release();
  });

  it('gives up on a lock held too long, in French', async () => {
    const { jobs, lockPath } = runner({ lockWaitMs: 30 });
    writeFileSync(lockPath, JSON.stringify({ pid: process.pid, since: '2025-04-10T08:00:00.000Z' }));
    const { job } = jobs.start({
      key: 'k',
      title: 'K',
      author: undefined,
      lockNode: true,
      work: async () => ({ result: null, message: 'fait.' }),
    });
    await jobs.settle();
    expect(jobs.get(job.id)).toMatchObject({ state: 'failed' });
    expect(jobs.get(job.id)?.message).toMatch(/^le nœud est occupé par un passage/);
  });

  it('forgets the oldest finished steps beyond what it keeps', async () => {
    const { jobs } = runner({ keep: 2 });
    const ids: string[] = [];
    for (const k of ['1', '2', '3', '4']) {
      ids.push(
        jobs.start({
          key: k,
          title: k,
          author: undefined,
          lockNode: false,
          work: async () => ({ result: k, message: k }),
        }).job.id,
      );
      await jobs.settle();
    }
    expect(ids.map((id) => jobs.get(id)?.key)).toEqual([undefined, undefined, '3', '4']);
  });
});
