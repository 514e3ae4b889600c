import { ROLE_LABELS, listAccounts } from '@oise/accounts';
import { withNode } from '@oise/node';
import { nodeDir } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['user', 'list'],
  summary: { fr: 'liste les comptes des pages du nœud', en: "lists the accounts of the node's pages" },
  usage: 'Usage : oise user list --dir DOSSIER [--json]',
  options: {},
  async run(ctx) {
    const accounts = await withNode(nodeDir(ctx), (node) => listAccounts(node.db));
    if (ctx.json) {
      ctx.printJson(accounts);
      return 0;
    }
    if (accounts.length === 0) {
      ctx.out(
        ctx.t(
          'Aucun compte : les pages ne sont servies que sur ce poste (oise user add pour en créer).',
          'No account: the pages are served on this PC only (oise user add creates one).',
        ),
      );
      return 0;
    }
    for (const a of accounts)
      ctx.out(
        `${a.login}\t${a.role}\t${ctx.lang === 'fr' ? ROLE_LABELS[a.role] : a.role}\t${ctx.t('créé le', 'created')} ${a.createdAt.slice(0, 10)}`,
      );
    return 0;
  },
});
