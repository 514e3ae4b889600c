import { DOMAINS, DOMAIN_LABELS, type IndicatorDefinition, categoryLabel } from '@oise/catalog';
import {
  PRINT_MARGINS,
  columnPoints,
  formatNumberFr,
  printableArea,
  rowPointsFor,
  textPoints,
  wrappedLines,
} from '@oise/core';
import type ExcelJS from 'exceljs';
import type { CommuneForm } from './collection-form.js';
import { OFFICIALS, type RecordField, TRAININGS } from './record-kinds.js';

/**
 * The layout of one commune's paper form, on A4 in portrait at a fixed scale, over a grid of
 * twelve equal columns. Rows get explicit heights and the sheet its own page breaks, so that an
 * indicator (its F, M and total rows too) is never split, and every page starts with the column
 * headers; the footer names the commune and the quarter on every page.
 */

const GRID = 12;
/** Not 9: exceljs drops a width of 9 as its default. */
const GRID_WIDTH = 7.2;
const SCALE = 85;
const BOX_HEIGHT = 22;
const GREY = 'FFEDEDED';
const HEADER_FILL = 'FFDDEBF7';

/** Grid columns (1-based, inclusive) of the indicator table. */
const SPANS = { label: [1, 5], unit: [6, 7], category: [8, 8], previous: [9, 10], box: [11, 12] } as const;

type Span = readonly [number, number];

export function writeCollectionSheet(ws: ExcelJS.Worksheet, form: CommuneForm): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: 'portrait',
    paperSize: 9,
    fitToPage: false,
    scale: SCALE,
    margins: { ...PRINT_MARGINS },
  };
  const who = `Fiche de collecte — commune de ${form.commune.name} (${form.commune.code}) — ${form.quarterLabel}`;
  ws.headerFooter = { oddFooter: `&L&8${who.replace(/&/g, '&&')}&R&8page &P` };
  for (let c = 1; c <= GRID; c++) ws.getColumn(c).width = GRID_WIDTH;
  const page = new Page(ws, (printableArea('portrait').height * 100) / SCALE);
  const out = new Writer(ws, page);

  out.text(`Fiche de collecte — ${form.quarterLabel}`, { size: 15, bold: true, color: 'FF1F4E79' });
  out.text(
    `Commune de ${form.commune.name} (${form.commune.code}) — cercle de ${form.cercle.name} (${form.cercle.code})${form.region ? `, région de ${form.region.name}` : ''}`,
    { size: 11, bold: true },
  );
  out.text(
    `Une case par valeur du trimestre. La colonne « ${form.previousLabel} » rappelle la valeur du trimestre précédent. Laissez vide ce qui n'est pas connu ; les taux ne se remplissent pas (OISE les calcule). Ensuite, la saisie se fait dans le classeur du cercle (oise template), feuille du domaine, ligne de la commune.`,
    { size: 9 },
  );
  out.text('Collecte du ____ / ____ / ________ auprès de : ____________________________________________', {
    size: 10,
    height: 24,
  });
  out.gap(6);

  for (const domain of [...DOMAINS, ...new Set(form.indicators.map((d) => d.domain))].filter(
    (d, i, all) => all.indexOf(d) === i,
  )) {
    const defs = form.indicators.filter((d) => d.domain === domain).sort((a, b) => a.sortOrder - b.sortOrder);
    if (defs.length === 0) continue;
    const title = DOMAIN_LABELS[domain as keyof typeof DOMAIN_LABELS] ?? domain;
    const heading = () => {
      out.band(title, 12);
      out.header([
        ['Indicateur (code)', SPANS.label],
        ['Unité et bornes', SPANS.unit],
        ['Catégorie', SPANS.category],
        [form.previousLabel, SPANS.previous],
        [`${form.quarterLabel.replace(' trimestre', ' trim.')} à remplir`, SPANS.box],
      ]);
    };
    let first = true;
    for (const def of defs) {
      const rows = indicatorRows(def, ws);
      const height = rows.reduce((t, h) => t + h, 0);
      if (first) {
        // A domain's title and headers stay with its first indicator.
        page.keep(out.row, out.headingHeight() + height);
        heading();
      } else if (!page.fits(height)) {
        page.breakBefore(out.row);
        out.continued(title);
      }
      first = false;
      out.indicator(def, rows, form);
    }
  }

  page.breakBefore(out.row);
  out.records({
    title: `Élus de la commune — vérifiez, corrigez, complétez (${form.officials.length ? `liste connue au ${form.quarterLabel}` : 'aucune liste connue'})`,
    legend: legendOf(OFFICIALS.fields),
    fields: OFFICIALS.fields,
    spans: {
      full_name: 3,
      role: 2,
      sex: 1,
      birth_year: 1,
      schooling: 1,
      literate: 2,
      mandate_start: 1,
      mandate_end: 1,
    },
    rows: form.officials,
    empty: Math.max(6, 12 - form.officials.length),
  });
  out.gap(10);
  out.records({
    title: `Formations du trimestre dans la commune (${form.quarterLabel})`,
    legend: legendOf(TRAININGS.fields),
    fields: TRAININGS.fields,
    spans: {
      theme: 2,
      start_date: 1,
      end_date: 1,
      days: 1,
      participants_f: 2,
      participants_m: 2,
      target_group: 1,
      funder: 1,
      cost: 1,
    },
    rows: [],
    empty: 8,
  });
  out.gap(12);
  page.keep(out.row, 3 * 24);
  out.text('Renseigné par (nom, fonction) : ____________________________________________________________', {
    size: 10,
    height: 24,
  });
  out.text('Date : ____ / ____ / ________          Signature : ______________________________', {
    size: 10,
    height: 24,
  });
  out.text('Saisi dans OISE le : ____ / ____ / ________   par : ____________________________', {
    size: 10,
    height: 24,
  });
}

