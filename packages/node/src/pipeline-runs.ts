import type { Database, PipelineRunTable } from '@oise/schema';
import type { Kysely } from 'kysely';

/** One step of a pass, as kept in `pipeline_run.steps` (JSON). */
export interface PipelineStepRecord {
  name: string;
  label: string;
  startedAt: string;
  durationMs: number;
  outcome: 'done' | 'skipped' | 'failed';
  counts: Record<string, number>;
  detail?: string;
}

export type PipelineOutcome = PipelineRunTable['outcome'];

/** How a pass ended, as French text says it (`oise run`, `oise status`). */
export const PIPELINE_OUTCOME_LABELS: Record<PipelineOutcome, string> = {
  running: 'en cours (ou interrompu)',
  success: 'travail effectué',
  'nothing-to-do': 'rien de nouveau',
  failure: 'échec',
};

/** The last pass in a line, as `oise status` shows it. */
export interface PipelineRunSummary {
  pipeline: string;
  startedAt: string;
  outcome: PipelineOutcome;
  error: string | null;
}

/** A recorded pass with its steps. */
export interface PipelineRunRecord extends PipelineRunSummary {
  id: number;
  finishedAt: string | null;
  steps: PipelineStepRecord[];
}

/**
 * Records the start of a pass as `running`, before any step, so that a pass killed midway
 * leaves a trace. Returns the run's id for `finishPipelineRun`.
 */
export async function startPipelineRun(
  db: Kysely<Database>,
  run: { pipeline: string; now: string },
): Promise<number> {
  const inserted = await db
    .insertInto('pipeline_run')
    .values({
      pipeline: run.pipeline,
      period: null,
      started_at: run.now,
      finished_at: null,
      outcome: 'running',
      steps: '[]',
      error: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Records how a pass ended: its steps, outcome and error. */
export async function finishPipelineRun(
  db: Kysely<Database>,
  id: number,
  end: {
    now: string;
    outcome: Exclude<PipelineOutcome, 'running'>;
    steps: PipelineStepRecord[];
    error?: string | undefined;
  },
): Promise<void> {
  await db
    .updateTable('pipeline_run')
    .set({
      finished_at: end.now,
      outcome: end.outcome,
      steps: JSON.stringify(end.steps),
      error: end.error ?? null,
    })
    .where('id', '=', id)
    .execute();
}

/** The latest pass on the node (also one still running or killed midway), if any. */
export async function lastPipelineRun(db: Kysely<Database>): Promise<PipelineRunSummary | undefined> {
  return db
    .selectFrom('pipeline_run')
    .select(['pipeline', 'started_at as startedAt', 'outcome', 'error'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** One recorded pass, its steps parsed. */
export async function readPipelineRun(
  db: Kysely<Database>,
  id: number,
): Promise<PipelineRunRecord | undefined> {
  const row = await db.selectFrom('pipeline_run').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    pipeline: row.pipeline,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    error: row.error,
    steps: JSON.parse(row.steps) as PipelineStepRecord[],
  };
}
