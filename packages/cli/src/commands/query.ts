import { describeFigure, queryFigure } from '@oise/consolidate';
import { getCalendar, withNode } from '@oise/node';
import { nodeDir, optionalString, requireString } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['query'],
  summary: {
    fr: 'un chiffre tel que le nœud le voit, avec le nombre de communes qui ont répondu',
    en: 'one figure as the node sees it, with how many communes reported',
  },
  usage: `Usage : oise query --dir DOSSIER --indicator CODE --unit CODE --period PÉRIODE [--category F|M] [--json]

PÉRIODE : un trimestre (2025T1) ou une année (2025). Sur une commune, la valeur saisie ;
sur un cercle, une région ou le pays, l'agrégat consolidé (celui du nœud, sinon celui publié par
le national). Sans --category : le total. Exemple : oise query --dir csr-segou --indicator SAN_CPN --unit ML04 --period 2025T1`,
  options: {
    indicator: { type: 'string' },
    unit: { type: 'string' },
    period: { type: 'string' },
    category: { type: 'string' },
  },
  async run(ctx) {
    const indicator = requireString(ctx, 'indicator');
    const unit = requireString(ctx, 'unit');
    const period = requireString(ctx, 'period');
    const category = optionalString(ctx, 'category');
    return withNode(nodeDir(ctx), async (node) => {
      const figure = await queryFigure(node.db, {
        indicator,
        unit,
        period,
        category,
        nodeCode: node.identity.code,
        calendar: await getCalendar(node.db),
      });
      if (ctx.json) ctx.printJson(figure);
      else ctx.out(await describeFigure(node.db, figure, ctx.lang));
      return 0;
    });
  },
});
