import { foldText, quarterLabel } from '@oise/core';
import type { BuiltImage, BuiltSection } from '../built-report.js';
import { type ReportContext, childOf, groupRows, subtreeCodes, unitTitle } from '../report-context.js';
import type { SectionDefinition } from '../report-definition.js';
import { sexDoughnut, sexStackedBars } from './sex-charts.js';

type Definition = Extract<SectionDefinition, { type: 'officials' }>;

const SCHOOLING_ORDER = ['aucune', 'coranique', 'alphabetise', 'primaire', 'secondaire', 'superieur'];
const SCHOOLING_LABELS: Record<string, string> = {
  aucune: 'Aucune',
  aucun: 'Aucune',
  none: 'Aucune',
  coranique: 'Coranique',
  alphabetise: 'Alphabétisé',
  primaire: 'Primaire',
  fondamental: 'Primaire',
  secondaire: 'Secondaire',
  superieur: 'Supérieur',
  universitaire: 'Supérieur',
};

const normalise = (text: string) => foldText(text).trim();

/** French label of a schooling level as entered (known levels get their canonical label). */
export function schoolingLabel(schooling: string): string {
  const known = SCHOOLING_LABELS[normalise(schooling)];
  if (known) return known;
  const t = schooling.trim();
  return t ? t[0]!.toUpperCase() + t.slice(1) : 'Non renseigné';
}

/**
 * Elected officials by sex and schooling, and by unit. Each unit's roster is its latest one
 * entered up to the report's quarter, so profiles entered again each quarter are not doubled.
 */
export async function buildOfficials(ctx: ReportContext, s: Definition): Promise<BuiltSection> {
  const rows = await ctx.db
    .selectFrom('elected_official')
    .select(['org_unit_code', 'period', 'sex', 'schooling', 'literate'])
    .where('deleted', '=', 0)
    .where('period', '<=', ctx.period)
    .where('org_unit_code', 'in', subtreeCodes(ctx))
    .execute();
  const latest = new Map<string, string>();
  for (const r of rows)
    if ((latest.get(r.org_unit_code) ?? '') < r.period) latest.set(r.org_unit_code, r.period);
  const current = rows.filter((r) => latest.get(r.org_unit_code) === r.period);

  const bySchooling = new Map<string, { f: number; m: number }>();
  const byChild = new Map<string, { f: number; m: number; literate: number }>();
  for (const o of current) {
    const label = schoolingLabel(o.schooling);
    const sc = bySchooling.get(label) ?? { f: 0, m: 0 };
    const child = childOf(ctx, o.org_unit_code) ?? ctx.unit.code;
    const ch = byChild.get(child) ?? { f: 0, m: 0, literate: 0 };
    if (o.sex === 'F') {
      sc.f++;
      ch.f++;
    } else {
      sc.m++;
      ch.m++;
    }
    ch.literate += o.literate ? 1 : 0;
    bySchooling.set(label, sc);
    byChild.set(child, ch);
  }
  const rank = (label: string) => {
    const i = SCHOOLING_ORDER.findIndex((k) => SCHOOLING_LABELS[k] === label);
    return i < 0 ? SCHOOLING_ORDER.length : i;
  };
  const levels = [...bySchooling].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0], 'fr'));
  const groups = groupRows(ctx, new Set(byChild.keys()));
  const f = current.filter((o) => o.sex === 'F').length;
  const m = current.length - f;
  const subtitle = `${unitTitle(ctx.unit)} — ${quarterLabel(ctx.quarter)}`;
  const images: BuiltImage[] =
    s.chart === false || current.length === 0
      ? []
      : [
          sexDoughnut(ctx, { id: 'elus-sexe', title: 'Élus locaux par sexe', subtitle, label: 'Élus' }, f, m),
          sexStackedBars(
            ctx,
            {
              id: 'elus-scolarisation',
              title: 'Élus locaux par niveau de scolarisation et par sexe',
              subtitle,
              unit: 'élus',
            },
            levels.map(([label, v]) => ({ label, f: v.f, m: v.m })),
          ),
        ];
  return {
    title: s.title,
    sheetName: s.title,
    notes: [
      `${current.length} élu(e)s enregistré(e)s, ${unitTitle(ctx.unit)}, profils les plus récents jusqu'au ${quarterLabel(ctx.quarter)}.`,
    ],
    tables: [
      {
        title: 'Élus par niveau de scolarisation et par sexe',
        columns: [
          { header: 'Niveau de scolarisation', format: 'text', width: 26 },
          { header: 'Femmes', unit: 'nombre', format: 'integer', sum: true, width: 12 },
          { header: 'Hommes', unit: 'nombre', format: 'integer', sum: true, width: 12 },
          { header: 'Total', unit: 'nombre', format: 'integer', sum: true, width: 12 },
        ],
        rows: levels.map(([label, v]) => ({ cells: [label, v.f, v.m, v.f + v.m] })),
        total: { cells: ['Total'] },
        emptyText: 'Aucun élu enregistré.',
      },
      {
        title: 'Élus par collectivité',
        columns: [
          { header: 'Code', format: 'text', width: 12 },
          { header: 'Collectivité', format: 'text', width: 24 },
          { header: 'Femmes', unit: 'nombre', format: 'integer', sum: true, width: 12 },
          { header: 'Hommes', unit: 'nombre', format: 'integer', sum: true, width: 12 },
          { header: 'Total', unit: 'nombre', format: 'integer', sum: true, width: 12 },
          { header: 'Part des femmes', unit: '%', format: 'percent', width: 14 },
          { header: 'Alphabétisés', unit: 'nombre', format: 'integer', sum: true, width: 14 },
        ],
        rows: groups.map((g) => {
          const v = byChild.get(g.code) ?? { f: 0, m: 0, literate: 0 };
          return {
            cells: [
              g.code,
              g.name,
              v.f,
              v.m,
              v.f + v.m,
              v.f + v.m > 0 ? v.f / (v.f + v.m) : null,
              v.literate,
            ],
          };
        }),
        total: { cells: ['', 'Total', null, null, null, current.length ? f / current.length : null] },
      },
    ],
    images,
  };
}
