import { BAMAKO_TIME_ZONE, OiseError } from '@oise/core';
import cron, { type ScheduledTask } from 'node-cron';

/** Every morning at 06:30, Bamako time (UTC+0 all year), and once at start-up. */
export const DEFAULT_SCHEDULE = '30 6 * * *';
export const TIMEZONE = BAMAKO_TIME_ZONE;

export interface Scheduler {
  task: ScheduledTask;
  /** The next wake-ups, for `oise run` to tell the user. */
  nextRuns(count: number): Date[];
  stop(): Promise<void>;
}

/**
 * Wakes the reconciler: at start-up, then on the cron schedule. The scheduler only wakes it;
 * the reconciler decides from the node's state what is due, so a PC that was off on the due
 * date catches up on its next start, and an extra wake-up does nothing new.
 */
export async function startScheduler(
  wake: (reason: 'start-up' | 'scheduled') => Promise<void>,
  schedule = DEFAULT_SCHEDULE,
): Promise<Scheduler> {
  if (!cron.validate(schedule)) {
    throw new OiseError(
      'SCHEDULE_INVALID',
      `Planification « ${schedule} » invalide : utilisez une expression cron à 5 champs.`,
      { schedule },
    );
  }
  const task = cron.createTask(schedule, () => wake('scheduled'), {
    timezone: TIMEZONE,
    noOverlap: true,
    name: 'oise-reconciler',
  });
  await wake('start-up');
  await task.start();
  return {
    task,
    nextRuns: (count) => task.getNextRuns(count),
    async stop() {
      await task.stop();
      await task.destroy();
    },
  };
}
