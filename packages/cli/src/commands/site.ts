import { countFr, formatNumberFr, quarterLabel } from '@oise/core';
import { withNode } from '@oise/node';
import { buildSite, nodeSiteDir } from '@oise/site';
import { nodeDir, optionalString } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['site'],
  summary: {
    fr: 'écrit le site public statique des chiffres publiés (national, ou une région)',
    en: 'writes the static public site of the published figures (national, or a region)',
  },
  usage: `Usage : oise site --dir DOSSIER [--out DOSSIER_DU_SITE] [--quarter 2025T1] [--dhis2-mapping FICHIER] [--json]

Écrit le site public des chiffres validés et publiés : une page d'accueil (le dernier trimestre),
une page par région, cercle et commune, une par domaine, une recherche par nom et les
téléchargements (CSV pour Excel, JSON, jeux de valeurs DHIS2, classeurs des rapports). Des pages
HTML et des fichiers seulement, aux liens relatifs : un hébergeur web ou une clé USB le sert tel
quel, et il s'ouvre sans réseau (file://). Au national : les trimestres publiés (oise report) et
tout le pays ; à une région : les trimestres publiés par le national et sa région, avec les
cercles qu'elle a validés. Un cercle ne construit pas de site.
--out : le dossier du site (par défaut le réglage site.dossier, sinon site/ dans le dossier du
nœud : celui que oise run et « Publier les rapports » réécrivent au national).
--quarter : le dernier trimestre montré (les suivants sont absents). --dhis2-mapping : les
correspondances DHIS2 des téléchargements (exemple : fixtures/dhis2-correspondances.csv ; par
défaut le réglage site.dhis2-mapping ; sans elles, pas de fichier DHIS2).
Le site est écrit à côté puis mis à la place de l'ancien : une erreur laisse l'ancien entier.`,
  options: { out: { type: 'string' }, quarter: { type: 'string' }, 'dhis2-mapping': { type: 'string' } },
  async run(ctx) {
    return withNode(nodeDir(ctx), async (node) => {
      const site = await buildSite(node, {
        outDir: optionalString(ctx, 'out') ?? (await nodeSiteDir(node)),
        quarter: optionalString(ctx, 'quarter'),
        dhis2Mapping: optionalString(ctx, 'dhis2-mapping'),
        now: ctx.now,
      });
      for (const w of site.warnings) ctx.err(ctx.t(`Attention : ${w}`, `Warning: ${w}`));
      if (ctx.json) {
        ctx.printJson(site);
        return 0;
      }
      const size = formatNumberFr(site.bytes / 1024 / 1024, 1);
      ctx.out(
        ctx.t(
          `Site public écrit dans ${site.outDir} : ${countFr(site.pages, 'page')}, ${countFr(site.files, 'fichier')}, ${size} Mo ; ${countFr(site.quarters.length, 'trimestre publié', 'trimestres publiés')}, le dernier montré : ${quarterLabel(site.latest)}.`,
          `Public site written to ${site.outDir}: ${site.pages} page(s), ${site.files} file(s), ${(site.bytes / 1024 / 1024).toFixed(1)} MB; ${site.quarters.length} published quarter(s), the latest shown: ${site.latest}.`,
        ),
      );
      if (!site.dhis2)
        ctx.out(
          ctx.t(
            '  sans jeu de valeurs DHIS2 : donnez --dhis2-mapping FICHIER ou réglez site.dhis2-mapping.',
            '  no DHIS2 data value set: give --dhis2-mapping FILE or set site.dhis2-mapping.',
          ),
        );
      ctx.out(ctx.t(`  ouvrir : ${site.outDir}/index.html`, `  open: ${site.outDir}/index.html`));
      return 0;
    });
  },
});
