import { type RestoreResult, restoreNode } from '@oise/node';
import { nodeDir, requireString } from '../args.js';
import { type CommandContext, defineCommand } from '../command.js';

export default defineCommand({
  path: ['restore'],
  summary: {
    fr: 'restaure un nœud depuis une sauvegarde (vérifiée avant de rien remplacer)',
    en: 'restores a node from a backup (checked before anything is replaced)',
  },
  usage: `Usage : oise restore --dir DOSSIER --from FICHIER.tar.gz [--force] [--new-keys] [--json]

Vérifie la sauvegarde (empreintes, intégrité de la base, version du schéma) avant de rien
remplacer, puis recrée le nœud dans DOSSIER. Un dossier qui contient déjà un nœud n'est
remplacé qu'avec --force : sa base est gardée à côté (node.sqlite.avant-restauration-…).
Une sauvegarde d'une version plus ancienne d'OISE est mise à jour ; une plus récente est refusée.
Sans clé privée dans la sauvegarde ni dans le dossier, --new-keys crée une nouvelle paire de clés
(à faire enrôler par le parent et les enfants).`,
  options: { from: { type: 'string' }, force: { type: 'boolean' }, 'new-keys': { type: 'boolean' } },
  async run(ctx) {
    const dir = nodeDir(ctx);
    const from = requireString(ctx, 'from');
    const result = await restoreNode({
      dir,
      from,
      now: ctx.now,
      force: ctx.values.force === true,
      newKeys: ctx.values['new-keys'] === true,
      onWarning: (warning) => ctx.err(warning),
    });
    if (ctx.json) {
      const { manifest, ...rest } = result;
      ctx.printJson({ ...rest, node: manifest.node, backup: manifest });
      return 0;
    }
    printRestored(ctx, result, from);
    return 0;
  },
});

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Africa/Bamako',
  dateStyle: 'long',
  timeStyle: 'short',
});

function printRestored(ctx: CommandContext, r: RestoreResult, from: string): void {
  const m = r.manifest;
  const when = DATE_TIME.format(new Date(m.createdAt));
  ctx.out(
    ctx.t(
      `Nœud ${m.node.level} ${m.node.code} restauré dans ${r.dir} depuis ${from} (sauvegarde du ${when}, heure de Bamako).`,
      `${m.node.level} node ${m.node.code} restored into ${r.dir} from ${from} (backup of ${m.createdAt}).`,
    ),
  );
  if (r.migrations.length > 0)
    ctx.out(
      ctx.t(
        `Base mise à jour du schéma ${m.schemaVersion} vers ${r.migrations.at(-1)}.`,
        `Database upgraded from schema ${m.schemaVersion} to ${r.migrations.at(-1)}.`,
      ),
    );
  for (const aside of r.keptAside)
    ctx.out(
      ctx.t(
        `Ancien contenu gardé à côté : ${aside} (supprimez-le quand vous aurez vérifié le nœud).`,
        `Former content kept aside: ${aside} (delete it once you have checked the node).`,
      ),
    );
  const keys = {
    restored: ctx.t(
      `Clés du nœud restaurées (empreinte ${r.fingerprint}).`,
      `Keys restored (${r.fingerprint}).`,
    ),
    kept: ctx.t(
      `Clés du dossier gardées (empreinte ${r.fingerprint}).${r.fingerprint === m.fingerprint ? '' : " Ce n'est pas la clé de la sauvegarde : si le nœud n'a pas changé de clé depuis, faites enrôler celle-ci par le parent et les enfants."}`,
      `The folder's keys were kept (${r.fingerprint}).`,
    ),
    new: ctx.t(
      `Nouvelle paire de clés créée (empreinte ${r.fingerprint}) : écrivez la clé publique (oise key export --dir ${r.dir} --out cle-${m.node.code}.json) et faites-la enrôler par le parent et par chaque enfant (oise enroll chez eux) ; d'ici là ils refusent les paquets de ce nœud.`,
      `New key pair made (${r.fingerprint}): export it (oise key export) and have the parent and every child enrol it (oise enroll).`,
    ),
    'public-only': '',
  }[r.keys];
  if (keys) ctx.out(keys);
  else
    ctx.err(
      ctx.t(
        `Attention : la sauvegarde ne contient pas la clé privée, et le dossier n'en a pas : le nœud ne peut pas signer ses paquets. Restaurez une sauvegarde faite avec --with-keys (oise restore --dir ${r.dir} --from SAUVEGARDE --force), ou créez une nouvelle paire de clés (oise restore --dir ${r.dir} --from ${from} --force --new-keys) et faites enrôler la nouvelle clé publique par le parent et les enfants.`,
        'Warning: neither the backup nor the folder holds the private key: the node cannot sign. Restore a backup made with --with-keys, or make new keys (--force --new-keys) and have the neighbours enrol them.',
      ),
    );
  ctx.out(
    ctx.t(
      `Ensuite : oise status --dir ${r.dir}, puis oise run --dir ${r.dir} --once. Ce qui a été saisi après la sauvegarde est à réimporter (vos classeurs).`,
      'Then: oise status, then oise run --once. What was entered after the backup must be imported again.',
    ),
  );
}
