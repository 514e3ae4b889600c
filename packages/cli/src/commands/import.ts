import { UsageError, countFr, describeFinding } from '@oise/core';
import { type ImportResult, type WriteCounts, importEntryFiles } from '@oise/entry';
import { withNode } from '@oise/node';
import { nodeDir, optionalString } from '../args.js';
import { defineCommand } from '../command.js';
import type { CommandContext } from '../command.js';
import { importExitCode } from '../exit-codes.js';

type Gender = 'm' | 'f';

/** « valeurs : 1 nouvelle, 2 modifiées … », « élus : 1 nouveau … »: agreed with the noun and the count. */
function countsText(ctx: CommandContext, label: string, gender: Gender, c: WriteCounts): string | undefined {
  const total = c.inserted + c.updated + c.deleted + c.unchanged;
  if (total === 0) return undefined;
  const e = gender === 'f' ? 'e' : '';
  return ctx.t(
    `${label} : ${[
      gender === 'f' ? countFr(c.inserted, 'nouvelle') : countFr(c.inserted, 'nouveau', 'nouveaux'),
      countFr(c.updated, `modifié${e}`),
      countFr(c.deleted, `supprimé${e}`),
      countFr(c.unchanged, `inchangé${e}`),
    ].join(', ')}`,
    `${label}: ${c.inserted} new, ${c.updated} changed, ${c.deleted} deleted, ${c.unchanged} unchanged`,
  );
}

/** A re-import of what is stored says « aucune modification », not « 166 ligne(s) enregistrées ». */
function noChangeText(ctx: CommandContext, same: number, refused: number, skipped: number, warnings: number) {
  const fr = [
    ...(refused ? [countFr(refused, 'refusée')] : []),
    ...(skipped ? [countFr(skipped, 'ignorée')] : []),
    ...(warnings ? [countFr(warnings, 'avertissement')] : []),
  ];
  const en = [
    ...(refused ? [`${refused} refused`] : []),
    ...(skipped ? [`${skipped} skipped`] : []),
    ...(warnings ? [`${warnings} warning(s)`] : []),
  ];
  return ctx.t(
    `Import terminé : aucune modification${same ? ` (${countFr(same, 'ligne identique', 'lignes identiques')} à ce qui est enregistré)` : ''}${fr.length ? ` ; ${fr.join(', ')}` : ''}.`,
    `Import done: no change${same ? ` (${same} line(s) identical to what is stored)` : ''}${en.length ? `; ${en.join(', ')}` : ''}.`,
  );
}

function summarize(ctx: CommandContext, r: ImportResult): void {
  // Counts by kind say what changed; with nothing changed, the line above says it all.
  const parts =
    r.journalRows === 0
      ? []
      : [
          countsText(ctx, ctx.t('valeurs', 'values'), 'f', r.counts.dataValues),
          countsText(ctx, ctx.t('élus', 'officials'), 'm', r.counts.officials),
          countsText(ctx, ctx.t('formations', 'trainings'), 'f', r.counts.trainings),
          countsText(ctx, ctx.t('activités', 'activities'), 'f', r.counts.activities),
          countsText(ctx, ctx.t('partenariats', 'partnerships'), 'm', r.counts.partnerships),
        ].filter(Boolean);
  for (const p of parts) ctx.out(`  ${p}`);
  for (const f of r.files)
    for (const path of f.rejectsFiles)
      ctx.out(ctx.t(`  lignes refusées de ${f.file} : ${path}`, `  refused lines of ${f.file}: ${path}`));
}

/** « 3 lignes enregistrées, 1 ligne refusée, 0 ignorée ». */
function linesText(ctx: CommandContext, stored: number, refused: number, skipped: number, would: boolean) {
  return ctx.t(
    `${would ? `${countFr(stored, 'ligne serait enregistrée', 'lignes seraient enregistrées')}` : countFr(stored, 'ligne enregistrée', 'lignes enregistrées')}, ${countFr(refused, 'refusée')}, ${countFr(skipped, 'ignorée')}`,
    `${stored} line(s) ${would ? 'would be stored' : 'stored'}, ${refused} refused, ${skipped} skipped`,
  );
}

export default defineCommand({
  path: ['import'],
  summary: {
    fr: 'importe valeurs, élus, formations, activités et partenariats (xlsx ou csv)',
    en: 'imports values, officials, trainings, activities and partnerships (xlsx or csv)',
  },
  usage: `Usage : oise import --dir DOSSIER FICHIER… [--dry-run] [--partial] [--quarter 2025T1] [--author NOM] [--json]

Classeurs de saisie (oise template) et CSV (séparateur ; ou , ou tabulation, UTF-8 avec ou sans
BOM, virgule ou point décimal). Valeurs : code_collectivite;code_indicateur;periode;categorie;valeur;commentaire
(ou org_unit,indicator,period,category,value,comment). Tout est vérifié avant d'écrire :
au moindre refus rien n'est enregistré, sauf avec --partial qui enregistre les lignes valides et
écrit les lignes refusées dans <fichier>-rejets.csv avec leur motif. --dry-run vérifie sans écrire.

Code de sortie : 0 rien de refusé ; 3 import partiel (--partial : une partie enregistrée, le
reste refusé) ; 1 refusé, rien d'enregistré ; 2 erreur d'usage. --dry-run rend le code
qu'aurait l'import.`,
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
            `Import refusé : ${countFr(result.errors, 'erreur')}, rien n'a été enregistré. Corrigez les lignes signalées puis importez de nouveau (ou --partial pour n'enregistrer que les lignes valides).`,
            `Import refused: ${result.errors} error(s), nothing was stored. Fix the lines above and import again (or --partial to store only the valid lines).`,
          ),
        );
        return importExitCode(0, true);
      }
      const code = importExitCode(stored, result.errors > 0);
      if (result.dryRun) {
        ctx.out(
          ctx.t(
            `Vérification seule : ${linesText(ctx, stored, refused, skipped, true)} ; rien n'a été écrit.`,
            `Dry run: ${linesText(ctx, stored, refused, skipped, true)}; nothing was written.`,
          ),
        );
        return code;
      }
      if (stored === 0 && result.errors > 0) {
        ctx.err(
          ctx.t(
            `Import refusé : aucune ligne valide, rien n'a été enregistré (${countFr(result.errors, 'erreur')}). Corrigez les lignes signalées puis importez de nouveau.`,
            `Import refused: no valid line, nothing was stored (${result.errors} error(s)). Fix the lines above and import again.`,
          ),
        );
        summarize(ctx, result);
        return code;
      }
      ctx.out(
        result.journalRows === 0
          ? noChangeText(ctx, stored, refused, skipped, result.warnings)
          : ctx.t(
              `${result.errors > 0 ? 'Import partiel' : 'Import terminé'} : ${linesText(ctx, stored, refused, skipped, false)} ; ${countFr(result.journalRows, 'changement')} au journal, ${countFr(result.warnings, 'avertissement')}.`,
              `${result.errors > 0 ? 'Partial import' : 'Import done'}: ${linesText(ctx, stored, refused, skipped, false)}; ${result.journalRows} change(s) journaled, ${result.warnings} warning(s).`,
            ),
      );
      summarize(ctx, result);
      return code;
    });
  },
});