/** The rows an indicator takes: one, or F, M and total; tall enough for its label and code. */
function indicatorRows(def: IndicatorDefinition, ws: ExcelJS.Worksheet): number[] {
  const width = spanPoints(ws, SPANS.label);
  const needed = rowPointsFor(wrappedLines(def.labelFr, width, 10), 10) + 10;
  const count = def.disaggregation === 'sex' ? 3 : 1;
  const each = Math.max(BOX_HEIGHT, Math.ceil(needed / count));
  return Array.from({ length: count }, () => each);
}

function spanPoints(ws: ExcelJS.Worksheet, [from, to]: Span): number {
  let w = 0;
  for (let c = from; c <= to; c++) w += columnPoints(ws.getColumn(c).width ?? GRID_WIDTH);
  return w;
}

/** The largest size (9 to 6 pt) at which no word of `text` is wider than `width` points. */
function fittingSize(text: string, width: number, bold: boolean): number {
  for (const size of [9, 8, 7, 6])
    if (text.split(/\s+/).every((w) => textPoints(w, size, bold) + 6 <= width)) return size;
  return 6;
}

/** The choices of the list fields, so that the paper says what to write. */
function legendOf(fields: RecordField[]): string {
  return fields
    .filter((f) => f.type === 'enum' || f.type === 'boolean' || f.type === 'date')
    .map((f) => {
      if (f.type === 'boolean') return `${f.label} : oui ou non`;
      if (f.type === 'date') return `${f.label} : jj/mm/aaaa`;
      return `${f.label} : ${(f.options ?? []).map((o) => o.label).join(', ')}`;
    })
    .join(' · ');
}

