import ExcelJS from 'exceljs';
import fc from 'fast-check';

/**
 * Edits an entry workbook the way hands, other spreadsheet programs and broken USB keys do:
 * cells of the domain sheets and record lists set to anything Excel can hold, the hidden
 * `_oise` metadata edited, emptied or removed, sheets removed or renamed, and the file itself
 * truncated or bit-flipped.
 */
export type CellEdit =
  | { kind: 'cell'; sheetPick: number; rowPick: number; colPick: number; value: unknown }
  | { kind: 'fill'; sheetPick: number; values: number[] }
  | { kind: 'meta'; rowPick: number; colPick: number; value: string }
  | { kind: 'meta-delete'; rowPick: number; count: number }
  | { kind: 'meta-add'; cells: string[] }
  | { kind: 'remove-meta' }
  | { kind: 'remove-sheet'; sheetPick: number }
  | { kind: 'rename-sheet'; sheetPick: number; name: string }
  | { kind: 'record'; sheetPick: number; rowPick: number; colPick: number; value: unknown };

export type ByteEdit =
  | { kind: 'none' }
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; positions: number[] }
  | { kind: 'random'; bytes: Uint8Array };

export interface WorkbookCase {
  edits: CellEdit[];
  bytes: ByteEdit;
  partial: boolean;
}

const junkText = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom(
    '',
    ' ',
    'ML0402',
    'ML040201',
    '2024Q4',
    '2025Q2',
    'ZZZZ',
    '1A',
    'A0',
    'A',
    'XFE1',
    '-1',
    '1e9',
    'NaN',
    '../x',
    'oise-saisie',
    '2',
    '0',
    'F',
    'M',
    'SAN_CSCOM',
  ),
);

const cellValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 500 }) },
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 1e15, 0.5, -0),
  junkText,
  fc.constantFrom('1 234,5', '12,5', '12.5', '1e3', 'oui', 'non', 'vrai', '45 %', '=A1'),
  fc.boolean(),
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  fc.constant(null),
  fc.constant({ formula: '1/0', result: { error: '#DIV/0!' } }),
  fc.integer({ min: 0, max: 99 }).map((n) => ({ formula: `${n}+1`, result: n + 1 })),
  fc.constant({ formula: 'A1' }),
  junkText.map((t) => ({ richText: [{ text: t }, { text: '7' }] })),
  junkText.map((t) => ({ text: t, hyperlink: 'http://exemple.ml' })),
);

