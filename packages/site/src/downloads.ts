import { categoriesOf } from '@oise/catalog';
import { csvNumberFr, excelCsvText, formatNumberFr, formatQuarterFr, quarterLabel } from '@oise/core';
import { type Dhis2DataValue, type Dhis2Mapping, exportValueSet, valueSetJson } from '@oise/interop';
import type { Node } from '@oise/node';
import { listReportFiles, openReportFile } from '@oise/report';
import { html } from './html.js';
import { type SiteContext, sitePage } from './site-context.js';

/** One file of `telechargements/`, written by the builder. */
export interface DownloadFile {
  /** Under `telechargements/`. */
  path: string;
  content: string | Buffer;
  /** French: what it is, on the downloads page. */
  title: string;
  period: string | undefined;
  kind: 'csv' | 'json' | 'dhis2' | 'classeur';
}

/** A file written, as the downloads page lists it. */
export type DownloadEntry = Omit<DownloadFile, 'content'> & { bytes: number };

/** The public figures of a quarter, one row each: every shown unit, indicator and category with a value. */
async function figureRows(ctx: SiteContext, period: string) {
  const figure = await ctx.pub.quarterFigures(period);
  const rows: {
    unit: string;
    name: string;
    level: string;
    indicator: string;
    label: string;
    category: string;
    value: number;
    reporting: number;
    expected: number;
  }[] = [];
  for (const unit of ctx.pub.units) {
    if (!ctx.pub.isPublic(unit.code, period)) continue;
    for (const def of ctx.pub.indicators.values())
      for (const category of ['', ...categoriesOf(def)]) {
        const f = figure({ indicator: def.code, unit: unit.code, period, category });
        if (f.value === null) continue;
        rows.push({
          unit: unit.code,
          name: unit.name,
          level: unit.level,
          indicator: def.code,
          label: def.labelFr,
          category,
          value: f.value,
          reporting: f.reporting,
          expected: f.expected,
        });
      }
  }
  return rows;
}

/**
 * The figures of a quarter as JSON: the units and indicators named once, then one figure per
 * line as `[unit, indicator, category, value, reporting, expected]` (the columns listed in
 * `columns`), a quarter of all of Mali in a few megabytes.
 */
function figuresJson(period: string, unit: string, rows: Awaited<ReturnType<typeof figureRows>>): string {
  const units: Record<string, { name: string; level: string }> = {};
  const indicators: Record<string, string> = {};
  for (const r of rows) {
    units[r.unit] ??= { name: r.name, level: r.level };
    indicators[r.indicator] ??= r.label;
  }
  const head = JSON.stringify({
    period,
    unit,
    columns: ['unit', 'indicator', 'category', 'value', 'reporting', 'expected'],
    units,
    indicators,
  });
  const lines = rows.map((r) =>
    JSON.stringify([r.unit, r.indicator, r.category, r.value, r.reporting, r.expected]),
  );
  return `${head.slice(0, -1)},"figures":[\n${lines.join(',\n')}\n]}\n`;
}

const CSV_HEADER = [
  'code_collectivite',
  'collectivite',
  'niveau',
  'code_indicateur',
  'indicateur',
  'periode',
  'categorie',
  'valeur',
  'communes_ayant_transmis',
  'communes_attendues',
];

/**
 * The downloads of every public quarter: the figures as French-Excel CSV (`;`, BOM, decimal
 * comma) and JSON; the DHIS2 data value set (JSON) when a mapping is given, of the public
 * units only, without who stored a value nor its comment; the workbooks of the node's
 * published or received documents of those quarters (hash-checked by report's `openReportFile`).
 */
