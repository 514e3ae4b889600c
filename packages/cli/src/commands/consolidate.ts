import {
  type ConsolidationResult,
  consolidateAll,
  consolidateChanges,
  consolidateQuarter,
} from '@oise/consolidate';
import { UsageError, countFr, quarterLabel } from '@oise/core';
import { getCalendar, withNode } from '@oise/node';
import { nodeDir, optionalString } from '../args.js';
import { type CommandContext, defineCommand } from '../command.js';

export default defineCommand({
  path: ['consolidate'],
  summary: {
    fr: 'recalcule les agrégats (trimestre et année) depuis les valeurs saisies',
    en: 'rebuilds the aggregates (quarter and year) from the raw values',
  },
  usage: `Usage : oise consolidate --dir DOSSIER --quarter TRIMESTRE [--json]
        oise consolidate --dir DOSSIER --changes [--json]
        oise consolidate --dir DOSSIER --all [--json]

--quarter 2025T1 (ou 2025T1) recalcule le trimestre et son année pour chaque cercle, région
et le pays sous le nœud ; --changes ne recalcule que ce que les derniers paquets ou imports ont
touché ; --all reconstruit tout. Un agrégat n'est réécrit que si son chiffre a changé.`,
  options: { quarter: { type: 'string' }, changes: { type: 'boolean' }, all: { type: 'boolean' } },
  async run(ctx) {
    const quarter = optionalString(ctx, 'quarter');
    const modes = [quarter !== undefined, ctx.values.changes === true, ctx.values.all === true].filter(
      Boolean,
    );
    if (modes.length !== 1) {
      throw new UsageError(
        ctx.t(
          'donnez exactement une option parmi --quarter TRIMESTRE, --changes et --all.',
          'give exactly one of --quarter QUARTER, --changes and --all.',
        ),
      );
    }
    return withNode(nodeDir(ctx), async (node) => {
      const options = { nodeCode: node.identity.code, now: ctx.now, calendar: await getCalendar(node.db) };
      const result = quarter
        ? await consolidateQuarter(node.db, { ...options, quarter })
        : ctx.values.changes
          ? await consolidateChanges(node.db, options)
          : await consolidateAll(node.db, options);
      if (ctx.json) ctx.printJson({ node: node.identity.code, ...result });
      else ctx.out(summary(ctx, result, quarter));
      return 0;
    });
  },
});

function summary(ctx: CommandContext, r: ConsolidationResult, quarter: string | undefined): string {
  if (r.mode === 'none')
    return ctx.t('Rien à consolider : aucune valeur nouvelle.', 'Nothing to consolidate: no new values.');
  const what = quarter
    ? ctx.t(
        `du ${quarterLabel(quarter)} et de l'année ${quarter.slice(0, 4)}`,
        `of the ${quarterLabel(quarter, 'en')} and the year ${quarter.slice(0, 4)}`,
      )
    : r.mode === 'full'
      ? ctx.t('complète', 'in full')
      : ctx.t('des changements', 'of the changes');
  return ctx.t(
    `Consolidation ${what} : ${countFr(r.units.length, 'collectivité')}, ${countFr(r.periods.length, 'période')} ; ${countFr(r.computed, 'chiffre calculé', 'chiffres calculés')} — ${countFr(r.inserted, 'nouveau', 'nouveaux')}, ${countFr(r.updated, 'modifié')}, ${countFr(r.cleared, 'vidé')}, ${countFr(r.unchanged, 'inchangé')}.`,
    `Consolidation ${what}: ${r.units.length} units, ${r.periods.length} periods; ${r.computed} figures computed — ${r.inserted} new, ${r.updated} changed, ${r.cleared} emptied, ${r.unchanged} unchanged.`,
  );
}
