import { addAccount, parseRole } from '@oise/accounts';
import { withNode } from '@oise/node';
import { nodeDir, requireString } from '../args.js';
import { defineCommand } from '../command.js';
import { readNewPassword } from '../password-prompt.js';

export default defineCommand({
  path: ['user', 'add'],
  summary: {
    fr: 'crée un compte pour les pages du nœud servies sur le réseau',
    en: "creates an account for the node's pages served on the network",
  },
  usage: `Usage : oise user add --dir DOSSIER --login IDENTIFIANT --role saisie|validation|lecture|admin [--password-stdin]

Les pages d'un nœud servies au-delà de ce poste (oise ui --host …) demandent un compte. Rôles :
saisie (saisie, transmission, paquets), validation (notes, décisions, paquets), lecture (rien
n'est modifié), admin (tout, plus les comptes, les réglages, la consolidation et la publication).
Le mot de passe (8 caractères au moins) est demandé deux fois sans s'afficher, ou lu sur
l'entrée standard avec --password-stdin. Les comptes restent sur ce poste : ils ne voyagent
jamais dans les paquets.`,
  options: { login: { type: 'string' }, role: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  async run(ctx) {
    const dir = nodeDir(ctx);
    const login = requireString(ctx, 'login');
    const role = parseRole(requireString(ctx, 'role'));
    const password = await readNewPassword(ctx);
    const account = await withNode(dir, (node) =>
      addAccount(node.db, { login, role, password, now: ctx.now }),
    );
    if (ctx.json) ctx.printJson(account);
    else
      ctx.out(
        ctx.t(
          `Compte « ${account.login} » créé (rôle ${account.role}).`,
          `Account "${account.login}" created (role ${account.role}).`,
        ),
      );
    return 0;
  },
});
