import { DOMAINS, DOMAIN_LABELS, type IndicatorDefinition, isComputed, listIndicators } from '@oise/catalog';
import {
  type QuarterCalendar,
  columnLetter,
  formatNumberFr,
  quarterDeadlines,
  quarterLabel,
  quarterShortLabel,
} from '@oise/core';
import type { Database } from '@oise/schema';
import { quarterStatus } from '@oise/workflow';
import type ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { cercleQuarter } from './cercle-quarter.js';
import type { EntryNode } from './entry-scope.js';
import { regionFeedbackLines } from './workbook-feedback.js';
import { workbookWriter } from './workbook-file.js';
import { writeInstructions } from './workbook-instructions.js';
import {
  COLORS,
  DOMAIN_FIRST_ROW,
  DOMAIN_HEADER_ROWS,
  LISTS_SHEET,
  META_SHEET,
  type MetaRow,
  WORKBOOK_FORMAT,
  WORKBOOK_VERSION,
} from './workbook-layout.js';
import {
  entryFooter,
  entryPageSetup,
  fitLongestWord,
  fitRowHeights,
  layoutDomainPages,
} from './workbook-print.js';
import { addRecordSheets, writeListsSheet } from './workbook-records.js';

export interface TemplateOptions {
  node: EntryNode;
  quarter: string;
  now: string;
  calendar?: QuarterCalendar;
}

/** What a template holds, for the command's summary. */
export interface TemplateSummary {
  cercle: string;
  quarter: string;
  communes: number;
  indicators: number;
  sheets: string[];
  prefilled: number;
  previousShown: number;
  returnedReason: string | null;
}

const CATEGORY_HEADER: Record<string, string> = { F: 'F', M: 'M', '': 'Total' };

/**
 * Builds the cercle's entry workbook for a quarter: instructions, one sheet per domain
 * (communes × indicators, F/M/total where disaggregated, last quarter's figure in a grey
 * column beside each entry column, stored values pre-filled), the record lists, and the
 * veryHidden metadata sheet that maps every entry cell back to its code.
 */
