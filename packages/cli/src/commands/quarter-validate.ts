import { countFr, formatQuarterFr } from '@oise/core';
import { withNode } from '@oise/node';
import { acceptAndHandOver } from '@oise/workflow';
import { nodeDir, optionalString, requireString } from '../args.js';
import { defineCommand } from '../command.js';
import { printHandover } from '../handover-lines.js';

export default defineCommand({
  path: ['quarter', 'validate'],
  summary: {
    fr: "valide le trimestre transmis d'un cercle (région) ou d'une région (national)",
    en: "validates a child's submitted quarter",
  },
  usage: `Usage : oise quarter validate --dir DOSSIER --quarter 2025T1 --unit CODE [--author NOM] [--json]

À la région : valide la dernière transmission du cercle CODE, et écrit aussitôt les paquets qui
la portent : vers le national (les données du cercle) et vers le cercle (la décision). Au
national : enregistre la consolidation de la région CODE et écrit le paquet vers elle. La
commande dit quels fichiers porter.`,
  options: { quarter: { type: 'string' }, unit: { type: 'string' }, author: { type: 'string' } },
  async run(ctx) {
    const quarter = requireString(ctx, 'quarter');
    const unit = requireString(ctx, 'unit');
    return withNode(nodeDir(ctx), async (node) => {
      const author = optionalString(ctx, 'author');
      const options = { now: ctx.now, ...(author ? { author } : {}) };
      const result = await acceptAndHandOver(node, unit, quarter, options);
      if (ctx.json) ctx.printJson(result);
      ctx.out(
        result.decision === 'consolidated'
          ? ctx.t(
              `Trimestre ${formatQuarterFr(result.period)} de ${unit} consolidé (transmission n° ${result.submissionNumber}).`,
              `Quarter ${result.period} of ${unit} consolidated (submission #${result.submissionNumber}).`,
            )
          : ctx.t(
              `Trimestre ${formatQuarterFr(result.period)} de ${unit} validé (transmission n° ${result.submissionNumber}) ; ${countFr(result.rowsMarkedDue, 'ligne de son trimestre part', 'lignes de son trimestre partent')} vers le national.`,
              `Quarter ${result.period} of ${unit} validated (submission #${result.submissionNumber}); ${result.rowsMarkedDue} row(s) of its quarter go up to national.`,
            ),
      );
      printHandover(ctx, result.bundles);
      return 0;
    });
  },
});
