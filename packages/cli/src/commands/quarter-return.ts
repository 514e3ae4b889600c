import { formatQuarterFr } from '@oise/core';
import { withNode } from '@oise/node';
import { returnAndHandOver } from '@oise/workflow';
import { nodeDir, optionalString, requireString } from '../args.js';
import { defineCommand } from '../command.js';
import { printHandover } from '../handover-lines.js';

export default defineCommand({
  path: ['quarter', 'return'],
  summary: {
    fr: "renvoie le trimestre transmis d'un cercle avec un motif",
    en: "returns a cercle's submitted quarter with a reason",
  },
  usage: `Usage : oise quarter return --dir DOSSIER --quarter 2025T1 --unit CODE_CERCLE --reason "motif" [--json]

Le cercle retrouve son trimestre ouvert à la saisie ; le motif s'affiche dans son prochain classeur.
Le paquet qui porte le renvoi au cercle est écrit aussitôt : la commande dit quel fichier porter.`,
  options: {
    quarter: { type: 'string' },
    unit: { type: 'string' },
    reason: { type: 'string' },
    author: { type: 'string' },
  },
  async run(ctx) {
    const quarter = requireString(ctx, 'quarter');
    const unit = requireString(ctx, 'unit');
    const reason = requireString(ctx, 'reason');
    return withNode(nodeDir(ctx), async (node) => {
      const author = optionalString(ctx, 'author');
      const result = await returnAndHandOver(node, unit, quarter, reason, {
        now: ctx.now,
        ...(author ? { author } : {}),
      });
      if (ctx.json) ctx.printJson(result);
      ctx.out(
        ctx.t(
          `Trimestre ${formatQuarterFr(result.period)} de ${unit} renvoyé (transmission n° ${result.submissionNumber}) : ${result.reason}`,
          `Quarter ${result.period} of ${unit} returned (submission #${result.submissionNumber}): ${result.reason}`,
        ),
      );
      printHandover(ctx, result.bundles);
      return 0;
    });
  },
});