export async function buildEntryWorkbook(
  db: Kysely<Database>,
  options: TemplateOptions,
): Promise<{ workbook: ExcelJS.Workbook; summary: TemplateSummary }> {
  const { node } = options;
  const { q, quarter, previous, hierarchy, cercle } = await cercleQuarter(
    db,
    node,
    options.quarter,
    'le classeur de saisie se prépare',
  );
  const communes = hierarchy.descendantsAt(node.code, 'commune');
  const catalog = (await listIndicators(db)).filter((d) => !isComputed(d));
  const codes = communes.map((c) => c.code);
  const values = await db
    .selectFrom('data_value')
    .select(['org_unit_code', 'indicator_code', 'period', 'category', 'value', 'value_text'])
    .where('period', 'in', [quarter, previous])
    .where('org_unit_code', 'in', codes.length ? codes : [''])
    .where('deleted', '=', 0)
    .execute();
  const valueMap = new Map(
    values.map((v) => [`${v.period}|${v.org_unit_code}|${v.indicator_code}|${v.category}`, v]),
  );
  const returned = await latestReturn(db, node.code, quarter);

  // exceljs loads only when a workbook is really read or written: `oise status` never pays for it.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'OISE';
  wb.created = new Date(options.now);
  const meta: MetaRow[] = [
    ['format', WORKBOOK_FORMAT],
    ['version', WORKBOOK_VERSION],
    ['node', node.code],
    ['cercle', node.code],
    ['quarter', quarter],
    ['generated_at', options.now],
  ];
  const deadlines = quarterDeadlines(q, options.calendar);
  const instructions = wb.addWorksheet('Instructions');
  const summary: TemplateSummary = {
    cercle: node.code,
    quarter,
    communes: communes.length,
    indicators: catalog.length,
    sheets: ['Instructions'],
    prefilled: 0,
    previousShown: 0,
    returnedReason: returned?.reason ?? null,
  };

  for (const domain of DOMAINS) {
    const defs = catalog.filter((d) => d.domain === domain);
    if (defs.length === 0) continue;
    const sheetName = DOMAIN_LABELS[domain];
    const ws = wb.addWorksheet(sheetName, { properties: { defaultColWidth: 12 } });
    summary.sheets.push(sheetName);
    ws.mergeCells(1, 1, 1, 2);
    ws.getCell('A1').value = `${sheetName} — cercle de ${cercle.name} (${cercle.code}) — ${quarterLabel(q)}`;
    ws.getCell('A1').font = { bold: true, size: 12, color: { argb: COLORS.title } };
    for (const [r, text] of [
      [2, 'Indicateur'],
      [3, 'Code · unité · bornes'],
      [4, 'Code'],
    ] as const) {
      ws.getCell(r, 1).value = text;
      ws.getCell(r, 2).value = r === 4 ? 'Commune' : '';
    }
    ws.getColumn(1).width = 12;
    ws.getColumn(2).width = 22;
    let col = 3;
    const groups: { first: number; last: number }[] = [];
    for (const def of defs) {
      const categories = def.disaggregation === 'sex' ? ['F', 'M', ''] : [''];
      const first = col;
      for (const category of categories) {
        ws.getCell(4, col).value = def.disaggregation === 'sex' ? CATEGORY_HEADER[category]! : 'Valeur';
        ws.getCell(4, col + 1).value = quarterShortLabel(previous);
        const wide = entryColumnWidth(def);
        ws.getColumn(col).width = wide;
        ws.getColumn(col + 1).width = wide > 10 ? wide : 7.5;
        meta.push(['column', sheetName, columnLetter(col), def.code, category]);
        communes.forEach((commune, i) => {
          const row = DOMAIN_FIRST_ROW + i;
          const entry = ws.getCell(row, col);
          const stored = valueMap.get(`${quarter}|${commune.code}|${def.code}|${category}`);
          entry.protection = { locked: false };
          entry.dataValidation = validationFor(def);
          entry.border = { left: { style: 'thin', color: { argb: 'FFBFBFBF' } } };
          if (stored) {
            const shown = cellValueOf(def, stored.value, stored.value_text);
            entry.value = shown;
            entry.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLORS.prefilled } };
            meta.push(['prefill', sheetName, entry.address, String(shown)]);
            summary.prefilled++;
          }
          const prev = valueMap.get(`${previous}|${commune.code}|${def.code}|${category}`);
          const prevCell = ws.getCell(row, col + 1);
          prevCell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLORS.previous } };
          prevCell.font = { italic: true, color: { argb: COLORS.previousText } };
          if (prev) {
            prevCell.value = cellValueOf(def, prev.value, prev.value_text);
            summary.previousShown++;
          }
        });
        col += 2;
      }
      ws.mergeCells(2, first, 2, col - 1);
      ws.mergeCells(3, first, 3, col - 1);
      ws.getCell(2, first).value = def.labelFr;
      ws.getCell(3, first).value = indicatorHeader(def);
      groups.push({ first, last: col - 1 });
    }
    communes.forEach((commune, i) => {
      const row = DOMAIN_FIRST_ROW + i;
      ws.getCell(row, 1).value = commune.code;
      ws.getCell(row, 2).value = commune.name;
      meta.push(['row', sheetName, row, commune.code]);
    });
    for (let r = 1; r <= 4; r++) {
      const rowObj = ws.getRow(r);
      rowObj.alignment = { wrapText: true, vertical: 'middle', horizontal: r === 1 ? 'left' : 'center' };
      if (r > 1)
        rowObj.eachCell({ includeEmpty: true }, (cell) => {
          cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLORS.header } };
          cell.font = { bold: r !== 3, size: r === 3 ? 8 : 10 };
        });
    }
    // Headers whole on screen and on paper: no word wider than its indicator, rows as high as
    // their wrapped text, indicators kept whole on a page with the communes and headers repeated.
    for (const g of groups)
      fitLongestWord(ws, g.first, g.last, [
        { text: String(ws.getCell(2, g.first).value), size: 10, bold: true },
        { text: String(ws.getCell(3, g.first).value), size: 8 },
      ]);
    fitRowHeights(ws, [1, 2, 3, 4]);
    layoutDomainPages(ws, { headerRows: DOMAIN_HEADER_ROWS, titleColumns: 2, groups });
    ws.headerFooter = entryFooter(`Cercle de ${cercle.name} (${cercle.code}) — ${quarterLabel(q)}`);
    ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 4, activeCell: `C${DOMAIN_FIRST_ROW}` }];
    await protect(ws);
  }

  const lists = writeListsSheet(wb, hierarchy, node.code);
  const recordSheets = await addRecordSheets(db, wb, { cercle: node.code, quarter, lists, meta, protect });
  summary.sheets.push(...recordSheets);
  for (const name of recordSheets) {
    const ws = wb.getWorksheet(name)!;
    ws.pageSetup = { ...ws.pageSetup, ...entryPageSetup({ fitToWidth: true }), printTitlesRow: '1:1' };
    ws.headerFooter = entryFooter(`Cercle de ${cercle.name} (${cercle.code}) — ${quarterLabel(q)}`);
    ws.getRow(1).eachCell((cell, c) => {
      fitLongestWord(ws, c, c, [{ text: String(cell.value ?? ''), size: 11, bold: true }]);
    });
    fitRowHeights(ws, [1], 30);
  }
  writeInstructions(instructions, {
    cercleName: cercle.name,
    cercleCode: cercle.code,
    quarter: q,
    communes: communes.length,
    deadlines,
    returned,
    previous: quarterShortLabel(previous),
    feedback: await regionFeedbackLines(db, node.code, quarter),
  });
  instructions.pageSetup = { ...instructions.pageSetup, ...entryPageSetup({ fitToWidth: true }) };
  instructions.headerFooter = entryFooter(`Cercle de ${cercle.name} (${cercle.code}) — ${quarterLabel(q)}`);
  await protect(instructions);
  wb.getWorksheet(LISTS_SHEET)!.state = 'hidden';
  const metaSheet = wb.addWorksheet(META_SHEET);
  for (const row of meta) metaSheet.addRow(row);
  metaSheet.state = 'veryHidden';
  return { workbook: wb, summary };
}

