import { formatQuarterFr } from '@oise/core';
import { withNode } from '@oise/node';
import { noteAndHandOver } from '@oise/workflow';
import { nodeDir, optionalString, requireString } from '../args.js';
import { defineCommand } from '../command.js';
import { printHandover } from '../handover-lines.js';

export default defineCommand({
  path: ['note'],
  summary: {
    fr: "écrit la note qualitative du CSR sur le trimestre d'un cercle",
    en: "writes the CSR's note on a cercle's quarter",
  },
  usage: `Usage : oise note --dir DOSSIER --quarter 2025T1 --unit CODE_CERCLE --text "note" [--json]

Une note nouvelle ou changée part aussitôt : les paquets vers le cercle et vers le national
sont écrits, et la commande dit quels fichiers porter.`,
  options: {
    quarter: { type: 'string' },
    unit: { type: 'string' },
    text: { type: 'string' },
    author: { type: 'string' },
  },
  async run(ctx) {
    const quarter = requireString(ctx, 'quarter');
    const unit = requireString(ctx, 'unit');
    const text = requireString(ctx, 'text');
    return withNode(nodeDir(ctx), async (node) => {
      const author = optionalString(ctx, 'author');
      const result = await noteAndHandOver(node, unit, quarter, text, {
        now: ctx.now,
        ...(author ? { author } : {}),
      });
      if (ctx.json) ctx.printJson(result);
      ctx.out(
        result.changed
          ? ctx.t(
              `Note enregistrée pour ${unit}, ${formatQuarterFr(result.period)} (révision ${result.revision}).`,
              `Note saved for ${unit}, ${result.period} (revision ${result.revision}).`,
            )
          : ctx.t(
              `Note inchangée pour ${unit}, ${formatQuarterFr(result.period)} : rien à envoyer.`,
              `Note unchanged for ${unit}, ${result.period}: nothing to send.`,
            ),
      );
      printHandover(ctx, result.bundles);
      return 0;
    });
  },
});
