import { countFr, formatNumberFr } from '@oise/core';
import { withNode } from '@oise/node';
import { ingestBundles, overQuotaWarning, rejectedQuota } from '@oise/sync';
import { nodeDir } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['ingest'],
  summary: { fr: 'vérifie et applique des paquets reçus', en: 'verifies and applies received bundles' },
  usage: `Usage : oise ingest --dir DOSSIER [FICHIER…] [--json]

Vérifie chaque paquet (signature d'une clé enrôlée, empreinte, destinataire, version du schéma,
portée de chaque ligne) puis l'applique en entier ou pas du tout. Sans FICHIER : tous les
paquets de inbox/, reconnus à leur contenu quel que soit leur nom (« … (1).oise » d'un
courriel ou d'une copie) ; tout autre fichier de inbox/ est nommé avec la raison, et laissé.
Appliqués → inbox/applied/ ; refusés → inbox/rejected/ avec un fichier .motif.txt. Code de
sortie 1 si un paquet est refusé.

Ne consolide pas (commande de bas niveau) : les agrégats attendent \`oise consolidate --changes\`,
le passage de \`oise run\` ou « Consolider maintenant » des pages. \`oise serve\`,
\`oise ui --inbox-port\` et le dépôt des pages consolident aussitôt ce qu'ils appliquent.`,
  options: {},
  allowPositionals: true,
  async run(ctx) {
    return withNode(nodeDir(ctx), async (node) => {
      const results = await ingestBundles(node, { now: ctx.now, files: ctx.positionals });
      if (ctx.json) ctx.printJson({ results });
      for (const r of results) {
        if (r.status === 'rejected') {
          ctx.err(`${ctx.t('Paquet refusé', 'Bundle refused')} ${r.file} [${r.code}] : ${r.reason}`);
          continue;
        }
        if (r.status === 'ignored') {
          ctx.out(`${r.file} : ${r.reason}`);
          continue;
        }
        const skipped = r.skipped.length
          ? ctx.t(
              ` ; ignorées, tables que cette version ne connaît pas : ${r.skipped.map((s) => `${s.table} (${formatNumberFr(s.rows)})`).join(', ')}`,
              `; skipped, tables this version does not know: ${r.skipped.map((s) => `${s.table} (${s.rows})`).join(', ')}`,
            )
          : '';
        ctx.out(
          r.status === 'applied'
            ? ctx.t(
                `${r.file} : appliqué (${r.sender}, n° ${r.sequence}) — ${countFr(r.rows, 'ligne reçue', 'lignes reçues')}, ${countFr(r.changed, 'nouvelle ou plus récente', 'nouvelles ou plus récentes')}${r.documents.length ? `, ${countFr(r.documents.length, 'document')} dans reports/` : ''}${skipped}.`,
                `${r.file}: applied (${r.sender}, no. ${r.sequence}) — ${r.rows} rows received, ${r.changed} new or newer${r.documents.length ? `, ${r.documents.length} document(s) in reports/` : ''}${skipped}.`,
              )
            : ctx.t(`${r.file} : déjà appliqué, rien à faire.`, `${r.file}: already applied, nothing to do.`),
        );
      }
      if (results.every((r) => r.status === 'ignored'))
        ctx.out(ctx.t('Aucun paquet à appliquer.', 'No bundle to apply.'));
      const over = overQuotaWarning(await rejectedQuota(node));
      if (over) ctx.err(over);
      return results.some((r) => r.status === 'rejected') ? 1 : 0;
    });
  },
});
