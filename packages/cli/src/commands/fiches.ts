import { quarterLabel } from '@oise/core';
import { writeCollectionForms } from '@oise/entry';
import { withNode } from '@oise/node';
import { nodeDir, optionalString, requireString } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['fiches'],
  summary: {
    fr: 'prépare les fiches de collecte papier des communes (A4, une feuille par commune)',
    en: 'writes the paper collection forms of the communes (A4, one sheet per commune)',
  },
  usage: `Usage : oise fiches --dir DOSSIER --quarter 2025T1 [--commune CODE|NOM] --out FICHIER.xlsx [--json]

Une fiche par commune du cercle (ou la seule --commune), prête à imprimer sur A4 : chaque
indicateur du trimestre avec son unité, ses bornes, la valeur du trimestre précédent et une case
vide (F, M et total quand il est ventilé par sexe), puis les élus à vérifier et les formations
du trimestre à remplir. Ouvrez le fichier dans Excel ou LibreOffice et imprimez tout le classeur.`,
  options: { quarter: { type: 'string' }, commune: { type: 'string' }, out: { type: 'string' } },
  async run(ctx) {
    const quarter = requireString(ctx, 'quarter');
    const out = requireString(ctx, 'out');
    const commune = optionalString(ctx, 'commune');
    return withNode(nodeDir(ctx), async (node) => {
      const summary = await writeCollectionForms(node.db, {
        node: { code: node.identity.code, level: node.identity.level },
        quarter,
        now: ctx.now,
        commune,
        out,
      });
      if (ctx.json) {
        ctx.printJson({ out, ...summary });
        return 0;
      }
      const q = quarterLabel(summary.quarter);
      ctx.out(
        ctx.t(
          `Fiches de collecte écrites : ${out} (${q}, ${summary.communes.length} commune(s), ${summary.indicators} indicateurs, une feuille par commune).`,
          `Collection forms written: ${out} (${summary.quarter}, ${summary.communes.length} commune(s), ${summary.indicators} indicators, one sheet per commune).`,
        ),
      );
      return 0;
    });
  },
});
