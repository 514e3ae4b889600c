import { foldText, quarterLabel } from '@oise/core';
import type { BuiltImage, BuiltSection, BuiltTable } from '../built-report.js';
import {
  type ReportContext,
  chartImage,
  childOf,
  groupRows,
  subtreeCodes,
  unitTitle,
} from '../report-context.js';
import type { SectionDefinition } from '../report-definition.js';

type Definition = Extract<SectionDefinition, { type: 'partnerships' }>;

const fold = (text: string) => foldText(text).trim();

/** Counts by a folded key (case and accents ignored), labelled with the most frequent spelling. */
class Tally {
  private readonly counts = new Map<string, { n: number; spellings: Map<string, number> }>();
  add(label: string): void {
    const text = label.trim().replace(/\s+/g, ' ');
    if (!text) return;
    const k = fold(text);
    const entry = this.counts.get(k) ?? { n: 0, spellings: new Map() };
    entry.n++;
    entry.spellings.set(text, (entry.spellings.get(text) ?? 0) + 1);
    this.counts.set(k, entry);
  }
  /** [label, count], most frequent first, then alphabetical. */
  entries(): [string, number][] {
    return [...this.counts.values()]
      .map((e): [string, number] => [
        [...e.spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0],
        e.n,
      ])
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr'));
  }
}

/** Decentralised-cooperation partnerships by partner country, by sector and by unit. */
export async function buildPartnerships(ctx: ReportContext, s: Definition): Promise<BuiltSection> {
  const rows = await ctx.db
    .selectFrom('partnership')
    .select(['org_unit_code', 'partner_country', 'sectors', 'status'])
    .where('deleted', '=', 0)
    .where('org_unit_code', 'in', subtreeCodes(ctx))
    .execute();
  const countries = new Tally();
  const sectors = new Tally();
  const byChild = new Map<string, number>();
  for (const p of rows) {
    countries.add(p.partner_country || 'Non renseigné');
    for (const sector of p.sectors.split(/[;,/|]/)) sectors.add(sector);
    const child = childOf(ctx, p.org_unit_code) ?? ctx.unit.code;
    byChild.set(child, (byChild.get(child) ?? 0) + 1);
  }
  const byCountry = countries.entries();
  const bySector = sectors.entries();
  const groups = groupRows(ctx, new Set(byChild.keys()));
  const countTable = (title: string, header: string, entries: [string, number][]): BuiltTable => ({
    title,
    columns: [
      { header, format: 'text', width: 30 },
      { header: 'Partenariats', unit: 'nombre', format: 'integer', sum: true, width: 14 },
    ],
    rows: entries.map(([label, n]) => ({ cells: [label, n] })),
    total: { cells: ['Total'] },
    emptyText: 'Aucun partenariat enregistré.',
  });
  const subtitle = `${unitTitle(ctx.unit)} — situation au ${quarterLabel(ctx.quarter)}`;
  const images: BuiltImage[] = [];
  if (s.chart !== false && rows.length > 0) {
    const top = byCountry.slice(0, 15);
    images.push(
      chartImage(ctx, {
        id: 'partenariats-pays',
        kind: 'horizontal-bar',
        title: 'Partenariats de coopération décentralisée par pays',
        subtitle,
        labels: top.map(([label]) => label),
        datasets: [{ label: 'Partenariats', data: top.map(([, n]) => n) }],
        unit: 'partenariats',
        height: Math.max(420, 110 + top.length * 30),
      }),
      chartImage(ctx, {
        id: 'partenariats-secteurs',
        kind: 'horizontal-bar',
        title: 'Partenariats par secteur',
        subtitle,
        labels: bySector.slice(0, 15).map(([label]) => label),
        datasets: [
          { label: 'Partenariats', data: bySector.slice(0, 15).map(([, n]) => n), color: '#009E73' },
        ],
        unit: 'partenariats',
        height: Math.max(420, 110 + Math.min(15, bySector.length) * 30),
      }),
    );
  }
  return {
    title: s.title,
    sheetName: s.title,
    notes: [
      `${rows.length} partenariat(s) de coopération décentralisée enregistré(s), ${unitTitle(ctx.unit)}. Un partenariat compte une fois par secteur cité.`,
    ],
    tables: [
      countTable('Par pays du partenaire', 'Pays', byCountry),
      countTable('Par secteur', 'Secteur', bySector),
      {
        title: 'Par collectivité',
        columns: [
          { header: 'Code', format: 'text', width: 12 },
          { header: 'Collectivité', format: 'text', width: 24 },
          { header: 'Partenariats', unit: 'nombre', format: 'integer', sum: true, width: 14 },
        ],
        rows: groups.map((g) => ({ cells: [g.code, g.name, byChild.get(g.code) ?? 0] })),
        total: { cells: ['', 'Total'] },
      },
    ],
    images,
  };
}