const pick = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const cellEdit: fc.Arbitrary<CellEdit> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('cell' as const),
      sheetPick: pick,
      rowPick: pick,
      colPick: pick,
      value: cellValue,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('fill' as const),
      sheetPick: pick,
      values: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 40 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('meta' as const),
      rowPick: pick,
      colPick: pick,
      value: junkText,
    }),
  },
  fc.record({
    kind: fc.constant('meta-delete' as const),
    rowPick: pick,
    count: fc.integer({ min: 1, max: 20 }),
  }),
  fc.record({
    kind: fc.constant('meta-add' as const),
    cells: fc.array(junkText, { minLength: 1, maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('remove-meta' as const) }),
  fc.record({ kind: fc.constant('remove-sheet' as const), sheetPick: pick }),
  fc.record({
    kind: fc.constant('rename-sheet' as const),
    sheetPick: pick,
    name: fc.string({ minLength: 1, maxLength: 20 }),
  }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('record' as const),
      sheetPick: pick,
      rowPick: pick,
      colPick: pick,
      value: cellValue,
    }),
  },
);

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: 'none' as const }) },
  fc.record({ kind: fc.constant('truncate' as const), at: pick }),
  fc.record({
    kind: fc.constant('flip' as const),
    positions: fc.array(pick, { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('random' as const), bytes: fc.uint8Array({ maxLength: 512 }) }),
);

export const workbookCaseArb: fc.Arbitrary<WorkbookCase> = fc.record({
  edits: fc.array(cellEdit, { minLength: 1, maxLength: 5 }),
  bytes: byteEdit,
  partial: fc.boolean(),
});

const at = <T>(list: readonly T[], p: number): T | undefined => list[Math.floor(p * list.length)];

function toCellValue(v: unknown): ExcelJS.CellValue {
  return v as ExcelJS.CellValue;
}

/** Applies the cell and sheet edits to a template loaded from `template`; returns the bytes. */
export async function mutateWorkbook(template: Buffer, c: WorkbookCase): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  for (const e of c.edits) {
    const meta = wb.getWorksheet('_oise');
    const metaRows: string[][] = [];
    meta?.eachRow((row) => {
      metaRows.push(
        (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))),
      );
    });
    const entryColumns = metaRows.filter((r) => r[0] === 'column');
    const entryRows = metaRows.filter((r) => r[0] === 'row');
    switch (e.kind) {
      case 'cell':
      case 'fill': {
        const column = at(entryColumns, e.sheetPick);
        if (!column) break;
        const ws = wb.getWorksheet(column[1] ?? '');
        if (!ws) break;
        const rows = entryRows.filter((r) => r[1] === column[1]);
        const sheetColumns = entryColumns.filter((r) => r[1] === column[1]);
        if (e.kind === 'cell') {
          const row = at(rows, e.rowPick);
          const col = at(sheetColumns, e.colPick);
          if (row && col) ws.getCell(`${col[2]}${row[2]}`).value = toCellValue(e.value);
        } else {
          // Plausible figures across the sheet, so that many cases are accepted.
          e.values.forEach((value, i) => {
            const row = rows[i % Math.max(1, rows.length)];
            const col = sheetColumns[(i * 7) % Math.max(1, sheetColumns.length)];
            if (row && col) ws.getCell(`${col[2]}${row[2]}`).value = value;
          });
        }
        break;
      }
      case 'meta': {
        if (!meta) break;
        const rowNumber = 1 + Math.floor(e.rowPick * Math.max(1, meta.rowCount));
        const colNumber = 1 + Math.floor(e.colPick * 5);
        meta.getRow(rowNumber).getCell(colNumber).value = e.value;
        break;
      }
      case 'meta-delete':
        if (meta) meta.spliceRows(1 + Math.floor(e.rowPick * Math.max(1, meta.rowCount)), e.count);
        break;
      case 'meta-add':
        meta?.addRow(e.cells);
        break;
      case 'remove-meta':
        if (meta) wb.removeWorksheet(meta.id);
        break;
      case 'remove-sheet': {
        const ws = at(wb.worksheets, e.sheetPick);
        if (ws) wb.removeWorksheet(ws.id);
        break;
      }
      case 'rename-sheet': {
        const ws = at(wb.worksheets, e.sheetPick);
        const name = e.name
          .replace(/[\\/*?:[\]]/g, '_')
          .replace(/^'+|'+$/g, '')
          .slice(0, 31);
        if (ws && name.trim() && !wb.getWorksheet(name) && name.toLowerCase() !== 'history') ws.name = name;
        break;
      }
      case 'record': {
        const lists = metaRows.filter((r) => r[0] === 'records');
        const list = at(lists, e.sheetPick);
        const ws = list ? wb.getWorksheet(list[1] ?? '') : undefined;
        if (!ws || !list) break;
        const columns = metaRows.filter((r) => r[0] === 'record_column' && r[1] === list[1]);
        const col = at(columns, e.colPick);
        const row = Number(list[4] ?? 2) + Math.floor(e.rowPick * 5);
        if (col) ws.getCell(`${col[2]}${row}`).value = toCellValue(e.value);
        break;
      }
    }
  }
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return applyByteEdit(bytes, c.bytes);
}

function applyByteEdit(bytes: Buffer, e: ByteEdit): Buffer {
  switch (e.kind) {
    case 'none':
      return bytes;
    case 'truncate':
      return bytes.subarray(0, Math.floor(e.at * bytes.length));
    case 'flip': {
      const out = Buffer.from(bytes);
      for (const p of e.positions) {
        const i = Math.floor(p * out.length);
        out[i] = (out[i] ?? 0) ^ 0x5a;
      }
      return out;
    }
    case 'random':
      return Buffer.from(e.bytes);
  }
}
