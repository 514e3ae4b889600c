import { quarterLabel } from '@oise/core';
import type { BuiltSection } from '../built-report.js';
import { type ReportContext, chartImage, subtreeCodes, unitTitle } from '../report-context.js';
import type { SectionDefinition } from '../report-definition.js';

type Definition = Extract<SectionDefinition, { type: 'ccc-activities' }>;

/** French labels of the activity kinds the entry workbook offers; other kinds show as written. */
export const ACTIVITY_KIND_LABELS: Record<string, string> = {
  mission: "Mission d'appui",
  mission_appui: "Mission d'appui",
  appui: "Mission d'appui",
  session: 'Session',
  session_conseil: 'Session du conseil',
  pdesc: 'Appui au PDESC',
  appui_pdesc: 'Appui au PDESC',
  formation: 'Formation',
  reunion: 'Réunion',
  autre: 'Autre',
};

export function activityKindLabel(kind: string): string {
  return ACTIVITY_KIND_LABELS[kind.trim().toLowerCase()] ?? kind;
}

/** The CCC's activities of the quarter: a summary by kind (totals as SUM) and the full list. */
export async function buildCccActivities(ctx: ReportContext, s: Definition): Promise<BuiltSection> {
  const activities = await ctx.db
    .selectFrom('ccc_activity')
    .selectAll()
    .where('deleted', '=', 0)
    .where('period', '=', ctx.period)
    .where('org_unit_code', 'in', subtreeCodes(ctx))
    .orderBy('activity_date')
    .orderBy('id')
    .execute();
  const byKind = new Map<string, { count: number; days: number; participants: number }>();
  for (const a of activities) {
    const label = activityKindLabel(a.kind);
    const k = byKind.get(label) ?? { count: 0, days: 0, participants: 0 };
    k.count++;
    k.days += a.days;
    k.participants += a.participants ?? 0;
    byKind.set(label, k);
  }
  const kinds = [...byKind].sort((a, b) => a[0].localeCompare(b[0], 'fr'));
  const name = (code: string) => ctx.hierarchy.get(code)?.name ?? code;
  return {
    title: s.title,
    sheetName: s.title,
    notes: [`${activities.length} activité(s) du CCC, ${unitTitle(ctx.unit)}, ${quarterLabel(ctx.quarter)}.`],
    tables: [
      {
        title: 'Activités par type',
        columns: [
          { header: "Type d'activité", format: 'text', width: 28 },
          { header: 'Activités', unit: 'nombre', format: 'integer', sum: true, width: 14 },
          { header: 'Durée', unit: 'jours', format: 'decimal', sum: true, width: 14 },
          { header: 'Participants', unit: 'nombre', format: 'integer', sum: true, width: 14 },
        ],
        rows: kinds.map(([label, k]) => ({ cells: [label, k.count, k.days, k.participants] })),
        total: { cells: ['Total'] },
        emptyText: 'Aucune activité enregistrée pour ce trimestre.',
      },
      {
        title: 'Liste des activités',
        columns: [
          { header: 'Date', format: 'date', width: 13 },
          { header: 'Collectivité', format: 'text', width: 22 },
          { header: 'Type', format: 'text', width: 24 },
          { header: 'Description', format: 'text', width: 60 },
          { header: 'Durée', unit: 'jours', format: 'decimal', width: 12 },
          { header: 'Participants', unit: 'nombre', format: 'integer', width: 14 },
        ],
        rows: activities.map((a) => ({
          cells: [
            a.activity_date,
            name(a.org_unit_code),
            activityKindLabel(a.kind),
            a.description,
            a.days,
            a.participants,
          ],
        })),
        emptyText: 'Aucune activité.',
      },
    ],
    images:
      s.chart === false || kinds.length === 0
        ? []
        : [
            chartImage(ctx, {
              id: 'activites',
              kind: 'bar',
              title: 'Activités du CCC par type',
              subtitle: `${unitTitle(ctx.unit)} — ${quarterLabel(ctx.quarter)}`,
              labels: kinds.map(([label]) => label),
              datasets: [
                { label: 'Activités', data: kinds.map(([, k]) => k.count) },
                { label: 'Jours', data: kinds.map(([, k]) => k.days) },
              ],
              unit: 'nombre',
            }),
          ],
  };
}
