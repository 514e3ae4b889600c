import { type Finding, makeFinding } from '@oise/core';
import type { Dhis2Mapping, OiseCategory } from './code-mapping.js';
import { isDefaultCoc } from './dhis2-ids.js';
import type { ValueSetEntry } from './value-set.js';

/** A DHIS2 entry turned into OISE's terms. */
export interface MappedEntry {
  entry: ValueSetEntry;
  indicator: string;
  unit: string;
  /** `2025Q1`, or `2025` when years are allowed. */
  period: string;
  category: OiseCategory;
}

const PERIOD_TYPES: [RegExp, string][] = [
  [/^\d{6}$/, 'mensuelle'],
  [/^\d{8}$/, 'journalière'],
  [/^\d{4}W\d{1,2}$/i, 'hebdomadaire'],
  [/^\d{4}BiW\d{1,2}$/i, 'bi-hebdomadaire'],
  [/^\d{6}B$/, 'bimestrielle'],
  [/^\d{4}S[12]$/i, 'semestrielle'],
  [/^\d{4}(April|July|Oct|Nov)$/i, 'financière'],
];

/**
 * Maps one DHIS2 entry to an OISE key through the mapping file. Anything the mapping lacks
 * (data element, org unit, combo), a period OISE does not hold, an attribute option combo
 * other than the default: a finding saying what to add to which file.
 */
export function mapEntry(
  entry: ValueSetEntry,
  mapping: Dhis2Mapping,
  file: string,
  options: { allowYears: boolean },
): { mapped?: MappedEntry; findings: Finding[] } {
  const findings: Finding[] = [];
  const v = entry.value;
  const add = (field: keyof ValueSetEntry['fields'], code: string, message: string) =>
    findings.push(makeFinding({ file, ...entry.ref, column: entry.fields[field] }, 'error', code, message));
  const mappingName = mapping.file;

  const indicator = v.dataElement ? mapping.indicatorOf(v.dataElement) : undefined;
  if (!v.dataElement) add('dataElement', 'DHIS2_FIELD_MISSING', 'élément de données (dataElement) manquant.');
  else if (!indicator)
    add(
      'dataElement',
      'DHIS2_UNMAPPED_DATA_ELEMENT',
      `l'élément de données DHIS2 « ${v.dataElement} » n'a pas de correspondance : ajoutez à ${mappingName} une ligne « indicateur;CODE_OISE;${v.dataElement} » (ou retirez ces valeurs du fichier).`,
    );

  const unit = v.orgUnit ? mapping.unitOf(v.orgUnit) : undefined;
  if (!v.orgUnit) add('orgUnit', 'DHIS2_FIELD_MISSING', "unité d'organisation (orgUnit) manquante.");
  else if (!unit)
    add(
      'orgUnit',
      'DHIS2_UNMAPPED_ORG_UNIT',
      `l'unité d'organisation DHIS2 « ${v.orgUnit} » n'a pas de correspondance : ajoutez à ${mappingName} une ligne « collectivite;P-CODE;${v.orgUnit} »${mapping.schemes.orgUnit === 'uid' ? ' (ou, si DHIS2 utilise les P-codes comme codes, relancez avec --id-scheme code)' : ''}.`,
    );

  const category = mapping.categoryOf(v.categoryOptionCombo);
  if (category === undefined && v.categoryOptionCombo.includes('='))
    add(
      'categoryOptionCombo',
      'DHIS2_UNMAPPED_COMBO',
      `les options de catégorie ADX « ${v.categoryOptionCombo} » n'ont pas de correspondance : écrivez-les dans les colonnes categorie_dhis2 et option_dhis2 de la ligne categorie F ou M de ${mappingName} (par exemple « categorie;F;UID_COMBO;Féminin;SEXE;F »).`,
    );
  else if (category === undefined)
    add(
      'categoryOptionCombo',
      'DHIS2_UNMAPPED_COMBO',
      `la combinaison de catégories DHIS2 « ${v.categoryOptionCombo} » n'a pas de correspondance : ajoutez à ${mappingName} une ligne « categorie;F;${v.categoryOptionCombo} » (ou M, ou vide pour le total).`,
    );

  const aoc = v.attributeOptionCombo ?? '';
  if (aoc !== '' && !isDefaultCoc(aoc))
    add(
      'attributeOptionCombo',
      'DHIS2_ATTRIBUTE_COMBO',
      `la combinaison d'attributs « ${aoc} » n'a pas d'équivalent dans OISE (seule celle par défaut, ${'HllvX50cXC0'}, l'est) : exportez de DHIS2 sans attribut.`,
    );

  let period = v.period.trim().toUpperCase();
  if (/^\d{4}T[1-4]$/.test(period)) period = period.replace('T', 'Q');
  if (!period) add('period', 'DHIS2_FIELD_MISSING', 'période (period) manquante.');
  else if (/^\d{4}$/.test(period)) {
    if (!options.allowYears)
      add(
        'period',
        'DHIS2_PERIOD_TYPE',
        `la période ${period} est annuelle : OISE reçoit des trimestres ; exportez de DHIS2 en période trimestrielle (${period}Q1 … ${period}Q4).`,
      );
  } else if (!/^\d{4}Q[1-4]$/.test(period)) {
    const kind = PERIOD_TYPES.find(([re]) => re.test(period))?.[1];
    add(
      'period',
      'DHIS2_PERIOD_TYPE',
      kind
        ? `la période ${v.period} est ${kind} : OISE tient des trimestres ; exportez de DHIS2 en période trimestrielle (par exemple 2025Q1).`
        : `« ${v.period} » n'est pas une période DHIS2 lisible : écrivez un trimestre comme 2025Q1.`,
    );
  }
  if (findings.length > 0 || !indicator || !unit || category === undefined) return { findings };
  return { mapped: { entry, indicator, unit, period, category }, findings };
}