export async function buildDownloads(
  node: Node,
  ctx: SiteContext,
  mapping: Dhis2Mapping | undefined,
  write: (file: DownloadFile) => void,
): Promise<DownloadEntry[]> {
  const files: DownloadEntry[] = [];
  // Written at once, listed by title and size only: a country's files are large.
  const add = (file: DownloadFile) => {
    write(file);
    const bytes = typeof file.content === 'string' ? Buffer.byteLength(file.content) : file.content.length;
    files.push({ path: file.path, title: file.title, period: file.period, kind: file.kind, bytes });
  };
  const code = ctx.pub.top.code;
  for (const period of [...ctx.pub.quarters].reverse()) {
    const label = quarterLabel(period);
    const stem = `chiffres-${code}-${formatQuarterFr(period)}`;
    const rows = await figureRows(ctx, period);
    add({
      path: `${stem}.csv`,
      title: `Chiffres du ${label} (CSV pour Excel)`,
      period,
      kind: 'csv',
      content: excelCsvText([
        CSV_HEADER,
        ...rows.map((r) => [
          r.unit,
          r.name,
          r.level,
          r.indicator,
          r.label,
          formatQuarterFr(period),
          r.category,
          csvNumberFr(r.value),
          String(r.reporting),
          String(r.expected),
        ]),
      ]),
    });
    add({
      path: `${stem}.json`,
      title: `Chiffres du ${label} (JSON)`,
      period,
      kind: 'json',
      content: figuresJson(period, code, rows),
    });
    if (mapping) {
      const values = await publicValueSet(node, ctx, mapping, period);
      add({
        path: `dhis2-${code}-${formatQuarterFr(period)}.json`,
        title: `Jeu de valeurs DHIS2 du ${label} (JSON, ${values.length} valeurs)`,
        period,
        kind: 'dhis2',
        content: valueSetJson(values),
      });
    }
  }
  const quarters = new Set(ctx.pub.quarters);
  for (const entry of await listReportFiles(node)) {
    if (entry.kind !== 'report-workbook' || entry.origin === 'generated') continue;
    if (!entry.period || !quarters.has(entry.period)) continue;
    const opened = await openReportFile(node, entry.id);
    if (!opened) continue;
    add({
      path: `classeurs/${entry.fileName}`,
      title: `${entry.title} — ${quarterLabel(entry.period)} (classeur Excel)`,
      period: entry.period,
      kind: 'classeur',
      content: opened.content,
    });
  }
  return files;
}

/** The DHIS2 values of a quarter at every level, of public units only, nothing of who entered them. */
async function publicValueSet(
  node: Node,
  ctx: SiteContext,
  mapping: Dhis2Mapping,
  period: string,
): Promise<Dhis2DataValue[]> {
  const allowed = new Set(
    ctx.pub.units
      .filter((u) => ctx.pub.isPublic(u.code, period))
      .map((u) => mapping.orgUnitOf(u.code))
      .filter((id): id is string => id !== undefined),
  );
  const levels = [...new Set(ctx.pub.units.map((u) => u.level))];
  const out: Dhis2DataValue[] = [];
  for (const level of levels) {
    const result = await exportValueSet(node.db, { mapping, period, level, within: ctx.pub.top.code });
    for (const v of result.dataValues)
      if (allowed.has(v.orgUnit))
        out.push({
          dataElement: v.dataElement,
          period: v.period,
          orgUnit: v.orgUnit,
          categoryOptionCombo: v.categoryOptionCombo,
          value: v.value,
        });
  }
  return out;
}

/** `telechargements.html`: the files by quarter, and why there is no DHIS2 file when there is none. */
export function downloadsPage(
  ctx: SiteContext,
  files: DownloadEntry[],
  dhis2Missing: string | undefined,
): string {
  const size = ({ bytes }: DownloadEntry) => {
    return bytes < 1024 * 1024
      ? `${formatNumberFr(Math.max(1, Math.round(bytes / 1024)), 0)} Ko`
      : `${formatNumberFr(bytes / 1024 / 1024, 1)} Mo`;
  };
  const periods = [...ctx.pub.quarters].reverse();
  const main = html`<h1>Téléchargements</h1>
<p class="chapeau">Les chiffres publiés, trimestre par trimestre : CSV à ouvrir dans Excel (séparateur point-virgule, virgule décimale), JSON, jeux de valeurs DHIS2 et classeurs des rapports.</p>
${dhis2Missing ? html`<p class="note">${dhis2Missing}</p>` : ''}
${periods.map((period) => {
  const mine = files.filter((f) => f.period === period);
  return html`<section aria-labelledby="t-${period}"><h2 id="t-${period}">${quarterLabel(period)}</h2>
<ul class="liste-fichiers">${mine.map((f) => html`<li><a href="telechargements/${f.path}" download>Télécharger : ${f.title}</a> (${size(f)})</li>`)}</ul></section>`;
})}`;
  return sitePage(ctx, {
    title: 'Téléchargements',
    root: '',
    breadcrumbs: [{ label: ctx.pub.top.name, href: 'index.html' }, { label: 'Téléchargements' }],
    main,
  });
}
