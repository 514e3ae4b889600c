import { DOMAIN_LABELS, type Domain, categoriesOf, listIndicators } from '@oise/catalog';
import { countFr } from '@oise/core';
import { withNode } from '@oise/node';
import { nodeDir } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['indicators', 'list'],
  summary: { fr: "liste le catalogue d'indicateurs", en: 'lists the indicator catalog' },
  usage: 'Usage : oise indicators list --dir DOSSIER [--domain DOMAINE] [--json]',
  options: { domain: { type: 'string' } },
  async run(ctx) {
    return withNode(nodeDir(ctx), async (node) => {
      const domain = ctx.values.domain;
      const defs = (await listIndicators(node.db)).filter((d) => !domain || d.domain === domain);
      if (ctx.json) {
        ctx.printJson(
          defs.map((d) => ({
            code: d.code,
            label: ctx.lang === 'en' ? d.labelEn : d.labelFr,
            labelFr: d.labelFr,
            labelEn: d.labelEn,
            domain: d.domain,
            kind: d.kind,
            valueType: d.valueType,
            unit: d.unit,
            aggregation: d.aggregation,
            timeAggregation: d.timeAggregation,
            categories: categoriesOf(d),
            min: d.min,
            max: d.max,
            numerator: d.numeratorCode,
            denominator: d.denominatorCode,
            ratioFactor: d.ratioFactor,
            partOf: d.partOfCode,
          })),
        );
        return 0;
      }
      let current = '';
      for (const d of defs) {
        if (d.domain !== current) {
          current = d.domain;
          ctx.out(`\n${DOMAIN_LABELS[d.domain as Domain] ?? d.domain}`);
        }
        const cats = categoriesOf(d).length ? ' [F/M]' : '';
        ctx.out(`  ${d.code.padEnd(24)} ${ctx.lang === 'en' ? d.labelEn : d.labelFr} (${d.unit})${cats}`);
      }
      ctx.out(ctx.t(`\n${countFr(defs.length, 'indicateur')}.`, `\n${defs.length} indicators.`));
      return 0;
    });
  },
});
