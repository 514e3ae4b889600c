import { basename } from 'node:path';
import { type Finding, formatNumberFr, makeFinding } from '@oise/core';
import type ExcelJS from 'exceljs';
import { type CellInput, cellText } from './cell-value.js';
import type { RemovedRecord } from './closed-quarter.js';
import type { RecordCell, RecordInput } from './record-check.js';
import { RECORD_KINDS } from './record-kinds.js';
import type { TableFile } from './table-file.js';
import type { ValueInput } from './value-input.js';
import { DOMAIN_FIRST_ROW, META_SHEET, WORKBOOK_FORMAT, WORKBOOK_VERSION } from './workbook-layout.js';
import {
  XLSX_MAX_CELLS,
  XLSX_MAX_ENTRIES,
  XLSX_MAX_INFLATED_BYTES,
  XLSX_MAX_ROWS,
  type XlsxBounds,
  checkXlsxBounds,
} from './xlsx-bounds.js';

/** What an entry workbook holds once mapped back through its metadata sheet. */
export interface WorkbookContent {
  file: string;
  quarter: string;
  cercle: string;
  values: ValueInput[];
  records: RecordInput[];
  /** Pre-filled record rows the user emptied: their stored rows become tombstones. */
  removed: RemovedRecord[];
  findings: Finding[];
}

/** A plain cell value from whatever exceljs holds (formula results, rich text, links). */
export function plainCell(value: ExcelJS.CellValue): CellInput {
  if (value === null || value === undefined) return null;
  if (
    typeof value === 'number' ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    value instanceof Date
  )
    return value;
  if (typeof value === 'object') {
    if ('result' in value) return plainCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

/** The first sheet of a workbook without OISE metadata, read as a table (a data-value list saved as xlsx). */
function sheetAsTable(ws: ExcelJS.Worksheet, file: string): TableFile {
  const rows: { line: number; cells: string[] }[] = [];
  let header: string[] | undefined;
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(plainCell(row.getCell(c).value)));
    if (cells.every((c) => c === '')) return;
    if (!header) header = cells;
    else rows.push({ line, cells });
  });
  return { file, header: header ?? [], rows, delimiter: ';', findings: [] };
}

/**
 * Reads a workbook: an OISE entry workbook maps back cell by cell through its metadata sheet
 * (returns `content`); any other workbook is read from its first sheet as a data-value table
 * (returns `table`).
 */
export async function readWorkbookFile(
  path: string,
): Promise<{ content?: WorkbookContent; table?: TableFile }> {
  const file = basename(path);
  // exceljs inflates every part in memory: a zip bomb is refused before it gets the file.
  const bounds = await checkXlsxBounds(path);
  if (bounds.kind === 'not-zip') return { content: unreadableWorkbook(file) };
  if (bounds.kind === 'too-large') return { content: oversizeWorkbook(file, bounds) };
  // exceljs loads only when a workbook is really read or written: `oise status` never pays for it.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch {
    // A truncated copy, a file renamed to .xlsx, a USB key pulled mid-copy: a finding, not a crash.
    return { content: unreadableWorkbook(file) };
  }
  const metaSheet = wb.getWorksheet(META_SHEET);
  if (!metaSheet) {
    const first = wb.worksheets.find((w) => w.state === 'visible') ?? wb.worksheets[0];
    return {
      table: first ? sheetAsTable(first, file) : { file, header: [], rows: [], delimiter: ';', findings: [] },
    };
  }
  const meta: string[][] = [];
  metaSheet.eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(plainCell(row.getCell(c).value)));
    meta.push(cells);
  });
  const fact = (key: string) => meta.find((r) => r[0] === key)?.[1] ?? '';
  const content: WorkbookContent = {
    file,
    quarter: fact('quarter'),
    cercle: fact('cercle'),
    values: [],
    records: [],
    removed: [],
    findings: [],
  };
  const version = Number(fact('version'));
  if (fact('format') !== WORKBOOK_FORMAT || !(version >= 1 && version <= WORKBOOK_VERSION)) {
    content.findings.push(
      makeFinding(
        { file, line: 1, column: '' },
        'error',
        'WORKBOOK_VERSION',
        `ce classeur (format « ${fact('format')} », version ${fact('version')}) n'est pas lisible par cette version d'OISE : préparez un nouveau classeur avec oise template.`,
      ),
    );
    return { content };
  }
  readDomainSheets(wb, meta, content);
  readRecordSheets(wb, meta, content);
  return { content };
}

function oversizeWorkbook(file: string, bounds: Extract<XlsxBounds, { kind: 'too-large' }>): WorkbookContent {
  return {
    ...unreadableWorkbook(file),
    findings: [
      makeFinding({ file, line: 1, column: '' }, 'error', 'WORKBOOK_TOO_LARGE', oversizeMessage(bounds)),
    ],
  };
}

/** What an over-large workbook passes, with the limit, and what to import instead. */
function oversizeMessage(bounds: Extract<XlsxBounds, { kind: 'too-large' }>): string {
  const instead =
    "rien n'en a été lu. Importez le classeur préparé par OISE (oise template, ou « Télécharger le classeur de saisie »), ou découpez le fichier.";
  switch (bounds.limit) {
    case 'entries':
      return `ce fichier contient ${formatNumberFr(bounds.entries)} parties, plus que les ${formatNumberFr(XLSX_MAX_ENTRIES)} d'un classeur : ce n'est pas un classeur de saisie, ${instead}`;
    case 'rows':
      return `ce classeur a plus de ${formatNumberFr(XLSX_MAX_ROWS)} lignes (la limite ; le classeur du plus grand cercle en a 1 213) : ${instead}`;
    case 'cells':
      return `ce classeur a plus de ${formatNumberFr(XLSX_MAX_CELLS)} cellules (la limite ; le classeur du plus grand cercle en a 14 880) : ${instead}`;
    default:
      return `ce classeur se décompresse en plus de ${formatNumberFr(XLSX_MAX_INFLATED_BYTES / (1024 * 1024))} Mio (la limite ; un classeur de saisie en fait moins d'un) : ${instead}`;
  }
}