/** Where rows fall on the printed page (points, at the sheet's scale). */
class Page {
  private used = 0;
  constructor(
    private readonly ws: ExcelJS.Worksheet,
    readonly height: number,
  ) {}
  get atTop(): boolean {
    return this.used === 0;
  }
  fits(height: number): boolean {
    return this.used + height <= this.height;
  }
  add(height: number): void {
    this.used = this.used > 0 && this.used + height > this.height ? height : this.used + height;
  }
  /** A new page at `row` unless `height` points fit on this one. */
  keep(row: number, height: number): void {
    if (this.used === 0 || this.fits(height)) return;
    this.breakBefore(row);
  }
  breakBefore(row: number): void {
    if (this.used === 0 || row <= 1) return;
    this.ws.getRow(row - 1).addPageBreak();
    this.used = 0;
  }
}

/** Writes rows one after the other, each with its explicit height, following the page. */
class Writer {
  row = 1;
  constructor(
    private readonly ws: ExcelJS.Worksheet,
    private readonly page: Page,
  ) {}

  private height(row: number, height: number): void {
    this.ws.getRow(row).height = height;
    this.page.add(height);
  }

  gap(height: number): void {
    this.height(this.row++, height);
  }

  headingHeight(): number {
    return 20 + this.headerHeight;
  }

  private headerHeight = 30;

  /** A line of text over the whole grid, wrapped. */
  text(text: string, style: { size: number; bold?: boolean; color?: string; height?: number }): void {
    const r = this.row++;
    this.ws.mergeCells(r, 1, r, GRID);
    const cell = this.ws.getCell(r, 1);
    cell.value = text;
    cell.font = {
      size: style.size,
      bold: style.bold === true,
      ...(style.color ? { color: { argb: style.color } } : {}),
    };
    cell.alignment = { wrapText: true, vertical: 'middle' };
    const lines = wrappedLines(text, spanPoints(this.ws, [1, GRID]), style.size, style.bold === true);
    this.height(r, Math.max(style.height ?? 0, rowPointsFor(lines, style.size)));
  }

  /** A domain's title band. */
  band(title: string, size: number): void {
    const r = this.row++;
    this.ws.mergeCells(r, 1, r, GRID);
    const cell = this.ws.getCell(r, 1);
    cell.value = title;
    cell.font = { size, bold: true, color: { argb: 'FF1F4E79' } };
    cell.alignment = { vertical: 'middle' };
    cell.border = { bottom: { style: 'medium', color: { argb: 'FF1F4E79' } } };
    this.height(r, 20);
  }

  /** The title band of a domain continued on a new page, with the column headers again. */
  continued(title: string): void {
    this.band(`${title} (suite)`, 11);
    this.header(this.lastHeader);
  }

  private lastHeader: [string, Span][] = [];

  /** A row of column headers, each over its span, bold, wrapped, in a size that keeps words whole. */
  header(columns: [string, Span][]): void {
    this.lastHeader = columns;
    const r = this.row++;
    let height = 18;
    for (const [text, span] of columns) {
      if (span[1] > span[0]) this.ws.mergeCells(r, span[0], r, span[1]);
      const cell = this.ws.getCell(r, span[0]);
      const width = spanPoints(this.ws, span);
      const size = fittingSize(text, width, true);
      cell.value = text;
      cell.font = { size, bold: true };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
      cell.border = box('thin');
      height = Math.max(height, rowPointsFor(wrappedLines(text, width, size, true), size));
    }
    this.headerHeight = height;
    this.height(r, height);
  }

