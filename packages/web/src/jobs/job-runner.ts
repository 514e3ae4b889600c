import { randomBytes } from 'node:crypto';
import { OiseError } from '@oise/core';
import { type NodeLock, waitForNodeLock } from '@oise/node';
import { type Lang, errorMessage, text } from '../messages/lang.js';
import { travauxText } from '../messages/travaux.js';

/** How far a long step has gone: `done` of `total` units (files, reports, bundles), and what it is doing. */
export interface JobProgress {
  done: number;
  total: number;
  /** French, e.g. « rapport 3 sur 12 : classeur de Ségou ». */
  step: string;
}

export type JobState = 'waiting' | 'running' | 'done' | 'failed';

/** A long step as a page shows it. */
export interface JobView {
  id: string;
  /** What makes two clicks the same step (`publish:2025Q1`): never run twice at once. */
  key: string;
  /** French: « Publication des rapports du 1er trimestre 2025 ». */
  title: string;
  state: JobState;
  progress: JobProgress;
  startedAt: string;
  finishedAt: string | undefined;
  /** French: what came of it (done), or why it failed (failed). */
  message: string | undefined;
  /** Where to read the result (a page of the area that started it). */
  resultHref: string | undefined;
  /** Who started it (login, or undefined on loopback). */
  author: string | undefined;
}

/** What a finished step says: one French sentence, and the page that shows its result. */
export interface JobOutcome<T> {
  result: T;
  message: string;
  resultHref?: string;
}

export interface JobSpec<T> {
  key: string;
  title: string;
  author: string | undefined;
  /** Take the node's lock for the whole step (it writes the node), waiting while a pass holds it. */
  lockNode: boolean;
  /** The language of the runner's own sentences (the wait, a failure); French by default. */
  lang?: Lang;
  work: (report: (progress: JobProgress) => void) => Promise<JobOutcome<T>>;
}

interface Job extends JobView {
  result: unknown;
}

export interface JobRunnerOptions {
  clock: () => string;
  /** The node's lock file. */
  lockPath: string;
  log: (line: string) => void;
  /** Steps kept for their pages, running ones included (default 50; the oldest finished go first). */
  keep?: number;
  /** Between two tries of a lock a pass holds (default 1 s). */
  lockRetryMs?: number;
  /** Longest wait for the lock before giving up (default 10 minutes). */
  lockWaitMs?: number;
}

/**
 * Runs the pages' long steps (publishing, ingest, a large import) in the background of the
 * server, so a page never waits for them: the route starts the step and sends the browser to
 * its progress page, which asks for the state (`/travaux/:id/etat`) until it is done. A second
 * click while a step of the same key runs gets the running one, never a second run. Steps that
 * write the node take its lock, like a pass of `oise run`, and wait while a pass holds it.
 */
export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Map<string, string>();
  private readonly keep: number;

  constructor(private readonly options: JobRunnerOptions) {
    this.keep = options.keep ?? 50;
  }

  /** Starts a step, or returns the one of the same key still running (`started: false`). */
  start<T>(spec: JobSpec<T>): { job: JobView; started: boolean } {
    const runningId = this.running.get(spec.key);
    const current = runningId ? this.jobs.get(runningId) : undefined;
    if (current) return { job: viewOf(current), started: false };
    const job: Job = {
      id: randomBytes(9).toString('base64url'),
      key: spec.key,
      title: spec.title,
      state: 'waiting',
      progress: { done: 0, total: 0, step: text(spec.lang ?? 'fr', travauxText).starting },
      startedAt: this.options.clock(),
      finishedAt: undefined,
      message: undefined,
      resultHref: undefined,
      author: spec.author,
      result: undefined,
    };
    this.jobs.set(job.id, job);
    this.running.set(spec.key, job.id);
    this.forgetOld();
    void this.execute(job, spec);
    return { job: viewOf(job), started: true };
  }

  /** A step by its id (undefined once forgotten, or never started). */
  get(id: string): JobView | undefined {
    const job = this.jobs.get(id);
    return job ? viewOf(job) : undefined;
  }

  /** The result of a finished step, for the page of the area that started it. */
  result<T>(id: string, key: (k: string) => boolean): T | undefined {
    const job = this.jobs.get(id);
    if (!job || job.state !== 'done' || !key(job.key)) return undefined;
    return job.result as T;
  }

  /** The running step of a key, if any (the page shows it instead of a second button). */
  runningFor(key: string): JobView | undefined {
    const id = this.running.get(key);
    const job = id ? this.jobs.get(id) : undefined;
    return job ? viewOf(job) : undefined;
  }

  /** Every step still running (server shutdown waits for them). */
  async settle(): Promise<void> {
    while (this.running.size > 0) await new Promise((r) => setTimeout(r, 50));
  }

  private async execute<T>(job: Job, spec: JobSpec<T>): Promise<void> {
    let lock: NodeLock | undefined;
    const lang = spec.lang ?? 'fr';
    const t = text(lang, travauxText);
    try {
      // Let the route answer first: the step starts on the next turn of the event loop.
      await new Promise((r) => setImmediate(r));
      if (spec.lockNode) {
        lock = await this.waitForLock(job, t.waitingForLock);
        if (!lock) {
          job.state = 'failed';
          job.message = t.nodeBusy;
          return;
        }
      }
      job.state = 'running';
      const outcome = await spec.work((progress) => {
        job.progress = { ...progress };
      });
      job.result = outcome.result;
      job.message = outcome.message;
      job.resultHref = outcome.resultHref;
      job.state = 'done';
      job.progress = { ...job.progress, done: job.progress.total };
    } catch (error) {
      job.state = 'failed';
      job.message = error instanceof OiseError ? errorMessage(error, lang) : t.serverFailed;
      if (!(error instanceof OiseError)) this.options.log(`${job.title} : échec : ${String(error)}`);
    } finally {
      lock?.release();
      job.finishedAt = this.options.clock();
      this.running.delete(job.key);
    }
  }

  /** The node's lock, or undefined after the longest wait. */
  private async waitForLock(job: Job, waiting: string): Promise<NodeLock | undefined> {
    return waitForNodeLock(this.options.lockPath, this.options.clock, {
      waitMs: this.options.lockWaitMs ?? 10 * 60_000,
      retryMs: this.options.lockRetryMs ?? 1_000,
      onWait: () => {
        job.progress = { ...job.progress, step: waiting };
      },
    });
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state === 'done' || j.state === 'failed');
    for (const j of finished.slice(0, Math.max(0, this.jobs.size - this.keep))) this.jobs.delete(j.id);
  }
}

function viewOf(job: Job): JobView {
  const { result: _result, ...view } = job;
  return { ...view, progress: { ...view.progress } };
}

/** Yields to the event loop, so the server answers between two units of a long step. */
export function yieldToServer(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}
