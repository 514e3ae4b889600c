import { countFr, formatQuarterFr } from '@oise/core';
import { withNode } from '@oise/node';
import { acceptQuarter } from '@oise/workflow';
import { nodeDir, optionalString, requireString } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['quarter', 'validate'],
  summary: {
    fr: "valide le trimestre transmis d'un cercle (région) ou d'une région (national)",
    en: "validates a child's submitted quarter",
  },
  usage: `Usage : oise quarter validate --dir DOSSIER --quarter 2025T1 --unit CODE [--author NOM] [--json]

À la région : valide la dernière transmission du cercle CODE ; ses données partent vers le
niveau national au prochain paquet. Au national : enregistre la consolidation de la région CODE.`,
  options: { quarter: { type: 'string' }, unit: { type: 'string' }, author: { type: 'string' } },
  async run(ctx) {
    const quarter = requireString(ctx, 'quarter');
    const unit = requireString(ctx, 'unit');
    return withNode(nodeDir(ctx), async (node) => {
      const author = optionalString(ctx, 'author');
      const options = { now: ctx.now, ...(author ? { author } : {}) };
      const result = await acceptQuarter(node, unit, quarter, options);
      if (ctx.json) ctx.printJson(result);
      else
        ctx.out(
          result.decision === 'consolidated'
            ? ctx.t(
                `Trimestre ${formatQuarterFr(result.period)} de ${unit} consolidé (transmission n° ${result.submissionNumber}).`,
                `Quarter ${result.period} of ${unit} consolidated (submission #${result.submissionNumber}).`,
              )
            : ctx.t(
                `Trimestre ${formatQuarterFr(result.period)} de ${unit} validé (transmission n° ${result.submissionNumber}) ; ${countFr(result.rowsMarkedDue, 'ligne partira', 'lignes partiront')} au prochain paquet vers le national.`,
                `Quarter ${result.period} of ${unit} validated (submission #${result.submissionNumber}); ${result.rowsMarkedDue} row(s) will go up in the next bundle.`,
              ),
        );
      return 0;
    });
  },
});
