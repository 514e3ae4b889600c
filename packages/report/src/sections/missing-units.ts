import { countFr, formatNumberFr, quarterLabel } from '@oise/core';
import { CHILD_STATUS_LABELS, RECEPTION_LABELS, unitsNotReporting } from '@oise/workflow';
import type { BuiltSection, BuiltTable } from '../built-report.js';
import { LEVEL_LABELS, type ReportContext, ofUnit } from '../report-context.js';
import type { SectionDefinition } from '../report-definition.js';

type Definition = Extract<SectionDefinition, { type: 'missing-units' }>;

const WORDS: Record<string, [string, string]> = {
  region: ['région', 'régions'],
  cercle: ['cercle', 'cercles'],
  commune: ['commune', 'communes'],
};

/** « 2 cercles sur 3 », agreed in number. */
function outOf(missing: number, of: number, level: string): string {
  const [one, many] = WORDS[level] ?? ['collectivité', 'collectivités'];
  return `${countFr(missing, one, many)} sur ${formatNumberFr(of)}`;
}

/**
 * The units that did not report the quarter (`unitsNotReporting` of @oise/workflow): at a
 * cercle its communes with no value, at a region its cercles whose quarter never arrived, at
 * national its regions; under them, the cercles and communes with no value, counted only.
 */
export async function buildMissingUnits(ctx: ReportContext, s: Definition): Promise<BuiltSection> {
  const result = await unitsNotReporting(ctx.db, ctx.unit.code, ctx.period, ctx.now, ctx.calendar);
  const level = result?.level ?? 'commune';
  const missing = result?.missing ?? [];
  const communes = level === 'commune';
  const verb = communes ? 'sans aucune valeur saisie' : "dont le trimestre n'est pas arrivé";
  const notes = [
    `${quarterLabel(ctx.quarter)}, ${WORDS[level]?.[1] ?? 'collectivités'} ${ofUnit(ctx.unit)} : ${outOf(missing.length, result?.of ?? 0, level)} ${verb}.`,
  ];
  const below = (result?.below ?? []).filter((b) => b.of > 0);
  if (below.length)
    notes.push(
      `Plus bas, sans aucune valeur : ${below.map((b) => outOf(b.missing, b.of, b.level)).join(' et ')}.`,
    );
  const label = LEVEL_LABELS[level] ?? 'Collectivité';
  const table: BuiltTable = communes
    ? {
        columns: [
          { header: label, format: 'text' },
          { header: 'Code', format: 'text' },
          { header: 'Situation', format: 'text' },
        ],
        rows: missing.map((u) => ({ cells: [u.name, u.code, 'aucune valeur saisie'] })),
        emptyText: 'Toutes les communes ont saisi au moins une valeur.',
      }
    : {
        columns: [
          { header: label, format: 'text' },
          { header: 'Statut', format: 'text' },
          { header: 'Échéance', format: 'date' },
          { header: 'Réception', format: 'text' },
          { header: 'Communes avec des valeurs', format: 'text' },
        ],
        rows: missing.map((u) => ({
          cells: [
            u.name,
            u.quarter ? CHILD_STATUS_LABELS[u.quarter.status.status] : null,
            u.quarter?.due ?? null,
            u.quarter ? RECEPTION_LABELS[u.quarter.reception] : 'rien reçu',
            `${formatNumberFr(u.completeness.reporting)} sur ${formatNumberFr(u.completeness.expected)}`,
          ],
        })),
        emptyText: `Tou${level === 'region' ? 'tes les régions ont' : 's les cercles ont'} transmis le trimestre.`,
      };
  return { title: s.title, sheetName: s.title, notes, tables: [table], images: [] };
}
