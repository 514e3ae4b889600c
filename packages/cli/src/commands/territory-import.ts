import { importTerritory, readTerritoryFile } from '@oise/catalog';
import { OiseError, UsageError, countFr } from '@oise/core';
import { withNode } from '@oise/node';
import { nodeDir, optionalString } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['territory', 'import'],
  summary: {
    fr: 'charge les collectivités depuis un CSV (national)',
    en: 'loads org units from a CSV (national only)',
  },
  usage: `Usage : oise territory import --dir DOSSIER FICHIER.csv [--valid-from AAAA-MM-JJ] [--json]

Colonnes : region_code,region_name,cercle_code,cercle_name,commune_code,commune_name
(ou code,name,level,parent_code). Tout ou rien : au moindre problème, rien n'est enregistré.`,
  options: { 'valid-from': { type: 'string' } },
  allowPositionals: true,
  async run(ctx) {
    const [file, ...extra] = ctx.positionals;
    if (!file || extra.length > 0)
      throw new UsageError(ctx.t('indiquez un seul fichier CSV.', 'give exactly one CSV file.'));
    return withNode(nodeDir(ctx), async (node) => {
      if (node.identity.level !== 'national') {
        throw new OiseError(
          'TERRITORY_NOT_NATIONAL',
          ctx.t(
            `le territoire est une donnée de référence du niveau national ; le nœud ${node.identity.code} la reçoit par les paquets descendants.`,
            `territory is national reference data; node ${node.identity.code} receives it in down bundles.`,
          ),
        );
      }
      const units = readTerritoryFile(file, node.identity.code);
      const validFrom = optionalString(ctx, 'valid-from');
      const result = await importTerritory(node.db, units, {
        owner: node.identity.code,
        now: ctx.now,
        ...(validFrom ? { validFrom } : {}),
      });
      if (ctx.json) ctx.printJson(result);
      else
        ctx.out(
          ctx.t(
            `Territoire importé : ${countFr(result.byLevel.region, 'région')}, ${countFr(result.byLevel.cercle, 'cercle')}, ${countFr(result.byLevel.commune, 'commune')} (collectivités : ${countFr(result.inserted, 'ajoutée')}, ${countFr(result.updated, 'modifiée')}, ${countFr(result.unchanged, 'inchangée')}).`,
            `Territory imported: ${result.byLevel.region} regions, ${result.byLevel.cercle} cercles, ${result.byLevel.commune} communes (${result.inserted} added, ${result.updated} changed, ${result.unchanged} unchanged).`,
          ),
        );
      return 0;
    });
  },
});
