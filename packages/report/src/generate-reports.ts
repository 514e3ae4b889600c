import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type HierarchyUnit, listIndicators, loadHierarchy } from '@oise/catalog';
import {
  OiseError,
  type QuarterCalendar,
  countFr,
  formatNumberFr,
  formatQuarter,
  parseQuarter,
  quarterLabel,
  writeFileAtomic,
} from '@oise/core';
import { getCalendar } from '@oise/node';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { writeBriefHtml } from './brief-html.js';
import { writeBriefWorkbook } from './brief-workbook.js';
import type { BuiltReport, RatedCompleteness } from './built-report.js';
import { entryCompleteness, unitCompleteness } from './completeness.js';
import { type FigureBook, combineBooks, loadFigureBook } from './figure-book.js';
import { type Boundaries, readBoundaries } from './geo-boundaries.js';
import { LEVEL_LABELS, type ReportContext, childUnits } from './report-context.js';
import {
  REPORTS_DIR,
  type ReportDefinition,
  STANDARD_REPORTS,
  readReportDefinition,
} from './report-definition.js';
import { buildSection } from './sections/index.js';
import { trendPeriods } from './sections/trend.js';
import { writeReportWorkbook } from './workbook-writer.js';

export interface GenerateReportsOptions {
  /** The producing node's level and code: cercle → CCC report, region → synthesis, national → consolidated. */
  level: 'cercle' | 'region' | 'national';
  unitCode: string;
  quarter: string;
  /** Generation date (cover, workbook properties, document rows). */
  now: string;
  outDir: string;
  /** GeoJSON of regions or cercles for the map section. */
  boundariesFile?: string | undefined;
  /** Boundaries already read (the node's stored ones, `reportBoundaries`); before `boundariesFile`. */
  boundaries?: Boundaries | undefined;
  /** Indicators to map (`report.map-indicators`), instead of the definition's choice. */
  mapIndicators?: readonly string[] | undefined;
  /** Quarter calendar for timeliness (default: the node's own, `getCalendar` of @oise/node). */
  calendar?: QuarterCalendar;
  /** At a region, also write the CCC activity report of each cercle (default true). */
  withCercleReports?: boolean;
  /** Folder of the report definitions (default: the repository's `reports/`). */
  definitionsDir?: string;
  /**
   * The workbooks published before (file name → generation date and hash). When the data have
   * not changed, the workbook keeps its earlier generation date, so its bytes stay the same.
   */
  previous?: ReadonlyMap<string, PreviousWorkbook>;
  /**
   * Told before each report's workbook is written, and once all are (`done` of `total`
   * workbooks, the step in French: « classeur 3 sur 12 : Ségou »); awaited, so a server can
   * answer its pages in between.
   */
  onProgress?: (progress: ReportProgress) => void | Promise<void>;
}

/** How far the writing of a level's reports has gone: `done` of `total` workbooks. */
export interface ReportProgress {
  done: number;
  total: number;
  step: string;
}

/** A workbook generated before: its generation date and content hash. */
export interface PreviousWorkbook {
  generatedAt: string;
  sha256: string;
}

/** A file written by the report generator. */
export interface GeneratedFile {
  path: string;
  fileName: string;
  /** `report-print`: the printable HTML form beside a brief report's workbook. */
  kind: 'report-workbook' | 'report-chart' | 'report-map' | 'report-print';
  mediaType: string;
  title: string;
  /** The unit the report is about. */
  unitCode: string;
  reportId: string;
  sha256: string;
  size: number;
  content: Uint8Array;
  /** For images: the size in pixels the PNG was drawn at. */
  width?: number;
  height?: number;
}

export interface GeneratedReport {
  id: string;
  title: string;
  unitCode: string;
  unitName: string;
  period: string;
  workbook: string;
  images: string[];
  /** Communes with data for the quarter, as `oise status` and @oise/consolidate count them. */
  completeness: RatedCompleteness;
  /** Entries (commune × indicator) received against expected. */
  entries: RatedCompleteness;
  /** The date on the cover (an earlier one when the data have not changed since). */
  generatedAt: string;
  sections: number;
}

