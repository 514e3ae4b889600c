import { countFr, describeFinding, formatQuarterFr } from '@oise/core';
import {
  type Gap,
  compareSummaryEn,
  compareSummaryFr,
  compareValueSet,
  loadMapping,
  parseTolerance,
  writeGapsFile,
} from '@oise/interop';
import { withNode } from '@oise/node';
import { nodeDir, optionalString } from '../args.js';
import { type CommandContext, defineCommand } from '../command.js';
import { DHIS2_OPTIONS, DHIS2_OPTIONS_USAGE, dhis2Flags, oneFile } from './dhis2-options.js';

const SHOWN = 20;

function gapLine(ctx: CommandContext, g: Gap): string {
  // A DHIS2 quarter made of months says so: « 2025T1 (DHIS2 : 3 mois) ».
  const months = g.months
    ? ctx.t(` (DHIS2 : ${g.months.length} mois)`, ` (DHIS2: ${g.months.length} month(s))`)
    : '';
  const where = `${g.indicator} · ${g.unitName} (${g.unit}) · ${ctx.lang === 'en' ? g.period : formatQuarterFr(g.period)}${months}${g.category ? ` · ${g.category}` : ''}`;
  if (g.kind === 'onlyInDhis2')
    return ctx.t(
      `  absente d'OISE    ${where} : DHIS2 ${g.dhis2}`,
      `  missing in OISE   ${where}: DHIS2 ${g.dhis2}`,
    );
  if (g.kind === 'onlyInOise')
    return ctx.t(
      `  absente de DHIS2  ${where} : OISE ${g.oise}`,
      `  missing in DHIS2  ${where}: OISE ${g.oise}`,
    );
  const gap = g.gap === null ? '' : ` (écart ${g.gap > 0 ? '+' : ''}${g.gap})`;
  return ctx.t(
    `  écart             ${where} : OISE ${g.oise}, DHIS2 ${g.dhis2}${gap}`,
    `  difference        ${where}: OISE ${g.oise}, DHIS2 ${g.dhis2}${gap.replace('écart', 'gap')}`,
  );
}

export default defineCommand({
  path: ['dhis2', 'compare'],
  summary: {
    fr: 'recoupe un jeu de valeurs DHIS2 avec les chiffres du nœud',
    en: "cross-checks a DHIS2 data value set with the node's figures",
  },
  usage: `Usage : oise dhis2 compare --dir DOSSIER FICHIER --mapping FICHIER [--tolerance 0|N|N%] [--unit CODE]
        [--out ecarts.csv] [--json]

Recoupement : compare un jeu de valeurs exporté de DHIS2 (JSON, CSV, XML ou ADX) avec ce que tient le nœud
pour les mêmes indicateurs, collectivités, périodes et catégories (valeur saisie pour une commune,
chiffre consolidé au-dessus) et liste les écarts : valeurs différentes (écart absolu et relatif),
absentes d'OISE, absentes de DHIS2. Les mois (202501), semaines et jours d'un trimestre sont
ramenés au trimestre par la règle de temps de l'indicateur (somme, dernière valeur, moyenne) ; un
trimestre incomplet est comparé avec un avertissement ; les années (2025) se comparent aux années
d'OISE. --tolerance : écart toléré, absolu (2) ou relatif (5%).
--out : les écarts en CSV pour Excel (;, virgule décimale). Sort avec 0 même s'il y a des écarts.
${DHIS2_OPTIONS_USAGE}`,
  options: {
    ...DHIS2_OPTIONS,
    tolerance: { type: 'string' },
    out: { type: 'string' },
    unit: { type: 'string' },
  },
  allowPositionals: true,
  async run(ctx) {
    const file = oneFile(ctx);
    const { mapping: mappingPath, schemes } = dhis2Flags(ctx);
    const tolerance = parseTolerance(optionalString(ctx, 'tolerance'));
    const out = optionalString(ctx, 'out');
    return withNode(nodeDir(ctx), async (node) => {
      const mapping = await loadMapping(node.db, mappingPath, schemes);
      const result = await compareValueSet(node.db, {
        mapping,
        path: file,
        tolerance,
        within: optionalString(ctx, 'unit'),
      });
      if (out) writeGapsFile(out, result);
      for (const f of result.findings) ctx.err(describeFinding(f));
      if (ctx.json) {
        ctx.printJson({ ...result, gapsFile: out ?? null });
        return 0;
      }
      ctx.out(ctx.lang === 'en' ? `${compareSummaryEn(result)}.` : `${compareSummaryFr(result)}.`);
      for (const g of result.gaps.slice(0, SHOWN)) ctx.out(gapLine(ctx, g));
      if (result.gaps.length > SHOWN)
        ctx.out(
          ctx.t(
            `  … et ${countFr(result.gaps.length - SHOWN, 'autre')}${out ? '' : ' (--out ecarts.csv pour la liste complète)'}.`,
            `  … and ${result.gaps.length - SHOWN} more${out ? '' : ' (--out gaps.csv for the full list)'}.`,
          ),
        );
      if (out) ctx.out(ctx.t(`Écarts écrits dans ${out}.`, `Gaps written to ${out}.`));
      return 0;
    });
  },
});
