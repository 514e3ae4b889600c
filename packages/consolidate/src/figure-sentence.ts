import { formatMeasureFr, formatNumberFr, quarterLabel } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import type { QueryAnswer } from './query-figure.js';

/**
 * One line for a person about a figure, e.g. « Nombre de CSCOM (SAN_CSCOM) — Ségou (ML04),
 * 1er trimestre 2025 : 1 234. 12 communes sur 13 ont répondu, 11 à temps. Source :
 * agrégat calculé par ML04. » French by default, English with `lang = 'en'`.
 */
export async function describeFigure(
  db: Kysely<Database>,
  figure: QueryAnswer,
  lang: 'fr' | 'en' = 'fr',
): Promise<string> {
  const fr = lang === 'fr';
  const indicator = await db
    .selectFrom('indicator')
    .select(['label_fr', 'label_en', 'unit', 'value_type'])
    .where('code', '=', figure.indicator)
    .executeTakeFirst();
  const unit = await db
    .selectFrom('org_unit')
    .select(['name', 'level'])
    .where('code', '=', figure.unit)
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
  const label = indicator ? (fr ? indicator.label_fr : indicator.label_en) : figure.indicator;
  const period = /^\d{4}$/.test(figure.period)
    ? `${fr ? 'année' : 'year'} ${figure.period}`
    : quarterLabel(figure.period, lang);
  const category =
    figure.category === 'F'
      ? fr
        ? ', femmes'
        : ', women'
      : figure.category === 'M'
        ? fr
          ? ', hommes'
          : ', men'
        : '';
  const value = valueText(
    figure,
    indicator?.unit ?? '',
    indicator?.value_type ?? 'number',
    unit?.level === 'commune',
    fr,
  );
  const r = figure.reporting;
  const counts = fr
    ? `${r} commune${r > 1 ? 's' : ''} sur ${figure.expected} ${r > 1 ? 'ont' : 'a'} répondu, ${figure.onTime} à temps`
    : `${r} of ${figure.expected} commune${figure.expected === 1 ? '' : 's'} reported, ${figure.onTime} on time`;
  return `${label} (${figure.indicator}) — ${unit?.name ?? figure.unit} (${figure.unit}), ${period}${category} : ${value}. ${counts}. ${sourceText(figure, fr)}.`;
}

function valueText(
  figure: QueryAnswer,
  measure: string,
  valueType: string,
  commune: boolean,
  fr: boolean,
): string {
  if (figure.text !== undefined) return figure.text ?? (fr ? 'aucune donnée' : 'no data');
  if (figure.value === null) return fr ? 'aucune donnée' : 'no data';
  if (valueType === 'boolean') {
    if (commune && /^\d{4}Q\d$/.test(figure.period))
      return figure.value ? (fr ? 'oui' : 'yes') : fr ? 'non' : 'no';
    // Booleans add up to the number of communes answering yes.
    return fr ? `${formatNumberFr(figure.value)} « oui »` : `${figure.value} "yes"`;
  }
  if (fr) return formatMeasureFr(figure.value, measure);
  const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(figure.value);
  return measure && measure !== 'nombre' ? `${number} ${measure}` : number;
}

function sourceText(figure: QueryAnswer, fr: boolean): string {
  switch (figure.source) {
    case 'raw':
      return fr ? 'Source : valeurs saisies de la commune' : "Source: the commune's entered values";
    case 'local':
      return fr
        ? `Source : agrégat calculé par ${figure.computedBy}`
        : `Source: aggregate computed by ${figure.computedBy}`;
    default:
      return figure.computedBy
        ? fr
          ? `Source : chiffre publié, calculé par ${figure.computedBy}`
          : `Source: published figure, computed by ${figure.computedBy}`
        : fr
          ? 'Source : aucun chiffre publié par le niveau national pour cette collectivité'
          : 'Source: no figure published by national for this unit';
  }
}