function unreadableWorkbook(file: string): WorkbookContent {
  return {
    file,
    quarter: '',
    cercle: '',
    values: [],
    records: [],
    removed: [],
    findings: [
      makeFinding(
        { file, line: 1, column: '' },
        'error',
        'WORKBOOK_UNREADABLE',
        "ce fichier n'est pas un classeur Excel lisible (copie interrompue, fichier abîmé ou renommé en .xlsx) : ouvrez-le dans Excel ou Calc, enregistrez-le de nouveau au format .xlsx, puis importez-le.",
      ),
    ],
  };
}

function readDomainSheets(wb: ExcelJS.Workbook, meta: string[][], content: WorkbookContent): void {
  const prefilled = new Set(meta.filter((r) => r[0] === 'prefill').map((r) => `${r[1]}!${r[2]}`));
  const rowsBySheet = new Map<string, Map<number, string>>();
  for (const r of meta.filter((m) => m[0] === 'row')) {
    const rows = rowsBySheet.get(r[1]!) ?? new Map<number, string>();
    rows.set(Number(r[2]), r[3]!);
    rowsBySheet.set(r[1]!, rows);
  }
  const columnsBySheet = new Map<string, [string, string, string][]>();
  for (const c of meta.filter((m) => m[0] === 'column')) {
    const [, sheet, letter, indicator, category] = c as [string, string, string, string, string?];
    const list = columnsBySheet.get(sheet) ?? [];
    list.push([letter, indicator, category ?? '']);
    columnsBySheet.set(sheet, list);
  }
  for (const [sheet, columns] of columnsBySheet) {
    const ws = wb.getWorksheet(sheet);
    if (!ws) {
      content.findings.push(
        makeFinding(
          { file: content.file, line: 1, column: '' },
          'error',
          'WORKBOOK_SHEET_MISSING',
          `la feuille « ${sheet} » a disparu du classeur : reprenez le classeur d'origine ou préparez-en un nouveau (oise template).`,
        ),
      );
      return;
    }
    const communeRows = rowsBySheet.get(sheet) ?? new Map<number, string>();
    const last = Math.max(ws.rowCount, ...communeRows.keys());
    for (let line = DOMAIN_FIRST_ROW; line <= last; line++) {
      // The commune is the code the row shows in column A: a row added below the communes, or
      // a code typed over, is checked like a CSV line (another cercle's commune is refused,
      // never dropped); a row the template wrote keeps its commune when column A was emptied.
      const shown = cellText(plainCell(ws.getCell(`A${line}`).value));
      const written = communeRows.get(line);
      const unit = shown || written || '';
      for (const [letter, indicator, category] of columns) {
        const address = `${letter}${line}`;
        const raw = plainCell(ws.getCell(address).value);
        const empty = cellText(raw) === '';
        const wasPrefilled = unit === written && prefilled.has(`${sheet}!${address}`);
        if (empty && !wasPrefilled) continue;
        content.values.push({
          file: content.file,
          sheet,
          line,
          columns: {
            orgUnit: 'A',
            indicator: letter,
            period: '',
            category: letter,
            value: letter,
            comment: '',
          },
          orgUnit: unit,
          indicator,
          period: content.quarter,
          category,
          raw,
          comment: undefined,
          clear: empty,
          expectedQuarter: content.quarter,
          rejectRow: [unit, indicator, content.quarter, category, cellText(raw)],
          rejectKey: `${content.file}#${sheet}!${address}`,
        });
      }
    }
  }
}

function readRecordSheets(wb: ExcelJS.Workbook, meta: string[][], content: WorkbookContent): void {
  for (const r of meta.filter((m) => m[0] === 'records')) {
    const [, sheet, kindName, , firstRow] = r as [string, string, string, string, string];
    const kind = RECORD_KINDS.find((k) => k.kind === kindName);
    const ws = wb.getWorksheet(sheet);
    if (!kind || !ws) continue;
    const columns = meta
      .filter((m) => m[0] === 'record_column' && m[1] === sheet)
      .map((m) => [m[2]!, m[3]!] as const);
    const knownIds = new Map(
      meta.filter((m) => m[0] === 'record_id' && m[1] === sheet).map((m) => [m[3]!, Number(m[2])] as const),
    );
    const seenIds = new Set<string>();
    for (let line = Number(firstRow); line <= ws.rowCount; line++) {
      const cells = new Map<string, RecordCell>();
      let id: RecordCell | undefined;
      let filled = false;
      const texts: string[] = [];
      for (const [letter, field] of columns) {
        const raw = plainCell(ws.getCell(`${letter}${line}`).value);
        texts.push(cellText(raw));
        if (field === 'id') id = { raw, column: letter };
        else {
          cells.set(field, { raw, column: letter });
          if (cellText(raw) !== '') filled = true;
        }
      }
      if (!filled) continue;
      const idText = cellText(id?.raw);
      if (idText) seenIds.add(idText);
      const input: RecordInput = {
        kind,
        file: content.file,
        sheet,
        line,
        cells,
        expectedQuarter: content.quarter,
        rejectRow: texts,
        rejectKey: `${content.file}#${sheet}#${line}`,
      };
      if (id) input.id = id;
      content.records.push(input);
    }
    for (const [id, line] of knownIds)
      if (!seenIds.has(id))
        content.removed.push({
          kind: kind.kind,
          id,
          file: content.file,
          sheet,
          line,
          period: content.quarter,
        });
  }
}
