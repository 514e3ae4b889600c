import { removeAccount } from '@oise/accounts';
import { withNode } from '@oise/node';
import { nodeDir, requireString } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['user', 'remove'],
  summary: { fr: 'supprime un compte et ferme ses sessions', en: 'removes an account and ends its sessions' },
  usage: 'Usage : oise user remove --dir DOSSIER --login IDENTIFIANT',
  options: { login: { type: 'string' } },
  async run(ctx) {
    const dir = nodeDir(ctx);
    const login = requireString(ctx, 'login');
    await withNode(dir, (node) => removeAccount(node.db, login));
    if (ctx.json) ctx.printJson({ login: login.trim().toLowerCase(), removed: true });
    else ctx.out(ctx.t(`Compte « ${login} » supprimé.`, `Account "${login}" removed.`));
    return 0;
  },
});
