import { NODE_LEVEL_LABELS, type NodeLevel, formatDateTimeFr } from '@oise/core';
import { acquireNodeLock, withNode } from '@oise/node';
import { quartersInPlay } from '@oise/workflow';
import { CERCLE_PIPELINE } from './cercle-pipeline.js';
import { NATIONAL_PIPELINE } from './national-pipeline.js';
import type { PassContext } from './pass-context.js';
import { type RunResult, type Step, runSteps } from './pipeline-run.js';
import { REGION_PIPELINE } from './region-pipeline.js';

export const PIPELINES: Record<NodeLevel, Step<PassContext>[]> = {
  cercle: CERCLE_PIPELINE,
  region: REGION_PIPELINE,
  national: NATIONAL_PIPELINE,
};

export interface PassOptions {
  /** ISO timestamp of the pass. */
  now: string;
  /** Monotonic milliseconds, for durations. */
  clock: () => number;
  /** GeoJSON for the national map (else the node's `report.boundaries` setting). */
  boundaries?: string | undefined;
  log?: (line: string) => void;
}

/**
 * One reconciling pass on a node: under the node's lock, looks at what is due and does it,
 * with the pipeline of the node's level. Running it twice does nothing new the second time.
 */
export async function runPass(dir: string, options: PassOptions): Promise<RunResult> {
  return withNode(dir, async (node) => {
    const lock = acquireNodeLock(node.paths.lock, options.now);
    try {
      const context: PassContext = {
        node,
        now: options.now,
        boundaries: options.boundaries,
        quarters: [],
        touched: new Set(),
        published: new Set(),
        changedQuarters: new Set(),
      };
      const pipeline = PIPELINES[node.identity.level];
      // Quarters are looked at again after ingest: new bundles may bring new ones.
      const steps: Step<PassContext>[] = pipeline.map((step) => ({
        ...step,
        run: async (ctx, progress) => {
          ctx.quarters = await quartersInPlay(node.db, ctx.now);
          return step.run(ctx, progress);
        },
      }));
      options.log?.(
        `Passage ${NODE_LEVEL_LABELS[node.identity.level]} ${node.identity.code} — ${formatDateTimeFr(options.now)}`,
      );
      return await runSteps(node.db, `${node.identity.level}-quarterly`, steps, context, {
        clock: options.clock,
        now: options.now,
        ...(options.log ? { log: options.log } : {}),
      });
    } finally {
      lock.release();
    }
  });
}