/** Writes the entry workbook to `out`, whole or not at all (`oise template`, the pages' download). */
export const writeEntryWorkbook = workbookWriter(buildEntryWorkbook);

async function protect(ws: ExcelJS.Worksheet): Promise<void> {
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
}

function cellValueOf(def: IndicatorDefinition, value: number | null, text: string | null): string | number {
  if (def.valueType === 'boolean') return value === 1 ? 'oui' : 'non';
  if (def.valueType === 'text') return text ?? '';
  return value ?? '';
}

/**
 * Row 3 of a domain sheet: the code and the form a figure takes, its unit and bounds
 * (« SAN_CSCOM · nombre entier · 0 à 30 », « HYD_REDEVANCES · FCFA · 0 à … », « … · oui/non »).
 */
export function indicatorHeader(def: IndicatorDefinition): string {
  if (def.valueType === 'boolean') return `${def.code} · oui/non`;
  if (def.valueType === 'text') return `${def.code} · texte`;
  const unit = def.unit && def.unit !== 'nombre' ? def.unit : '';
  const form =
    def.valueType === 'integer' ? (unit ? `${unit}, nombre entier` : 'nombre entier') : unit || 'nombre';
  const bounds =
    def.min === null && def.max === null
      ? ''
      : ` · ${def.min !== null ? formatNumberFr(def.min) : '…'} à ${def.max !== null ? formatNumberFr(def.max) : '…'}`;
  return `${def.code} · ${form}${bounds}`;
}

/**
 * Width of an entry column: 9 characters hold the counts a commune reports (up to « 150 000 »),
 * amounts in FCFA and other large numbers get 12. Narrow columns let two indicators by sex or
 * six simple ones share a printed page. (Never 9 exactly for the grey column: exceljs drops a
 * width of 9 as its default, and the sheet's 12 would apply.)
 */
function entryColumnWidth(def: IndicatorDefinition): number {
  return def.valueType === 'number' || (def.max ?? 0) > 999_999 ? 12 : 9.2;
}

function validationFor(def: IndicatorDefinition): ExcelJS.DataValidation {
  if (def.valueType === 'boolean')
    return {
      type: 'list',
      allowBlank: true,
      formulae: ['"oui,non"'],
      showErrorMessage: true,
      errorTitle: 'Oui ou non',
      error: 'Choisissez oui ou non dans la liste.',
    };
  if (def.valueType === 'text')
    return { type: 'textLength', operator: 'lessThan', allowBlank: true, formulae: [2000] };
  const min = def.min ?? (def.valueType === 'percentage' ? 0 : -1e12);
  const max = def.max ?? (def.valueType === 'percentage' ? 100 : 1e12);
  const whole = def.valueType === 'integer';
  return {
    type: whole ? 'whole' : 'decimal',
    operator: 'between',
    allowBlank: true,
    formulae: [min, max],
    showErrorMessage: true,
    errorTitle: 'Valeur hors bornes',
    error: `${def.labelFr} : ${whole ? 'nombre entier' : 'nombre'} de ${formatNumberFr(min)} à ${formatNumberFr(max)}.`,
  };
}

/** The region's reason when the latest decision on the cercle's quarter is a return. */
async function latestReturn(
  db: Kysely<Database>,
  unit: string,
  period: string,
): Promise<{ reason: string; decidedAt: string; number: number } | undefined> {
  const status = await quarterStatus(db, unit, period);
  const d = status.decision;
  return status.status === 'returned' && d && status.submissionNumber !== null
    ? { reason: d.reason ?? '', decidedAt: d.decidedAt, number: status.submissionNumber }
    : undefined;
}
