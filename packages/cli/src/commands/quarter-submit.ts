import { countFr, formatNumberFr, formatQuarterFr } from '@oise/core';
import { withNode } from '@oise/node';
import { submitAndHandOver } from '@oise/workflow';
import { nodeDir, optionalString, requireString } from '../args.js';
import { defineCommand } from '../command.js';
import { printHandover } from '../handover-lines.js';

export default defineCommand({
  path: ['quarter', 'submit'],
  summary: {
    fr: 'transmet le trimestre du nœud à la région',
    en: "submits the node's quarter to its parent",
  },
  usage: `Usage : oise quarter submit --dir DOSSIER --quarter 2025T1 [--author NOM] [--json]

Revérifie les valeurs enregistrées (bornes, F + M = total, partie ≤ tout) : au moindre problème
la transmission est refusée et les problèmes listés. Un trimestre incomplet peut être transmis :
les saisies manquantes sont comptées. Ensuite le trimestre est en lecture seule jusqu'au renvoi.
Le paquet pour la région est écrit aussitôt dans outbox/<région>/ : la commande dit quel
fichier porter.`,
  options: { quarter: { type: 'string' }, author: { type: 'string' } },
  async run(ctx) {
    const quarter = requireString(ctx, 'quarter');
    return withNode(nodeDir(ctx), async (node) => {
      const author = optionalString(ctx, 'author');
      const result = await submitAndHandOver(node, quarter, { now: ctx.now, ...(author ? { author } : {}) });
      if (ctx.json) ctx.printJson(result);
      if (!result.submitted) {
        for (const b of result.blocking)
          ctx.err(
            `${b.orgUnit}, ${b.indicator}${b.category ? ` (${b.category})` : ''}, ${ctx.lang === 'en' ? b.period : formatQuarterFr(b.period)} : [${b.code}] ${b.message}`,
          );
        ctx.err(
          ctx.t(
            `Transmission refusée : ${countFr(result.blocking.length, 'problème bloquant', 'problèmes bloquants')}. Corrigez-les (oise import) puis transmettez de nouveau.`,
            `Submission refused: ${result.blocking.length} blocking problem(s). Fix them (oise import) and submit again.`,
          ),
        );
        return 1;
      }
      ctx.out(
        ctx.t(
          `Trimestre ${formatQuarterFr(result.period)} de ${result.unit} transmis (transmission n° ${result.number}) ; ${countFr(result.missingCount, 'saisie manquante', 'saisies manquantes')} sur ${formatNumberFr(result.expected)}.`,
          `Quarter ${result.period} of ${result.unit} submitted (submission #${result.number}); ${result.missingCount} missing entr(ies) out of ${result.expected}.`,
        ),
      );
      const shown = result.missing.slice(0, 20);
      for (const m of shown)
        ctx.out(`  ${ctx.t('manque', 'missing')} : ${m.orgUnit}${m.indicator ? ` ${m.indicator}` : ''}`);
      if (result.missing.length > shown.length)
        ctx.out(
          ctx.t(
            `  … et ${formatNumberFr(result.missing.length - shown.length)} autres (--json pour la liste complète)`,
            `  … and ${result.missing.length - shown.length} more (--json for the full list)`,
          ),
        );
      printHandover(ctx, result.bundles);
      return 0;
    });
  },
});
