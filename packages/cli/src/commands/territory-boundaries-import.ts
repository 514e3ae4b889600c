import { boundaryImportLines, importBoundaries, readBoundaryFile } from '@oise/catalog';
import { OiseError, UsageError } from '@oise/core';
import { withNode } from '@oise/node';
import { nodeDir } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['territory', 'boundaries', 'import'],
  summary: {
    fr: 'charge les limites GeoJSON des régions, cercles ou communes (national)',
    en: 'loads the GeoJSON boundaries of regions, cercles or communes (national only)',
  },
  usage: `Usage : oise territory boundaries import --dir DOSSIER FICHIER.geojson… [--json]

Chaque fichier : une FeatureCollection de Polygon/MultiPolygon en degrés WGS 84, propriétés
region_code, cercle_code ou commune_code (P-code) et leur nom (16 Mo au plus). Les entités dont
le P-code est dans le territoire sont gardées ; les autres sont listées. Les limites descendent
avec le territoire : chaque nœud dessine ses cartes hors ligne.`,
  options: {},
  allowPositionals: true,
  async run(ctx) {
    if (ctx.positionals.length === 0)
      throw new UsageError(ctx.t('indiquez au moins un fichier GeoJSON.', 'give at least one GeoJSON file.'));
    return withNode(nodeDir(ctx), async (node) => {
      if (node.identity.level !== 'national') {
        throw new OiseError(
          'TERRITORY_NOT_NATIONAL',
          ctx.t(
            `les limites sont une donnée de référence du niveau national ; le nœud ${node.identity.code} les reçoit avec le territoire par les paquets descendants.`,
            `boundaries are national reference data; node ${node.identity.code} receives them with the territory in down bundles.`,
          ),
        );
      }
      // Every file is checked before anything is stored.
      const files = ctx.positionals.map((path) => readBoundaryFile(path));
      const results = await importBoundaries(node.db, files, { owner: node.identity.code, now: ctx.now });
      if (ctx.json) ctx.printJson(results);
      else
        ctx.out(
          results
            .flatMap((r) =>
              ctx.t(
                boundaryImportLines(r).join('\n'),
                `${r.file}: ${r.kept} ${r.level} boundaries kept (${r.inserted} added, ${r.updated} changed, ${r.unchanged} unchanged); ${r.outside.length} outside the territory${r.outside.length ? `: ${r.outside.map((o) => o.code).join(', ')}` : ''}.`,
              ),
            )
            .join('\n'),
        );
      return 0;
    });
  },
});
