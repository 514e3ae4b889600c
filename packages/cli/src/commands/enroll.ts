import { UsageError } from '@oise/core';
import { enroll, withNode } from '@oise/node';
import { nodeDir } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['enroll'],
  summary: {
    fr: "enrôle la clé d'un voisin (parent ou enfant)",
    en: "trusts a neighbour's key (parent or child)",
  },
  usage: `Usage : oise enroll --dir DOSSIER FICHIER_CLÉ [--json]

Le parent enrôle chaque enfant, l'enfant enrôle son parent ; les paquets d'une clé non enrôlée
sont refusés.`,
  options: {},
  allowPositionals: true,
  async run(ctx) {
    const [file, ...extra] = ctx.positionals;
    if (!file || extra.length > 0)
      throw new UsageError(ctx.t('indiquez un seul fichier de clé.', 'give exactly one key file.'));
    return withNode(nodeDir(ctx), async (node) => {
      const result = await enroll(node, file, ctx.now);
      if (ctx.json) {
        ctx.printJson({
          code: result.identity.code,
          relation: result.relation,
          fingerprint: result.identity.fingerprint,
          changed: result.changed,
        });
      } else {
        const who = result.relation === 'parent' ? ctx.t('parent', 'parent') : ctx.t('enfant', 'child');
        ctx.out(
          result.changed
            ? ctx.t(
                `${result.identity.code} enrôlé comme ${who} (empreinte ${result.identity.fingerprint}).`,
                `${result.identity.code} enrolled as ${who} (fingerprint ${result.identity.fingerprint}).`,
              )
            : ctx.t(
                `${result.identity.code} était déjà enrôlé avec cette clé.`,
                `${result.identity.code} was already enrolled with this key.`,
              ),
        );
      }
      return 0;
    });
  },
});
