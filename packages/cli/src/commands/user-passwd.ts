import { setAccountPassword } from '@oise/accounts';
import { withNode } from '@oise/node';
import { nodeDir, requireString } from '../args.js';
import { defineCommand } from '../command.js';
import { readNewPassword } from '../password-prompt.js';

export default defineCommand({
  path: ['user', 'passwd'],
  summary: { fr: "change le mot de passe d'un compte", en: "changes an account's password" },
  usage: `Usage : oise user passwd --dir DOSSIER --login IDENTIFIANT [--password-stdin]

Le nouveau mot de passe est demandé deux fois sans s'afficher (ou lu sur l'entrée standard avec
--password-stdin). Les sessions ouvertes avec l'ancien se ferment.`,
  options: { login: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  async run(ctx) {
    const dir = nodeDir(ctx);
    const login = requireString(ctx, 'login');
    const password = await readNewPassword(ctx);
    await withNode(dir, (node) => setAccountPassword(node.db, { login, password, now: ctx.now }));
    if (ctx.json) ctx.printJson({ login: login.trim().toLowerCase(), changed: true });
    else ctx.out(ctx.t(`Mot de passe de « ${login} » changé.`, `Password of "${login}" changed.`));
    return 0;
  },
});
