import { writeFileSync } from 'node:fs';
import { type OrgUnitLevel, UsageError, countFr, formatQuarterFr, isOrgUnitLevel } from '@oise/core';
import {
  exportValueSet,
  loadMapping,
  valueSetAdxWith,
  valueSetCsv,
  valueSetJson,
  valueSetXml,
} from '@oise/interop';
import { withNode } from '@oise/node';
import { nodeDir, optionalString, requireString } from '../args.js';
import { defineCommand } from '../command.js';
import { DHIS2_OPTIONS, DHIS2_OPTIONS_USAGE, dhis2Flags } from './dhis2-options.js';

const LEVEL_FR: Record<OrgUnitLevel, string> = {
  commune: 'communes',
  cercle: 'cercles',
  region: 'régions',
  pays: 'pays',
};

export default defineCommand({
  path: ['dhis2', 'export'],
  summary: {
    fr: 'écrit les valeurs du nœud en jeu de valeurs DHIS2 (JSON, CSV, XML ou ADX)',
    en: "writes the node's values as a DHIS2 data value set (JSON, CSV, XML or ADX)",
  },
  usage: `Usage : oise dhis2 export --dir DOSSIER --period 2025T1 --mapping FICHIER --out FICHIER
        [--format json|csv|xml|adx] [--level commune|cercle|region|pays] [--unit CODE] [--id-scheme uid|code] [--json]

Écrit un jeu de valeurs DHIS2 (dataValueSet) à importer dans DHIS2 (Import/Export → Data import) :
JSON {"dataValues":[…]}, CSV aux colonnes de DHIS2 (dataelement,period,orgunit,categoryoptioncombo,…),
XML (DXF2, <dataValueSet>) ou ADX (<adx>, périodes ISO 8601 comme 2025-01-01/P3M ; il faut au
fichier de correspondances une ligne jeu et les options de catégorie de F et M).
--period : un trimestre (2025T1) ou une année (2025). --level commune (défaut) : les valeurs saisies ;
cercle, region, pays : les chiffres consolidés (lancez d'abord oise consolidate). --unit : seulement
les collectivités sous ce code. --format : json (défaut), ou d'après l'extension de --out
(.csv, .xml, .adx ou .adx.xml).
Les indicateurs et collectivités sans correspondance sont laissés de côté et comptés ; le total d'un
indicateur ventilé F/M n'est pas envoyé (DHIS2 l'obtient en additionnant F et M).
${DHIS2_OPTIONS_USAGE}`,
  options: {
    ...DHIS2_OPTIONS,
    period: { type: 'string' },
    format: { type: 'string' },
    level: { type: 'string' },
    unit: { type: 'string' },
    out: { type: 'string' },
  },
  async run(ctx) {
    const period = requireString(ctx, 'period');
    const out = requireString(ctx, 'out');
    const { mapping: mappingPath, schemes } = dhis2Flags(ctx);
    const level = optionalString(ctx, 'level') ?? 'commune';
    if (!isOrgUnitLevel(level))
      throw new UsageError(
        ctx.t(
          `--level vaut commune, cercle, region ou pays (pas « ${level} »).`,
          `--level is commune, cercle, region or pays (not "${level}").`,
        ),
      );
    const format = optionalString(ctx, 'format') ?? formatOfName(out);
    if (format !== 'json' && format !== 'csv' && format !== 'xml' && format !== 'adx')
      throw new UsageError(
        ctx.t('--format vaut json, csv, xml ou adx.', '--format is json, csv, xml or adx.'),
      );
    return withNode(nodeDir(ctx), async (node) => {
      const mapping = await loadMapping(node.db, mappingPath, schemes);
      const result = await exportValueSet(node.db, {
        mapping,
        period,
        level,
        within: optionalString(ctx, 'unit'),
      });
      const text =
        format === 'json'
          ? valueSetJson(result.dataValues)
          : format === 'csv'
            ? valueSetCsv(result.dataValues)
            : format === 'xml'
              ? valueSetXml(result.dataValues, { dataSet: mapping.dataSet })
              : valueSetAdxWith(result.dataValues, mapping);
      writeFileSync(out, text);
      const s = result.skipped;
      if (ctx.json) {
        ctx.printJson({
          file: out,
          format,
          period: result.period,
          level,
          figures: result.figures,
          exported: result.dataValues.length,
          skipped: s,
          unmappedIndicators: result.unmappedIndicators,
          unmappedUnits: result.unmappedUnits,
        });
        return 0;
      }
      ctx.out(
        ctx.t(
          `${countFr(result.dataValues.length, 'valeur écrite', 'valeurs écrites')} dans ${out} (DHIS2 ${format.toUpperCase()}, ${formatQuarterFr(result.period)}, ${LEVEL_FR[level]}) sur ${countFr(result.figures, 'chiffre')} du nœud.`,
          `${result.dataValues.length} value(s) written to ${out} (DHIS2 ${format.toUpperCase()}, ${result.period}, level ${level}) out of ${result.figures} figure(s) held.`,
        ),
      );
      const list = (codes: string[]) =>
        codes.length > 8 ? `${codes.slice(0, 8).join(', ')}, …` : codes.join(', ');
      if (s.unmappedIndicator > 0)
        ctx.out(
          ctx.t(
            `  laissées de côté : ${s.unmappedIndicator} dont l'indicateur n'a pas de correspondance (${list(result.unmappedIndicators)})`,
            `  left out: ${s.unmappedIndicator} whose indicator has no mapping (${list(result.unmappedIndicators)})`,
          ),
        );
      if (s.unmappedUnit > 0)
        ctx.out(
          ctx.t(
            `  laissées de côté : ${s.unmappedUnit} dont la collectivité n'a pas de correspondance (${list(result.unmappedUnits)})`,
            `  left out: ${s.unmappedUnit} whose org unit has no mapping (${list(result.unmappedUnits)})`,
          ),
        );
      if (s.unmappedCategory > 0)
        ctx.out(
          ctx.t(
            `  laissées de côté : ${countFr(s.unmappedCategory, 'valeur')} F ou M sans ligne « categorie » dans ${mappingPath}`,
            `  left out: ${s.unmappedCategory} F or M value(s) without a "categorie" row in ${mappingPath}`,
          ),
        );
      if (s.disaggregatedTotal > 0)
        ctx.out(
          ctx.t(
            `  non envoyés : ${countFr(s.disaggregatedTotal, 'total', 'totaux')} d'indicateurs ventilés F/M (DHIS2 additionne F et M)`,
            `  not sent: ${s.disaggregatedTotal} total(s) of F/M-disaggregated indicators (DHIS2 adds F and M)`,
          ),
        );
      if (result.figures === 0 && level !== 'commune')
        ctx.out(
          ctx.t(
            `  aucun chiffre consolidé pour ${formatQuarterFr(result.period)} : lancez d'abord oise consolidate --quarter.`,
            `  no consolidated figure for ${result.period}: run oise consolidate --quarter first.`,
          ),
        );
      if (schemes.orgUnit === 'code' || schemes.dataElement === 'code')
        ctx.out(
          ctx.t(
            "  à importer dans DHIS2 avec le schéma d'identifiants « Code » (idScheme=CODE).",
            '  import into DHIS2 with the "Code" id scheme (idScheme=CODE).',
          ),
        );
      return 0;
    });
  },
});

/** The format an output file's name implies: `.csv`, `.xml`, `.adx` or `.adx.xml`; JSON otherwise. */
function formatOfName(out: string): string {
  const name = out.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.adx') || name.endsWith('.adx.xml')) return 'adx';
  if (name.endsWith('.xml')) return 'xml';
  return 'json';
}
