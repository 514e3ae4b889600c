import { formatNumberFr } from '@oise/core';
import { withNode, writeNodeBackup } from '@oise/node';
import { nodeDir, requireString } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['backup'],
  summary: {
    fr: 'écrit une sauvegarde du nœud dans un fichier (même pendant un passage)',
    en: 'writes a backup of the node into one file (even while a pass runs)',
  },
  usage: `Usage : oise backup --dir DOSSIER --out FICHIER.tar.gz [--with-keys] [--json]

Copie la base du nœud (copie cohérente, même pendant un import ou un passage), sa clé publique
et un manifeste (nœud, schéma, date, empreintes SHA-256) dans un seul fichier à garder sur une
clé USB. La clé privée n'y est mise qu'avec --with-keys : le fichier n'est alors lisible que par
vous (0600) ; gardez-le en lieu sûr et ne l'envoyez jamais. Restaurer : oise restore.`,
  options: { out: { type: 'string' }, 'with-keys': { type: 'boolean' } },
  async run(ctx) {
    const out = requireString(ctx, 'out');
    const withKeys = ctx.values['with-keys'] === true;
    return withNode(nodeDir(ctx), async (node) => {
      const result = await writeNodeBackup(node, out, { now: ctx.now, withKeys });
      const m = result.manifest;
      if (ctx.json) {
        ctx.printJson({ file: out, bytes: result.bytes, ...m });
        return 0;
      }
      const size =
        result.bytes < 1_000_000
          ? `${formatNumberFr(Math.max(1, Math.round(result.bytes / 1000)), 0)} ko`
          : `${formatNumberFr(result.bytes / 1_000_000, 1)} Mo`;
      ctx.out(
        ctx.t(
          `Sauvegarde du nœud ${m.node.level} ${m.node.code} écrite dans ${out} (${size}, schéma ${m.schemaVersion}) et relue : elle se restaure.`,
          `Backup of ${m.node.level} node ${m.node.code} written to ${out} (${size}, schema ${m.schemaVersion}) and read back: it restores.`,
        ),
      );
      ctx.out(
        withKeys
          ? ctx.t(
              'Elle contient la clé privée du nœud : fichier lisible par vous seul (0600). Gardez-la en lieu sûr, ne l’envoyez jamais.',
              "It holds the node's private key: only you can read the file (0600). Keep it safe, never send it.",
            )
          : ctx.t(
              'Sans la clé privée : gardez aussi, en lieu sûr, une sauvegarde faite une fois avec --with-keys.',
              'Without the private key: also keep, somewhere safe, one backup made with --with-keys.',
            ),
      );
      return 0;
    });
  },
});
