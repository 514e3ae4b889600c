import { countFr, formatQuarterFr } from '@oise/core';
import { writeEntryWorkbook } from '@oise/entry';
import { getCalendar, withNode } from '@oise/node';
import { nodeDir, requireString } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['template'],
  summary: {
    fr: 'prépare le classeur Excel de saisie du cercle',
    en: "writes the cercle's Excel entry workbook",
  },
  usage: `Usage : oise template --dir DOSSIER --quarter 2025T1 --out FICHIER.xlsx [--json]

Un classeur pour les communes du cercle : instructions, une feuille par domaine (une ligne par
commune, une colonne par indicateur, F et M si ventilé), valeurs déjà saisies pré-remplies,
valeurs du trimestre précédent en gris, listes des élus, formations et activités du CCC.`,
  options: { quarter: { type: 'string' }, out: { type: 'string' } },
  async run(ctx) {
    const quarter = requireString(ctx, 'quarter');
    const out = requireString(ctx, 'out');
    return withNode(nodeDir(ctx), async (node) => {
      const summary = await writeEntryWorkbook(node.db, {
        node: { code: node.identity.code, level: node.identity.level },
        quarter,
        now: ctx.now,
        calendar: await getCalendar(node.db),
        out,
      });
      if (ctx.json) {
        ctx.printJson({ out, ...summary });
        return 0;
      }
      ctx.out(
        ctx.t(
          `Classeur écrit : ${out} (${formatQuarterFr(summary.quarter)}, ${countFr(summary.communes, 'commune')}, ${countFr(summary.indicators, 'indicateur')}, ${countFr(summary.prefilled, 'valeur déjà saisie', 'valeurs déjà saisies')}).`,
          `Workbook written: ${out} (${summary.quarter}, ${summary.communes} communes, ${summary.indicators} indicators, ${summary.prefilled} values already entered).`,
        ),
      );
      if (summary.returnedReason)
        ctx.out(
          ctx.t(
            `Trimestre renvoyé par la région : ${summary.returnedReason}`,
            `Quarter returned by the region: ${summary.returnedReason}`,
          ),
        );
      return 0;
    });
  },
});
