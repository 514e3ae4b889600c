import { UsageError, describeFinding } from '@oise/core';
import { type ImportResult, type WriteCounts, importEntryFiles } from '@oise/entry';
import { withNode } from '@oise/node';
import { nodeDir, optionalString } from '../args.js';
import { defineCommand } from '../command.js';
import type { CommandContext } from '../command.js';

function countsText(ctx: CommandContext, label: string, c: WriteCounts): string | undefined {
  const total = c.inserted + c.updated + c.deleted + c.unchanged;
  if (total === 0) return undefined;
  return ctx.t(
    `${label} : ${c.inserted} nouvelles, ${c.updated} modifiées, ${c.deleted} supprimées, ${c.unchanged} inchangées`,
    `${label}: ${c.inserted} new, ${c.updated} changed, ${c.deleted} deleted, ${c.unchanged} unchanged`,
  );
}

/** A re-import of what is stored says « aucune modification », not « 166 ligne(s) enregistrées ». */
function noChangeText(ctx: CommandContext, same: number, refused: number, skipped: number, warnings: number) {
  const fr = [
    ...(refused ? [`${refused} refusée(s)`] : []),
    ...(skipped ? [`${skipped} ignorée(s)`] : []),
    ...(warnings ? [`${warnings} avertissement(s)`] : []),
  ];
  const en = [
    ...(refused ? [`${refused} refused`] : []),
    ...(skipped ? [`${skipped} skipped`] : []),
    ...(warnings ? [`${warnings} warning(s)`] : []),
  ];
  return ctx.t(
    `Import terminé : aucune modification${same ? ` (${same} ligne(s) identiques à ce qui est enregistré)` : ''}${fr.length ? ` ; ${fr.join(', ')}` : ''}.`,
    `Import done: no change${same ? ` (${same} line(s) identical to what is stored)` : ''}${en.length ? `; ${en.join(', ')}` : ''}.`,
  );
}

function summarize(ctx: CommandContext, r: ImportResult): void {
  // Counts by kind say what changed; with nothing changed, the line above says it all.
  const parts =
    r.journalRows === 0
      ? []
      : [
          countsText(ctx, ctx.t('valeurs', 'values'), r.counts.dataValues),
          countsText(ctx, ctx.t('élus', 'officials'), r.counts.officials),
          countsText(ctx, ctx.t('formations', 'trainings'), r.counts.trainings),
          countsText(ctx, ctx.t('activités', 'activities'), r.counts.activities),
          countsText(ctx, ctx.t('partenariats', 'partnerships'), r.counts.partnerships),
        ].filter(Boolean);
  for (const p of parts) ctx.out(`  ${p}`);
  for (const f of r.files)
    for (const path of f.rejectsFiles)
      ctx.out(ctx.t(`  lignes refusées de ${f.file} : ${path}`, `  refused lines of ${f.file}: ${path}`));
}

export default defineCommand({
  path: ['import'],
  summary: {
    fr: 'importe valeurs, élus, formations, activités et partenariats (xlsx ou csv)',
    en: 'imports values, officials, trainings, activities and partnerships (xlsx or csv)',
  },
  usage: `Usage : oise import --dir DOSSIER FICHIER… [--dry-run] [--partial] [--quarter 2025Q1] [--author NOM] [--json]

Classeurs de saisie (oise template) et CSV (séparateur ; ou , ou tabulation, UTF-8 avec ou sans
BOM, virgule ou point décimal). Valeurs : code_collectivite;code_indicateur;periode;categorie;valeur;commentaire
(ou org_unit,indicator,period,category,value,comment). Tout est vérifié avant d'écrire :
au moindre refus rien n'est enregistré, sauf avec --partial qui enregistre les lignes valides et
écrit les lignes refusées dans <fichier>-rejets.csv avec leur motif. --dry-run vérifie sans écrire.`,
  options: {
    'dry-run': { type: 'boolean' },
    partial: { type: 'boolean' },
    quarter: { type: 'string' },
    author: { type: 'string' },
  },
  allowPositionals: true,
  async run(ctx) {
    if (ctx.positionals.length === 0)
      throw new UsageError(
        ctx.t('indiquez au moins un fichier à importer.', 'give at least one file to import.'),
      );
    return withNode(nodeDir(ctx), async (node) => {
      const author = optionalString(ctx, 'author');
      const quarter = optionalString(ctx, 'quarter');
      const result = await importEntryFiles(node.db, {
        node: { code: node.identity.code, level: node.identity.level },
        files: ctx.positionals,
        now: ctx.now,
        partial: ctx.values.partial === true,
        dryRun: ctx.values['dry-run'] === true,
        ...(author ? { author } : {}),
        ...(quarter ? { quarter } : {}),
      });
      for (const f of result.findings) ctx.err(describeFinding(f));
      if (ctx.json) ctx.printJson(result);
      const stored = result.files.reduce((n, f) => n + f.stored, 0);
      const refused = result.files.reduce((n, f) => n + f.refused, 0);
      const skipped = result.files.reduce((n, f) => n + f.skipped, 0);
      if (!result.accepted) {
        ctx.err(
          ctx.t(
            `Import refusé : ${result.errors} erreur(s), rien n'a été enregistré. Corrigez les lignes signalées puis importez de nouveau (ou --partial pour n'enregistrer que les lignes valides).`,
            `Import refused: ${result.errors} error(s), nothing was stored. Fix the lines above and import again (or --partial to store only the valid lines).`,
          ),
        );
        return 1;
      }
      if (result.dryRun) {
        ctx.out(
          ctx.t(
            `Vérification seule : ${stored} ligne(s) seraient enregistrées, ${refused} refusées, ${skipped} ignorées ; rien n'a été écrit.`,
            `Dry run: ${stored} line(s) would be stored, ${refused} refused, ${skipped} skipped; nothing was written.`,
          ),
        );
        return 0;
      }
      ctx.out(
        result.journalRows === 0
          ? noChangeText(ctx, stored, refused, skipped, result.warnings)
          : ctx.t(
              `Import terminé : ${stored} ligne(s) enregistrées, ${refused} refusées, ${skipped} ignorées ; ${result.journalRows} changement(s) au journal, ${result.warnings} avertissement(s).`,
              `Import done: ${stored} line(s) stored, ${refused} refused, ${skipped} skipped; ${result.journalRows} change(s) journaled, ${result.warnings} warning(s).`,
            ),
      );
      summarize(ctx, result);
      return 0;
    });
  },
});
