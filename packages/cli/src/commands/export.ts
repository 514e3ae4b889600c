import { countFr, formatQuarterFr } from '@oise/core';
import { withNode } from '@oise/node';
import { exportBundles } from '@oise/sync';
import { nodeDir, optionalString } from '../args.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['export'],
  summary: {
    fr: 'écrit le prochain paquet signé pour chaque voisin enrôlé',
    en: 'writes the next signed bundle for each enrolled neighbour',
  },
  usage: `Usage : oise export --dir DOSSIER [--full] [--to CODE] [--json]

Écrit dans outbox/<code>/ un paquet signé pour chaque voisin enrôlé qui a quelque chose à
recevoir (montant vers le parent, descendant vers chaque enfant) : ce qui a changé depuis son
dernier accusé de réception, ou tout avec --full. --to limite à un voisin.`,
  options: { full: { type: 'boolean' }, to: { type: 'string' } },
  async run(ctx) {
    return withNode(nodeDir(ctx), async (node) => {
      const result = await exportBundles(node, {
        now: ctx.now,
        full: ctx.values.full === true,
        to: optionalString(ctx, 'to'),
      });
      if (ctx.json) {
        ctx.printJson(result);
        return 0;
      }
      for (const b of result.written) {
        const what = b.ackOnly
          ? ctx.t('accusé de réception seul', 'acknowledgement only')
          : ctx.t(countFr(b.rowCount, 'ligne'), `${b.rowCount} rows`);
        const shown = ctx.lang === 'en' ? b.quarters : b.quarters.map(formatQuarterFr);
        const quarters = b.quarters.length ? ` (${shown.join(', ')})` : '';
        ctx.out(
          ctx.t(
            `${b.direction === 'up' ? 'Montant' : 'Descendant'} vers ${b.recipient} : ${b.file} — n° ${b.sequence}, ${what}${quarters}, ${countFr(b.bytes, 'octet')}.`,
            `${b.direction === 'up' ? 'Up' : 'Down'} to ${b.recipient}: ${b.file} — no. ${b.sequence}, ${what}${quarters}, ${b.bytes} bytes.`,
          ),
        );
      }
      for (const s of result.skipped) {
        ctx.out(ctx.t(`Rien de nouveau pour ${s.recipient}.`, `Nothing new for ${s.recipient}.`));
      }
      if (result.written.length === 0 && result.skipped.length === 0) {
        ctx.out(ctx.t('Aucun voisin enrôlé (oise enroll).', 'No neighbour enrolled (oise enroll).'));
      }
      return 0;
    });
  },
});
