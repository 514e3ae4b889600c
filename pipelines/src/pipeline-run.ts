import { type PipelineStepRecord, finishPipelineRun, startPipelineRun } from '@oise/node';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/** One step of a pass, as recorded in pipeline_run.steps (@oise/node owns the record). */
export type StepRecord = PipelineStepRecord;

export interface Step<C> {
  name: string;
  /** French label shown on the terminal. */
  label: string;
  /**
   * Does the work; returns counts (0 everywhere = nothing new), an optional detail line, and
   * `changed: false` for a step that only reports (its counts then never make the run "done").
   */
  run(
    context: C,
    progress: ProgressReporter,
  ): Promise<{ counts: Record<string, number>; detail?: string; changed?: boolean } | null>;
}

export type ProgressReporter = (done: number, total: number) => void;

export interface RunResult {
  id: number;
  pipeline: string;
  outcome: 'success' | 'failure' | 'nothing-to-do';
  steps: StepRecord[];
  durationMs: number;
  error?: string;
}

export interface RunOptions {
  /** Wall clock for durations (ms); injected so libraries never read the clock themselves. */
  clock: () => number;
  /** ISO timestamp of the pass. */
  now: string;
  /** Where progress and step lines go (a terminal); silent when absent. */
  log?: (line: string) => void;
}

/**
 * Runs a pipeline's steps in order and records the run (steps, counts, duration, outcome) in
 * the node's pipeline_run table (@oise/node's `startPipelineRun`, then `finishPipelineRun`).
 * The record is written first as `running`, so a pass killed midway leaves a trace; the next
 * pass simply starts again, every step being idempotent.
 */
export async function runSteps<C>(
  db: Kysely<Database>,
  pipeline: string,
  steps: Step<C>[],
  context: C,
  options: RunOptions,
): Promise<RunResult> {
  const started = options.clock();
  const id = await startPipelineRun(db, { pipeline, now: options.now });
  const records: StepRecord[] = [];
  let error: string | undefined;
  for (const step of steps) {
    const stepStart = options.clock();
    let lastShown = 0;
    const progress: ProgressReporter = (done, total) => {
      const t = options.clock();
      if (options.log && total > 0 && (t - lastShown > 1000 || done === total)) {
        lastShown = t;
        options.log(`    ${step.label} : ${done}/${total} (${Math.round((done / total) * 100)} %)`);
      }
    };
    try {
      const result = await step.run(context, progress);
      const counts = result?.counts ?? {};
      const record: StepRecord = {
        name: step.name,
        label: step.label,
        startedAt: options.now,
        durationMs: options.clock() - stepStart,
        outcome: result && (result.changed ?? Object.values(counts).some((n) => n > 0)) ? 'done' : 'skipped',
        counts,
        ...(result?.detail ? { detail: result.detail } : {}),
      };
      records.push(record);
      options.log?.(
        `  ${record.outcome === 'done' ? '✓' : '·'} ${step.label}${formatCounts(counts)}${record.detail ? ` — ${record.detail}` : ''}`,
      );
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
      records.push({
        name: step.name,
        label: step.label,
        startedAt: options.now,
        durationMs: options.clock() - stepStart,
        outcome: 'failed',
        counts: {},
        detail: error,
      });
      options.log?.(`  ✗ ${step.label} — ${error}`);
      break;
    }
  }
  const outcome = error ? 'failure' : records.some((r) => r.outcome === 'done') ? 'success' : 'nothing-to-do';
  const durationMs = options.clock() - started;
  await finishPipelineRun(db, id, { now: options.now, outcome, steps: records, error });
  return { id, pipeline, outcome, steps: records, durationMs, ...(error ? { error } : {}) };
}

function formatCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
