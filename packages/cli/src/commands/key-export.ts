import { withNode, writePublicIdentity } from '@oise/node';
import { nodeDir, requireString } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['key', 'export'],
  summary: { fr: "écrit l'identité publique du nœud", en: "writes the node's public identity" },
  usage: `Usage : oise key export --dir DOSSIER --out FICHIER [--json]

Écrit la clé publique du nœud (jamais la clé privée) avec son code et son empreinte, à remettre
au parent et aux enfants pour « oise enroll ».`,
  options: { out: { type: 'string' } },
  async run(ctx) {
    const out = requireString(ctx, 'out');
    return withNode(nodeDir(ctx), async (node) => {
      const identity = writePublicIdentity(node, out);
      if (ctx.json)
        ctx.printJson({
          file: out,
          code: identity.code,
          level: identity.level,
          fingerprint: identity.fingerprint,
        });
      else
        ctx.out(
          ctx.t(
            `Clé publique de ${identity.code} écrite dans ${out} (empreinte ${identity.fingerprint}).`,
            `Public key of ${identity.code} written to ${out} (fingerprint ${identity.fingerprint}).`,
          ),
        );
      return 0;
    });
  },
});
