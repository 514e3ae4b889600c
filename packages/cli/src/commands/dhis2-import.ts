import { countFr, describeFinding } from '@oise/core';
import { importValueSet, loadMapping } from '@oise/interop';
import { withNode } from '@oise/node';
import { nodeDir, optionalString } from '../args.js';
import { defineCommand } from '../command.js';
import { importExitCode } from '../exit-codes.js';
import { DHIS2_OPTIONS, DHIS2_OPTIONS_USAGE, dhis2Flags, oneFile } from './dhis2-options.js';

export default defineCommand({
  path: ['dhis2', 'import'],
  summary: {
    fr: 'importe un jeu de valeurs DHIS2 (JSON, CSV, XML ou ADX) avec les contrôles de la saisie',
    en: 'imports a DHIS2 data value set (JSON, CSV, XML or ADX) with the entry checks',
  },
  usage: `Usage : oise dhis2 import --dir DOSSIER FICHIER --mapping FICHIER [--dry-run] [--partial] [--author NOM] [--json]

FICHIER : un jeu de valeurs exporté de DHIS2 (JSON {"dataValues":[…]}, CSV, XML <dataValueSet> ou
ADX <adx>, reconnu d'après son contenu).
Chaque valeur est ramenée aux codes OISE par le fichier de correspondances, puis vérifiée comme par
oise import (trimestre ouvert, commune du cercle, type, bornes, F + M = total, doublons) et
enregistrée au journal avec le canal dhis2. Au moindre refus rien n'est enregistré, sauf avec
--partial (lignes refusées dans <fichier>-rejets.csv) ; --dry-run vérifie sans écrire.
Les problèmes citent la ligne (CSV), l'entrée dataValues[n] (JSON) ou la ligne et le rang du
<dataValue> (XML, ADX).
Code de sortie : 0 rien de refusé ; 3 import partiel (--partial : une partie enregistrée, le
reste refusé) ; 1 refusé, rien d'enregistré. --dry-run rend le code qu'aurait l'import.
${DHIS2_OPTIONS_USAGE}`,
  options: {
    ...DHIS2_OPTIONS,
    'dry-run': { type: 'boolean' },
    partial: { type: 'boolean' },
    author: { type: 'string' },
  },
  allowPositionals: true,
  async run(ctx) {
    const file = oneFile(ctx);
    const { mapping: mappingPath, schemes } = dhis2Flags(ctx);
    return withNode(nodeDir(ctx), async (node) => {
      const mapping = await loadMapping(node.db, mappingPath, schemes);
      const result = await importValueSet(node.db, {
        node: { code: node.identity.code, level: node.identity.level },
        path: file,
        mapping,
        now: ctx.now,
        author: optionalString(ctx, 'author'),
        partial: ctx.values.partial === true,
        dryRun: ctx.values['dry-run'] === true,
      });
      for (const f of result.findings) ctx.err(describeFinding(f));
      if (ctx.json) ctx.printJson(result);
      const c = result.counts;
      if (!result.accepted) {
        ctx.err(
          ctx.t(
            `Import DHIS2 refusé : ${countFr(result.errors, 'erreur')} sur ${countFr(result.refused, 'valeur')}, rien n'a été enregistré. Corrigez le fichier ou les correspondances puis relancez (ou --partial pour n'enregistrer que les valeurs valides).`,
            `DHIS2 import refused: ${result.errors} error(s) on ${result.refused} value(s), nothing was stored. Fix the file or the mapping and run again (or --partial to store only the valid values).`,
          ),
        );
        return importExitCode(0, true);
      }
      const code = importExitCode(result.stored, result.errors > 0);
      const skippedDeleted = countFr(
        result.skippedDeleted,
        'supprimée dans DHIS2 ignorée',
        'supprimées dans DHIS2 ignorées',
      );
      if (result.dryRun) {
        ctx.out(
          ctx.t(
            `Vérification seule : ${countFr(result.stored, 'valeur serait enregistrée', 'valeurs seraient enregistrées')}, ${countFr(result.refused, 'refusée')}, ${skippedDeleted} ; rien n'a été écrit.`,
            `Dry run: ${result.stored} value(s) would be stored, ${result.refused} refused, ${result.skippedDeleted} deleted in DHIS2 skipped; nothing was written.`,
          ),
        );
        return code;
      }
      ctx.out(
        ctx.t(
          `${result.errors > 0 ? 'Import DHIS2 partiel' : 'Import DHIS2 terminé'} : ${countFr(result.entries, 'valeur lue', 'valeurs lues')}, ${countFr(c.inserted, 'nouvelle')}, ${countFr(c.updated, 'modifiée')}, ${countFr(c.unchanged, 'inchangée')}, ${countFr(result.refused, 'refusée')}, ${skippedDeleted} ; ${countFr(result.journalRows, 'changement')} au journal (canal dhis2), ${countFr(result.warnings, 'avertissement')}.`,
          `${result.errors > 0 ? 'Partial DHIS2 import' : 'DHIS2 import done'}: ${result.entries} value(s) read, ${c.inserted} new, ${c.updated} changed, ${c.unchanged} unchanged, ${result.refused} refused, ${result.skippedDeleted} deleted in DHIS2 skipped; ${result.journalRows} change(s) journaled (channel dhis2), ${result.warnings} warning(s).`,
        ),
      );
      if (result.rejectsFile)
        ctx.out(
          ctx.t(`  valeurs refusées : ${result.rejectsFile}`, `  refused values: ${result.rejectsFile}`),
        );
      return code;
    });
  },
});
