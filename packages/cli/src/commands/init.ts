import { listIndicators } from '@oise/catalog';
import { NODE_LEVEL_LABELS, countFr } from '@oise/core';
import { initNode } from '@oise/node';
import { optionalString, requireString } from '../args.js';
import { nodeDir } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['init'],
  summary: {
    fr: 'crée un dossier de nœud, sa base et ses clés',
    en: 'creates a node folder, its database and keys',
  },
  usage: `Usage : oise init --dir DOSSIER --level cercle|region|national --code CODE [--parent CODE] [--json]

Crée node.sqlite (schéma et catalogue d'indicateurs), keys/ (paire Ed25519, clé privée 0600),
inbox/, outbox/ et reports/. Exemple, le cercle de Barouéli (ML0401) dans la région de Ségou (ML04) :
  oise init --dir oise-baroueli --level cercle --code ML0401 --parent ML04`,
  options: { level: { type: 'string' }, code: { type: 'string' }, parent: { type: 'string' } },
  async run(ctx) {
    const dir = nodeDir(ctx);
    const node = await initNode({
      dir,
      level: requireString(ctx, 'level'),
      code: requireString(ctx, 'code'),
      parent: optionalString(ctx, 'parent'),
      now: ctx.now,
      onWarning: (warning) => ctx.err(warning),
    });
    const indicators = (await listIndicators(node.db)).length;
    await node.close();
    if (ctx.json) {
      ctx.printJson({ dir, ...node.identity, indicators });
    } else {
      ctx.out(
        ctx.t(
          `Nœud ${NODE_LEVEL_LABELS[node.identity.level]} ${node.identity.code} créé dans ${dir} (${countFr(indicators, 'indicateur')} au catalogue).`,
          `Created ${node.identity.level} node ${node.identity.code} in ${dir} (${indicators} indicators in the catalog).`,
        ),
      );
    }
    return 0;
  },
});
