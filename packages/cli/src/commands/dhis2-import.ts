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
  usage: `Usage : oise dhis2 import --dir DOSSIER FICHIER --mapping FICHIER [--dry-run] [--partial]
        [--mois-incomplets] [--author NOM] [--json]

FICHIER : un jeu de valeurs exporté de DHIS2 (JSON {"dataValues":[…]}, CSV, XML <dataValueSet> ou
ADX <adx>, reconnu d'après son contenu).
Périodes : trimestres (2025Q1) ; mois (202501), jours (20250115), semaines (2025W3) et bimestres
(202501B) pris dans un seul trimestre, ramenés au trimestre par la règle de temps de l'indicateur
(somme pour un flux, dernière valeur pour un stock, moyenne). Un trimestre auquel il manque un mois
est refusé (« 2 mois sur 3 »), sauf avec --mois-incomplets (le commentaire dit quels mois) ; une
semaine ou un bimestre à cheval sur deux trimestres, un semestre ou une année sont refusés. Un
nouvel import des mois d'un trimestre recalcule le trimestre à partir des mois de ce fichier.
Une valeur vide ou deleted=true supprime la valeur d'OISE (trimestre ouvert seulement).
Chaque valeur est ramenée aux codes OISE par le fichier de correspondances, puis vérifiée comme par
oise import (trimestre ouvert, commune du cercle, type, bornes, F + M = total, doublons) et
enregistrée au journal avec le canal dhis2. Au moindre refus rien n'est enregistré, sauf avec
--partial (lignes refusées dans <fichier>-rejets.csv) ; --dry-run vérifie sans écrire.
Le bilan suit l'importSummary de DHIS2 (importées, mises à jour, supprimées, ignorées, conflits) ;
chaque conflit cite la ligne (CSV), l'entrée dataValues[n] (JSON) ou la ligne et le rang du
<dataValue> (XML, ADX), et dit quoi changer.
Code de sortie : 0 rien de refusé ; 3 import partiel (--partial : une partie enregistrée, le
reste refusé) ; 1 refusé, rien d'enregistré. --dry-run rend le code qu'aurait l'import.
${DHIS2_OPTIONS_USAGE}`,
  options: {
    ...DHIS2_OPTIONS,
    'dry-run': { type: 'boolean' },
    partial: { type: 'boolean' },
    author: { type: 'string' },
    'mois-incomplets': { type: 'boolean' },
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
        incompleteMonths: ctx.values['mois-incomplets'] === true,
      });
      for (const f of result.findings) ctx.err(describeFinding(f));
      if (ctx.json) ctx.printJson(result);
      if (ctx.json)
        return result.accepted ? importExitCode(result.stored, result.errors > 0) : importExitCode(0, true);
      if (!result.accepted) {
        ctx.err(
          ctx.t(
            `Import DHIS2 refusé : ${countFr(result.errors, 'erreur')} sur ${countFr(result.refused, 'valeur')}, rien n'a été enregistré. Corrigez le fichier ou les correspondances aux places citées puis relancez (ou --partial pour n'enregistrer que les valeurs valides).`,
            `DHIS2 import refused: ${result.errors} error(s) on ${result.refused} value(s), nothing was stored. Fix the file or the mapping where cited and run again (or --partial to store only the valid values).`,
          ),
        );
        return importExitCode(0, true);
      }
      const code = importExitCode(result.stored, result.errors > 0);
      const n = result.importCount;
      const head = result.dryRun
        ? ctx.t("Vérification seule (rien n'a été écrit)", 'Dry run (nothing was written)')
        : result.errors > 0
          ? ctx.t('Import DHIS2 partiel', 'Partial DHIS2 import')
          : ctx.t('Import DHIS2 terminé', 'DHIS2 import done');
      ctx.out(
        ctx.t(
          `${head} : ${countFr(result.entries, 'valeur lue', 'valeurs lues')} ; importées ${n.imported}, mises à jour ${n.updated}, supprimées ${n.deleted}, ignorées ${n.ignored} (inchangées ou refusées) ; ${countFr(result.errors, 'conflit')}, ${countFr(result.warnings, 'avertissement')}${result.dryRun ? '' : ` ; ${countFr(result.journalRows, 'changement')} au journal (canal dhis2)`}.`,
          `${head}: ${result.entries} value(s) read; imported ${n.imported}, updated ${n.updated}, deleted ${n.deleted}, ignored ${n.ignored} (unchanged or refused); ${result.errors} conflict(s), ${result.warnings} warning(s)${result.dryRun ? '' : `; ${result.journalRows} change(s) journaled (channel dhis2)`}.`,
        ),
      );
      const months = result.quartersFromMonths;
      if (months.length > 0) {
        const recomputed = months.filter((q) => q.recomputed).length;
        ctx.out(
          ctx.t(
            `  ${countFr(months.length, 'trimestre calculé', 'trimestres calculés')} à partir des mois, semaines ou jours du fichier (règle de temps de chaque indicateur : somme, dernière valeur, moyenne)${recomputed > 0 ? ` ; ${countFr(recomputed, 'valeur enregistrée est recalculée', 'valeurs enregistrées sont recalculées')} à partir des seuls mois de ce fichier, qui remplacent l'ancienne valeur du trimestre` : ''}.`,
            `  ${months.length} quarter(s) computed from the file's months, weeks or days (each indicator's time rule)${recomputed > 0 ? `; ${recomputed} stored value(s) recomputed from this file's months only, replacing the quarter's old value` : ''}.`,
          ),
        );
        const incomplete = months.filter((q) => q.missing.length > 0).length;
        if (incomplete > 0)
          ctx.out(
            ctx.t(
              `  ${countFr(incomplete, 'trimestre incomplet enregistré', 'trimestres incomplets enregistrés')} (--mois-incomplets) : le commentaire de la valeur dit de quels mois elle vient.`,
              `  ${incomplete} incomplete quarter(s) stored (--mois-incomplets): the value's comment says which months it holds.`,
            ),
          );
      }
      if (result.rejectsFile)
        ctx.out(
          ctx.t(`  valeurs refusées : ${result.rejectsFile}`, `  refused values: ${result.rejectsFile}`),
        );
      return code;
    });
  },
});
