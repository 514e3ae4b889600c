import { performance } from 'node:perf_hooks';
import { formatDateTimeFr } from '@oise/core';
import { PIPELINE_OUTCOME_LABELS } from '@oise/node';
import { DEFAULT_SCHEDULE, TIMEZONE, runPass, startScheduler } from '@oise/pipelines';
import { nodeDir, optionalString } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['run'],
  summary: {
    fr: 'le réconciliateur trimestriel : fait ce qui est dû',
    en: 'the quarterly reconciler: does what is due',
  },
  usage: `Usage : oise run --dir DOSSIER [--once] [--schedule "30 6 * * *"] [--boundaries LIMITES.geojson] [--json]

Regarde l'état du nœud (trimestres échus, paquets reçus, transmissions, validations) et fait ce
qui est dû, selon le niveau : cercle → réception, transmission, envoi ; région → réception,
complétude, consolidation, synthèse, transmission, envoi ; national → réception, consolidation,
publication des rapports, envoi descendant. Sans --once, reste actif : un passage au démarrage
puis chaque matin (fuseau ${TIMEZONE}). Un passage qui ne trouve rien de nouveau ne change rien.`,
  options: { once: { type: 'boolean' }, schedule: { type: 'string' }, boundaries: { type: 'string' } },
  async run(ctx) {
    const dir = nodeDir(ctx);
    const boundaries = optionalString(ctx, 'boundaries');
    const pass = async () =>
      runPass(dir, {
        // OISE_NOW pins the date of a one-off pass (tests, replays); a long-running process reads the clock.
        now: ctx.values.once ? ctx.now : new Date().toISOString(),
        clock: () => performance.now(),
        boundaries,
        ...(ctx.json ? {} : { log: (line: string) => ctx.out(line) }),
      });
    if (ctx.values.once) {
      const result = await pass();
      if (ctx.json) ctx.printJson(result);
      else
        ctx.out(
          ctx.t(
            `Passage terminé : ${outcomeFr(result.outcome)} (${Math.round(result.durationMs)} ms).`,
            `Pass finished: ${result.outcome} (${Math.round(result.durationMs)} ms).`,
          ),
        );
      return result.outcome === 'failure' ? 1 : 0;
    }
    // Listen for a stop before saying we are up, so a stop right after start-up is clean.
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    process.once('SIGINT', () => stop());
    process.once('SIGTERM', () => stop());
    const scheduler = await startScheduler(async (reason) => {
      try {
        const result = await pass();
        ctx.out(
          ctx.t(
            `Passage (${reason === 'start-up' ? 'démarrage' : 'planifié'}) : ${outcomeFr(result.outcome)}.`,
            `Pass (${reason}): ${result.outcome}.`,
          ),
        );
      } catch (error) {
        ctx.err(`${ctx.t('Passage interrompu', 'Pass interrupted')} : ${(error as Error).message}`);
      }
    }, optionalString(ctx, 'schedule') ?? DEFAULT_SCHEDULE);
    const next = scheduler.nextRuns(1)[0];
    ctx.out(
      ctx.t(
        `Prochain passage : ${next ? formatDateTimeFr(next) : '—'}, heure de Bamako (Ctrl+C pour arrêter).`,
        `Next pass: ${next?.toISOString() ?? '—'} (Ctrl+C to stop).`,
      ),
    );
    await stopped;
    await scheduler.stop();
    return 0;
  },
});

const outcomeFr = (outcome: keyof typeof PIPELINE_OUTCOME_LABELS) => PIPELINE_OUTCOME_LABELS[outcome];
