import { countFr } from '@oise/core';
import { withNode } from '@oise/node';
import { sendOutbox } from '@oise/sync';
import { nodeDir } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['send'],
  summary: {
    fr: "envoie par HTTP les paquets de l'outbox aux voisins qui ont une adresse",
    en: 'sends the outbox bundles over HTTP to neighbours with an address',
  },
  usage: `Usage : oise send --dir DOSSIER [--json]

Envoie chaque paquet qui attend dans outbox/<code>/, du plus ancien au plus récent, au voisin
dont l'adresse est réglée : « oise settings transport.parent-url http://machine:8080 » pour
le parent, « transport.child-url.<code> » pour un enfant. Reçu ou refusé par le destinataire,
le fichier passe dans outbox/<code>/envoyes/ (un refus y laisse son .motif.txt) ; injoignable,
il reste dans l'outbox pour le prochain passage ou une clé USB. Code de sortie 1 si un paquet
est refusé ou n'a pas pu partir.`,
  options: {},
  async run(ctx) {
    return withNode(nodeDir(ctx), async (node) => {
      const result = await sendOutbox(node, { now: ctx.now });
      if (ctx.json) ctx.printJson(result);
      for (const r of result.results) {
        if (r.outcome === 'refused' || r.outcome === 'failed') {
          ctx.err(
            r.outcome === 'refused'
              ? ctx.t(
                  `Paquet refusé par ${r.recipient} : ${r.file} — ${r.reason}`,
                  `Bundle refused by ${r.recipient}: ${r.file} — ${r.reason}`,
                )
              : ctx.t(
                  `Paquet non envoyé à ${r.recipient} : ${r.file} — ${r.reason}`,
                  `Bundle not sent to ${r.recipient}: ${r.file} — ${r.reason}`,
                ),
          );
          continue;
        }
        const what = {
          applied: ctx.t('appliqué', 'applied'),
          duplicate: ctx.t('déjà reçu', 'already received'),
          queued: ctx.t('reçu, appliqué au prochain passage', 'received, applied at the next pass'),
        }[r.outcome];
        ctx.out(`${r.recipient} : ${r.file} — ${what}`);
      }
      for (const w of result.withoutAddress)
        ctx.out(
          ctx.t(
            `${w.recipient} : ${countFr(w.files, 'paquet')} en attente, pas d'adresse réglée (clé USB, ou oise settings).`,
            `${w.recipient}: ${w.files} bundle(s) waiting, no address set (USB key, or oise settings).`,
          ),
        );
      if (result.results.length === 0 && result.withoutAddress.length === 0)
        ctx.out(ctx.t("Rien à envoyer : l'outbox est vide.", 'Nothing to send: the outbox is empty.'));
      return result.results.some((r) => r.outcome === 'refused' || r.outcome === 'failed') ? 1 : 0;
    });
  },
});