export interface GeneratedReports {
  reports: GeneratedReport[];
  files: GeneratedFile[];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HTML = 'text/html; charset=utf-8';

/** A built report's workbook: one portrait sheet for a brief report, else a cover and a sheet per section. */
function writeWorkbookOf(built: BuiltReport, now: string): Promise<Uint8Array> {
  return built.layout === 'brief' ? writeBriefWorkbook(built, now) : writeReportWorkbook(built, now);
}

/**
 * Writes the level's standard reports for a quarter into `outDir`: each report's workbook and
 * its charts and map as PNG files. Reads the consolidated figures; writes nothing to the database.
 */
export async function generateReports(
  db: Kysely<Database>,
  options: GenerateReportsOptions,
): Promise<GeneratedReports> {
  const quarter = parseQuarter(options.quarter);
  const period = formatQuarter(quarter);
  const hierarchy = await loadHierarchy(db, quarter);
  const unit = hierarchy.get(options.unitCode);
  if (!unit) {
    throw new OiseError(
      'REPORT_UNIT_UNKNOWN',
      `L'unité « ${options.unitCode} » n'existe pas dans le territoire en vigueur au ${quarterLabel(quarter)} : le territoire a-t-il été reçu (oise ingest) ?`,
      { node: options.unitCode, quarter: period },
    );
  }
  const indicators = new Map((await listIndicators(db)).map((d) => [d.code, d]));
  const calendar = options.calendar ?? (await getCalendar(db));
  const boundaries =
    options.boundaries ?? (options.boundariesFile ? readBoundaries(options.boundariesFile) : undefined);
  const dir = options.definitionsDir ?? REPORTS_DIR;
  const jobs: { definition: ReportDefinition; unit: HierarchyUnit }[] = STANDARD_REPORTS[options.level].map(
    (file) => ({ definition: readReportDefinition(join(dir, file)), unit }),
  );
  if (options.level === 'region' && options.withCercleReports !== false) {
    const ccc = readReportDefinition(join(dir, STANDARD_REPORTS.cercle[0]));
    for (const cercle of hierarchy.childrenOf(unit.code)) jobs.push({ definition: ccc, unit: cercle });
  }
  mkdirSync(options.outDir, { recursive: true });
  const result: GeneratedReports = { reports: [], files: [] };
  for (const [index, job] of jobs.entries()) {
    await options.onProgress?.({
      done: index,
      total: jobs.length,
      step: `classeur ${formatNumberFr(index + 1)} sur ${formatNumberFr(jobs.length)} : ${job.unit.name}`,
    });
    const stem = `${job.definition.fileStem}-${job.unit.code}-${period}`;
    const base = {
      db,
      hierarchy,
      unit: job.unit,
      quarter,
      period,
      now: options.now,
      calendar,
      indicators,
      boundaries: boundaries as Boundaries | undefined,
      mapIndicators: options.mapIndicators?.length ? options.mapIndicators : undefined,
      stem,
    };
    const figures = await figuresFor(base, job.definition);
    const ctx: ReportContext = { ...base, figures };
    const built = await buildReport(ctx, job.definition);
    let workbook = await writeWorkbookOf(built, options.now);
    const previous = options.previous?.get(`${stem}.xlsx`);
    if (previous && previous.generatedAt !== options.now) {
      // Same data as last time? Then the same bytes, with the earlier generation date.
      const before = { ...built, cover: { ...built.cover, generatedAt: previous.generatedAt } };
      const again = await writeWorkbookOf(before, previous.generatedAt);
      if (sha256(again) === previous.sha256) {
        workbook = again;
        built.cover.generatedAt = previous.generatedAt;
      }
    }
    const add = (
      fileName: string,
      content: Uint8Array,
      kind: GeneratedFile['kind'],
      mediaType: string,
      title: string,
      size?: { width: number; height: number },
    ) => {
      const path = join(options.outDir, fileName);
      // Whole or not at all: a killed pass never leaves a truncated workbook under its real name.
      writeFileAtomic(path, content);
      const file: GeneratedFile = {
        path,
        fileName,
        kind,
        mediaType,
        title,
        unitCode: job.unit.code,
        reportId: job.definition.id,
        sha256: sha256(content),
        size: content.byteLength,
        content,
        ...size,
      };
      result.files.push(file);
      return file;
    };
    const wbFile = add(`${stem}.xlsx`, workbook, 'report-workbook', XLSX, built.title);
    if (built.layout === 'brief')
      add(
        `${stem}.html`,
        new TextEncoder().encode(writeBriefHtml(built)),
        'report-print',
        HTML,
        `${built.title} : version à imprimer`,
      );
    const images: string[] = [];
    for (const section of built.sections)
      for (const image of section.images) {
        const kind = image.chart ? 'report-chart' : 'report-map';
        images.push(
          add(`${image.id}.png`, image.png, kind, 'image/png', image.title, {
            width: image.width,
            height: image.height,
          }).path,
        );
      }
    result.reports.push({
      id: job.definition.id,
      title: built.title,
      unitCode: job.unit.code,
      unitName: job.unit.name,
      period,
      workbook: wbFile.path,
      images,
      completeness: built.cover.completeness,
      entries: built.cover.entries,
      generatedAt: built.cover.generatedAt,
      sections: built.sections.length,
    });
  }
  await options.onProgress?.({
    done: jobs.length,
    total: jobs.length,
    step: `${countFr(jobs.length, 'classeur écrit', 'classeurs écrits')}, ${countFr(result.files.length, 'fichier')}`,
  });
  return result;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The figures a report needs, in bulk: the unit, its children and the map's units for the
 * quarter; the unit alone over the trend's quarters.
 */
async function figuresFor(
  ctx: Omit<ReportContext, 'figures'>,
  definition: ReportDefinition,
): Promise<FigureBook> {
  const units = [ctx.unit.code, ...childUnits(ctx).map((u) => u.code)];
  if (ctx.boundaries && definition.sections.some((s) => s.type === 'map'))
    for (const f of ctx.boundaries.features)
      if (ctx.hierarchy.isWithin(f.code, ctx.unit.code)) units.push(f.code);
  const current = await loadFigureBook(ctx.db, units, [ctx.period], ctx.calendar);
  // A trend looks back over its quarters; key figures, at the quarter before.
  const lookBack = Math.max(
    0,
    ...definition.sections.map((s) => (s.type === 'trend' ? s.quarters : s.type === 'key-figures' ? 2 : 0)),
  );
  if (lookBack === 0) return current;
  const past = trendPeriods(ctx, lookBack).filter((p) => p !== ctx.period);
  return combineBooks(ctx.period, current, await loadFigureBook(ctx.db, [ctx.unit.code], past, ctx.calendar));
}

/** Builds every section of a report and its cover. */
export async function buildReport(ctx: ReportContext, definition: ReportDefinition): Promise<BuiltReport> {
  const sections = [];
  for (const s of definition.sections) sections.push(await buildSection(ctx, s));
  return {
    definitionId: definition.id,
    title: definition.title,
    fileStem: definition.fileStem,
    ...(definition.layout ? { layout: definition.layout } : {}),
    ...(definition.committee ? { committee: definition.committee } : {}),
    cover: {
      reportTitle: definition.title,
      levelLabel: LEVEL_LABELS[ctx.unit.level] ?? ctx.unit.level,
      unitCode: ctx.unit.code,
      unitName: ctx.unit.name,
      period: ctx.period,
      quarterLabel: quarterLabel(ctx.quarter),
      generatedAt: ctx.now,
      completeness: await unitCompleteness(ctx),
      entries: entryCompleteness(ctx, ctx.unit.code),
    },
    sections,
  };
}
