import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeTableWorkbook } from './table-workbook.js';

describe('a table as a workbook', () => {
  it('French headers, numbers kept as numbers, empty cells for no figure, the same bytes each time', async () => {
    const table = {
      title: 'Nombre de CSCOM — Mali',
      sheetName: 'Tableau de bord',
      header: ['Collectivité', '1er trimestre 2025', 'Complétude 1er trimestre 2025'],
      rows: [
        ['Mali', 1234, '41 / 45 communes'],
        ['Ségou', null, '0 / 15 communes'],
      ],
    };
    const bytes = await writeTableWorkbook(table, '2025-04-10T09:00:00.000Z');
    expect(await writeTableWorkbook(table, '2025-04-10T09:00:00.000Z')).toEqual(bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Tableau de bord')!;
    expect(ws.getCell('A1').value).toBe('Nombre de CSCOM — Mali');
    expect(ws.getRow(2).values).toEqual([undefined, ...table.header]);
    expect(ws.getCell('B3').value).toBe(1234);
    expect(ws.getCell('B3').numFmt).toBe('#,##0');
    expect(ws.getCell('B4').value).toBeNull();
    expect(ws.getCell('C4').value).toBe('0 / 15 communes');
  });
});
