import { quarterLabel } from '@oise/core';
import type { BuiltImage, BuiltSection, BuiltTable } from '../built-report.js';
import { type ReportContext, childOf, groupRows, subtreeCodes, unitTitle } from '../report-context.js';
import type { SectionDefinition } from '../report-definition.js';
import { sexDoughnut, sexStackedBars } from './sex-charts.js';

type Definition = Extract<SectionDefinition, { type: 'trainings' }>;

/**
 * Training actions of the quarter for local actors: by unit (actions, days, women, men) with
 * SUM totals, the list when `detail`, and charts of the participants by sex.
 */
export async function buildTrainings(ctx: ReportContext, s: Definition): Promise<BuiltSection> {
  const actions = await ctx.db
    .selectFrom('training_action')
    .selectAll()
    .where('deleted', '=', 0)
    .where('period', '=', ctx.period)
    .where('org_unit_code', 'in', subtreeCodes(ctx))
    .orderBy('start_date')
    .orderBy('id')
    .execute();
  const byChild = new Map<string, { actions: number; days: number; f: number; m: number }>();
  for (const a of actions) {
    const child = childOf(ctx, a.org_unit_code) ?? ctx.unit.code;
    const g = byChild.get(child) ?? { actions: 0, days: 0, f: 0, m: 0 };
    g.actions++;
    g.days += a.days;
    g.f += a.participants_f;
    g.m += a.participants_m;
    byChild.set(child, g);
  }
  const groups = groupRows(ctx, new Set(byChild.keys()));
  const summary: BuiltTable = {
    title: 'Formations par collectivité',
    columns: [
      { header: 'Code', format: 'text', width: 12 },
      { header: 'Collectivité', format: 'text', width: 24 },
      { header: 'Actions de formation', unit: 'nombre', format: 'integer', sum: true, width: 14 },
      { header: 'Durée', unit: 'jours', format: 'decimal', sum: true, width: 12 },
      { header: 'Participantes (femmes)', unit: 'nombre', format: 'integer', sum: true, width: 15 },
      { header: 'Participants (hommes)', unit: 'nombre', format: 'integer', sum: true, width: 15 },
      { header: 'Participants (total)', unit: 'nombre', format: 'integer', sum: true, width: 15 },
    ],
    rows: groups.map((g) => {
      const v = byChild.get(g.code) ?? { actions: 0, days: 0, f: 0, m: 0 };
      return { cells: [g.code, g.name, v.actions, v.days, v.f, v.m, v.f + v.m] };
    }),
    total: { cells: ['', 'Total'] },
  };
  const name = (code: string) => ctx.hierarchy.get(code)?.name ?? code;
  const tables: BuiltTable[] = [summary];
  if (s.detail)
    tables.push({
      title: 'Liste des actions de formation',
      columns: [
        { header: 'Début', format: 'date', width: 13 },
        { header: 'Fin', format: 'date', width: 13 },
        { header: 'Collectivité', format: 'text', width: 20 },
        { header: 'Thème', format: 'text', width: 40 },
        { header: 'Public cible', format: 'text', width: 20 },
        { header: 'Financement', format: 'text', width: 18 },
        { header: 'Durée', unit: 'jours', format: 'decimal', sum: true, width: 11 },
        { header: 'Femmes', unit: 'nombre', format: 'integer', sum: true, width: 11 },
        { header: 'Hommes', unit: 'nombre', format: 'integer', sum: true, width: 11 },
        { header: 'Coût', unit: 'FCFA', format: 'integer', sum: true, width: 14 },
      ],
      rows: actions.map((a) => ({
        cells: [
          a.start_date,
          a.end_date,
          name(a.org_unit_code),
          a.theme,
          a.target_group,
          a.funder,
          a.days,
          a.participants_f,
          a.participants_m,
          a.cost,
        ],
      })),
      total: { cells: ['Total'] },
      emptyText: 'Aucune action de formation pour ce trimestre.',
    });
  const images: BuiltImage[] = [];
  const f = actions.reduce((t, a) => t + a.participants_f, 0);
  const m = actions.reduce((t, a) => t + a.participants_m, 0);
  if (s.chart !== false && f + m > 0) {
    const subtitle = `${unitTitle(ctx.unit)} — ${quarterLabel(ctx.quarter)}`;
    images.push(
      sexDoughnut(
        ctx,
        {
          id: 'formations-sexe',
          title: 'Participants aux formations par sexe',
          subtitle,
          label: 'Participants',
        },
        f,
        m,
      ),
      sexStackedBars(
        ctx,
        {
          id: 'formations-collectivites',
          title: 'Participants aux formations par collectivité',
          subtitle,
          unit: 'participants',
        },
        groups.map((g) => ({
          label: g.name,
          f: byChild.get(g.code)?.f ?? 0,
          m: byChild.get(g.code)?.m ?? 0,
        })),
      ),
    );
  }
  return {
    title: s.title,
    sheetName: s.title,
    notes: [
      `${actions.length} action(s) de formation des acteurs locaux, ${unitTitle(ctx.unit)}, ${quarterLabel(ctx.quarter)}.`,
    ],
    tables,
    images,
  };
}