  /** One indicator: label and code, unit and bounds, then per category last quarter and a box. */
  indicator(def: IndicatorDefinition, heights: number[], form: CommuneForm): void {
    const top = this.row;
    const bottom = top + heights.length - 1;
    const categories = def.disaggregation === 'sex' ? ['F', 'M', ''] : [''];
    this.ws.mergeCells(top, SPANS.label[0], bottom, SPANS.label[1]);
    const label = this.ws.getCell(top, SPANS.label[0]);
    label.value = {
      richText: [
        { text: def.labelFr, font: { size: 10 } },
        { text: `\n${def.code}`, font: { size: 7, color: { argb: 'FF777777' } } },
      ],
    };
    label.alignment = { wrapText: true, vertical: 'middle' };
    label.border = box('thin');
    this.ws.mergeCells(top, SPANS.unit[0], bottom, SPANS.unit[1]);
    const unit = this.ws.getCell(top, SPANS.unit[0]);
    unit.value = unitText(def);
    unit.font = { size: 8 };
    unit.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    unit.border = box('thin');
    categories.forEach((category, i) => {
      const r = top + i;
      const cat = this.ws.getCell(r, SPANS.category[0]);
      cat.value = def.disaggregation === 'sex' ? categoryLabel(def, category) : '';
      cat.font = { size: 8, bold: category === '' };
      cat.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      cat.border = box('thin');
      this.ws.mergeCells(r, SPANS.previous[0], r, SPANS.previous[1]);
      const prev = this.ws.getCell(r, SPANS.previous[0]);
      prev.value = form.previous.get(`${def.code}|${category}`) || '—';
      prev.font = { size: 9, italic: true, color: { argb: 'FF595959' } };
      prev.alignment = { vertical: 'middle', horizontal: 'center' };
      prev.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: GREY } };
      prev.border = box('thin');
      this.ws.mergeCells(r, SPANS.box[0], r, SPANS.box[1]);
      this.ws.getCell(r, SPANS.box[0]).border = box('medium');
      this.height(r, heights[i]!);
    });
    this.row = bottom + 1;
  }

  /**
   * A list to fill in by hand (officials, trainings): its title and the choices, the column
   * headers (again at the top of every page it runs onto), the known rows, then empty ones.
   */
  records(table: {
    title: string;
    legend: string;
    fields: RecordField[];
    spans: Record<string, number>;
    rows: Record<string, unknown>[];
    empty: number;
  }): void {
    const fields = table.fields.filter((f) => table.spans[f.column] !== undefined);
    let at = 1;
    const columns: [string, Span][] = fields.map((f) => {
      const span: Span = [at, at + table.spans[f.column]! - 1];
      at = span[1] + 1;
      return [f.label, span];
    });
    const head = () => {
      this.band(table.title, 11);
      this.text(table.legend, { size: 8 });
      this.header(columns);
    };
    this.page.keep(this.row, 20 + 40 + this.headerHeight + 3 * BOX_HEIGHT);
    head();
    const lines = [...table.rows, ...Array.from({ length: table.empty }, () => undefined)];
    for (const record of lines) {
      if (!this.page.fits(BOX_HEIGHT)) {
        this.page.breakBefore(this.row);
        head();
      }
      const r = this.row++;
      fields.forEach((f, i) => {
        const span = columns[i]![1];
        if (span[1] > span[0]) this.ws.mergeCells(r, span[0], r, span[1]);
        const cell = this.ws.getCell(r, span[0]);
        cell.value = record ? shownValue(f, record[f.column]) : null;
        cell.font = { size: 8 };
        cell.alignment = { vertical: 'middle', wrapText: true };
        cell.border = box('thin');
      });
      this.height(r, BOX_HEIGHT);
    }
  }
}

function unitText(def: IndicatorDefinition): string {
  if (def.valueType === 'boolean') return 'oui / non';
  const bounds =
    def.min !== null || def.max !== null
      ? `\n${def.min !== null ? formatNumberFr(def.min) : '…'} à ${def.max !== null ? formatNumberFr(def.max) : '…'}`
      : '';
  return `${def.unit}${bounds}`;
}

function shownValue(field: RecordField, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (field.type === 'enum') return field.options?.find((o) => o.code === value)?.label ?? String(value);
  if (field.type === 'boolean') return value ? 'oui' : 'non';
  if (field.type === 'date') return String(value).split('-').reverse().join('/');
  return String(value);
}

function box(style: 'thin' | 'medium'): Partial<ExcelJS.Borders> {
  const side = { style, color: { argb: style === 'thin' ? 'FF9E9E9E' : 'FF404040' } } as const;
  return { top: side, left: side, bottom: side, right: side };
}
