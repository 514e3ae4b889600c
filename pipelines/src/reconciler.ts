import type { RunResult } from './pipeline-run.js';
import { type PassOptions, runPass } from './run-pass.js';
import { DEFAULT_SCHEDULE, type Scheduler, startScheduler } from './scheduler.js';

export interface ReconcilerOptions {
  /** Cron expression of the wake-ups (default: every morning, `DEFAULT_SCHEDULE`). */
  schedule?: string | undefined;
  /** ISO timestamp of each pass, read when it starts. */
  now: () => string;
  clock: PassOptions['clock'];
  boundaries?: string | undefined;
  /** The pass's own log lines. */
  log?: (line: string) => void;
  /** After each pass. */
  onPass?: (reason: 'start-up' | 'scheduled', result: RunResult) => void;
  /** A pass that threw (a busy node, a broken file): the reconciler keeps running. */
  onError?: (reason: 'start-up' | 'scheduled', error: unknown) => void;
}

/**
 * What a long-running `oise run` does, for any process that keeps a node alive (`oise run`,
 * `oise ui`): one pass at start-up, then one at each wake-up of the schedule. Resolves after the
 * start-up pass; `stop()` ends the wake-ups.
 */
export function startReconciler(dir: string, options: ReconcilerOptions): Promise<Scheduler> {
  return startScheduler(async (reason) => {
    try {
      const result = await runPass(dir, {
        now: options.now(),
        clock: options.clock,
        boundaries: options.boundaries,
        ...(options.log ? { log: options.log } : {}),
      });
      options.onPass?.(reason, result);
    } catch (error) {
      options.onError?.(reason, error);
    }
  }, options.schedule ?? DEFAULT_SCHEDULE);
}

const OUTCOME_LABELS: Record<RunResult['outcome'], string> = {
  success: 'travail effectué',
  'nothing-to-do': 'rien de nouveau',
  failure: 'échec',
};

/** A pass's outcome in French, as `oise run` prints it. */
export function passOutcomeLabel(outcome: RunResult['outcome']): string {
  return OUTCOME_LABELS[outcome];
}
