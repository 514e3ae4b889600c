import { lastPipelineRun, readPipelineRun } from '@oise/node';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { type Step, runSteps } from './pipeline-run.js';

describe('pipeline runs', () => {
  test('records every step with counts, duration and outcome; a failing step stops the run', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    let tick = 0;
    const clock = () => {
      tick += 5;
      return tick;
    };
    const lines: string[] = [];
    const steps: Step<{ seen: string[] }>[] = [
      {
        name: 'a',
        label: 'Première étape',
        run: async (ctx, progress) => {
          ctx.seen.push('a');
          progress(1, 2);
          progress(2, 2);
          return { counts: { lignes: 3 } };
        },
      },
      { name: 'b', label: 'Deuxième étape', run: async () => ({ counts: { lignes: 0 } }) },
      {
        name: 'c',
        label: 'Troisième étape',
        run: async () => {
          throw new Error('disque plein');
        },
      },
      {
        name: 'd',
        label: 'Jamais',
        run: async (ctx) => {
          ctx.seen.push('d');
          return null;
        },
      },
    ];
    const context = { seen: [] as string[] };
    const result = await runSteps(node.db, 'cercle-quarterly', steps, context, {
      clock,
      now: TEST_NOW,
      log: (l) => lines.push(l),
    });
    expect(result.outcome).toBe('failure');
    expect(result.steps.map((s) => [s.name, s.outcome])).toEqual([
      ['a', 'done'],
      ['b', 'skipped'],
      ['c', 'failed'],
    ]);
    expect(context.seen).toEqual(['a']);
    expect(lines.some((l) => l.includes('Première étape : 2/2 (100 %)'))).toBe(true);
    const stored = await readPipelineRun(node.db, result.id);
    expect(stored).toMatchObject({ outcome: 'failure', error: 'disque plein', finishedAt: TEST_NOW });
    expect(stored?.steps[0]).toMatchObject({ name: 'a', counts: { lignes: 3 }, durationMs: 15 });
    expect(await lastPipelineRun(node.db)).toEqual({
      pipeline: 'cercle-quarterly',
      startedAt: TEST_NOW,
      outcome: 'failure',
      error: 'disque plein',
    });

    const quiet = await runSteps(node.db, 'cercle-quarterly', [steps[1]!], context, { clock, now: TEST_NOW });
    expect(quiet.outcome).toBe('nothing-to-do');
    await node.close();
  });
});
