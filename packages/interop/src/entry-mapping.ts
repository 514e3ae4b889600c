import {
  DHIS2_PERIOD_TYPE_FR,
  type Dhis2Period,
  type Finding,
  formatQuarterFr,
  makeFinding,
  parseDhis2Period,
  periodInQuarters,
} from '@oise/core';
import type { Dhis2Mapping, OiseCategory } from './code-mapping.js';
import { isDefaultCoc } from './dhis2-ids.js';
import type { ValueSetEntry } from './value-set.js';

/** A DHIS2 entry turned into OISE's terms. */
export interface MappedEntry {
  entry: ValueSetEntry;
  indicator: string;
  unit: string;
  /** `2025Q1`, or `2025` when years are allowed: the quarter a shorter period lies in. */
  period: string;
  /** The DHIS2 period when it is shorter than a quarter (a month, a week, a day…). */
  part?: Dhis2Period;
  category: OiseCategory;
}

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

  const placed = v.period.trim() ? placePeriod(v.period, options.allowYears) : undefined;
  if (!placed) add('period', 'DHIS2_FIELD_MISSING', 'période (period) manquante.');
  else if ('refused' in placed) add('period', placed.code, placed.refused);
  const period = placed && 'period' in placed ? placed.period : '';
  const part = placed && 'part' in placed ? placed.part : undefined;
  if (findings.length > 0 || !indicator || !unit || category === undefined) return { findings };
  return { mapped: { entry, indicator, unit, period, category, ...(part ? { part } : {}) }, findings };
}

/**
 * The OISE period of a DHIS2 period: a quarter as it is; a day, week, month or two months
 * wholly inside one quarter as that quarter (with the period kept as `part`); a year only where
 * years are allowed (compare). What straddles two quarters or is longer is refused, named.
 */
function placePeriod(
  text: string,
  allowYears: boolean,
): { period: string; part?: Dhis2Period } | { refused: string; code: string } {
  const folded = text.trim().toUpperCase();
  // OISE's own French spelling of a quarter (2025T1) is read too.
  const p = parseDhis2Period(/^\d{4}T[1-4]$/.test(folded) ? folded.replace('T', 'Q') : folded);
  if (!p)
    return {
      code: 'DHIS2_PERIOD_INVALID',
      refused: `« ${text} » n'est pas une période DHIS2 lisible : écrivez un mois (202501), une semaine (2025W3), un jour (20250115) ou un trimestre (2025Q1).`,
    };
  const kind = DHIS2_PERIOD_TYPE_FR[p.type];
  const place = periodInQuarters(p);
  if (place.kind === 'inside')
    return place.isQuarter ? { period: place.quarter } : { period: place.quarter, part: p };
  if (place.kind === 'straddles')
    return {
      code: 'DHIS2_PERIOD_STRADDLES',
      refused: `la période ${p.text} (${kind}, du ${p.start} au ${p.end}) est à cheval sur ${formatQuarterFr(place.quarters[0])} et ${formatQuarterFr(place.quarters[1])} : OISE ne peut pas la ranger dans un trimestre ; exportez de DHIS2 en période mensuelle ou trimestrielle.`,
    };
  if (allowYears && place.calendarYear !== null) return { period: String(place.calendarYear) };
  return {
    code: 'DHIS2_PERIOD_TOO_LONG',
    refused: allowYears
      ? `la période ${p.text} est ${kind} (du ${p.start} au ${p.end}) : OISE compare des trimestres et des années civiles ; exportez de DHIS2 en période mensuelle, trimestrielle ou annuelle.`
      : `la période ${p.text} est ${kind}, plus longue qu'un trimestre : OISE reçoit des trimestres, qu'il ne peut pas tirer d'un total ${kind.startsWith('annuelle') ? 'annuel' : 'semestriel'} ; exportez de DHIS2 en période mensuelle ou trimestrielle (${p.start.slice(0, 4)}Q1, ${p.start.slice(0, 4)}01…).`,
  };
}
