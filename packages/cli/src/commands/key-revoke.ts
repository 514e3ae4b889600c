import { revoke, withNode } from '@oise/node';
import { nodeDir, requireString } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['key', 'revoke'],
  summary: { fr: "révoque la clé d'un voisin", en: "revokes a neighbour's key" },
  usage: `Usage : oise key revoke --dir DOSSIER --code CODE [--json]

Les paquets signés par la clé révoquée sont refusés ; un nouvel « oise enroll » la remplace.`,
  options: { code: { type: 'string' } },
  async run(ctx) {
    const code = requireString(ctx, 'code');
    return withNode(nodeDir(ctx), async (node) => {
      const revoked = await revoke(node, code, ctx.now);
      if (ctx.json) ctx.printJson({ code, revoked });
      else
        ctx.out(
          revoked
            ? ctx.t(`Clé de ${code} révoquée.`, `Key of ${code} revoked.`)
            : ctx.t(`Aucune clé active de ${code} à révoquer.`, `No active key of ${code} to revoke.`),
        );
      return 0;
    });
  },
});
