import { countFr, formatPercentFr, formatQuarterFr, normalizeQuarter, quarterLabel } from '@oise/core';
import { withNode } from '@oise/node';
import { publishReports } from '@oise/report';
import { nodeDir, optionalString, requireString } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['report'],
  summary: { fr: 'écrit les rapports standard du niveau', en: "writes the level's standard reports" },
  usage: `Usage : oise report --dir DOSSIER --quarter 2025T1 [--out DOSSIER] [--boundaries LIMITES.geojson] [--json]

Écrit les rapports standard du nœud pour le trimestre (classeur Excel, graphiques et cartes en PNG) :
cercle → rapport d'activité du CCC ; région → synthèse régionale et rapport de chaque cercle ;
national → rapport national consolidé, publié comme « oise run » le publie : enregistré comme
document pour redescendre vers les régions et les cercles. Chaque niveau écrit aussi la synthèse
pour son comité d'orientation (CLO au cercle, CRO à la région, CNO au national) : un classeur
d'une ou deux pages A4 et sa version à imprimer (.html). Par défaut dans le dossier reports/ du
nœud. Les cartes (une par indicateur de « oise settings report.map-indicators », par défaut une
par domaine) prennent le GeoJSON réglé par « oise settings report.boundaries FICHIER » ;
--boundaries en donne un autre pour cette fois (régions ou cercles, propriétés region_code ou
cercle_code).
Lancez « oise consolidate » avant, pour que les chiffres soient à jour.`,
  options: { quarter: { type: 'string' }, out: { type: 'string' }, boundaries: { type: 'string' } },
  async run(ctx) {
    const quarter = normalizeQuarter(requireString(ctx, 'quarter'));
    return withNode(nodeDir(ctx), async (node) => {
      const { identity } = node;
      const result = await publishReports(node, {
        quarter,
        now: ctx.now,
        outDir: optionalString(ctx, 'out'),
        boundaries: optionalString(ctx, 'boundaries'),
      });
      const { documents, outDir } = result;
      if (ctx.json) {
        ctx.printJson({
          level: identity.level,
          unit: identity.code,
          period: quarter,
          outDir,
          reports: result.reports,
          files: result.files.map((f) => ({
            path: f.path,
            kind: f.kind,
            title: f.title,
            sha256: f.sha256,
            size: f.size,
          })),
          ...(documents ? { documents } : {}),
        });
        return 0;
      }
      for (const r of result.reports) {
        const c = r.completeness;
        ctx.out(
          ctx.t(
            `${r.title} — ${r.unitName} (${r.unitCode}), ${formatQuarterFr(quarter)} : complétude ${c.rate === null ? 'sans objet' : formatPercentFr(c.rate)} (${c.reporting}/${c.expected})`,
            `${r.title} — ${r.unitName} (${r.unitCode}), ${quarter}: completeness ${c.rate === null ? 'n/a' : `${(c.rate * 100).toFixed(1)} %`} (${c.reporting}/${c.expected})`,
          ),
        );
        if (c.expected === 0)
          ctx.err(
            ctx.t(
              `Attention : aucun chiffre consolidé pour ${r.unitCode} au ${quarterLabel(quarter)} ; lancez « oise consolidate --quarter ${formatQuarterFr(quarter)} » puis relancez.`,
              `Warning: no consolidated figures for ${r.unitCode} in ${quarter}; run "oise consolidate --quarter ${quarter}" and try again.`,
            ),
          );
      }
      for (const f of result.files) ctx.out(f.path);
      if (documents)
        ctx.out(
          ctx.t(
            `Documents publiés : ${countFr(documents.inserted, 'nouveau', 'nouveaux')}, ${documents.updated} mis à jour, ${countFr(documents.unchanged, 'inchangé')}, ${countFr(documents.removed, 'retiré')}.`,
            `Published documents: ${documents.inserted} new, ${documents.updated} updated, ${documents.unchanged} unchanged, ${documents.removed} withdrawn.`,
          ),
        );
      return 0;
    });
  },
});
