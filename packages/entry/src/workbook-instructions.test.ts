import { parseQuarter, quarterDeadlines } from '@oise/core';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { writeInstructions } from './workbook-instructions.js';

function linesOf(returned?: { reason: string; decidedAt: string; number: number }): string[] {
  const ws = new ExcelJS.Workbook().addWorksheet('Instructions');
  const quarter = parseQuarter('2025Q1');
  writeInstructions(ws, {
    cercleName: 'Barouéli',
    cercleCode: 'ML0401',
    quarter,
    communes: 11,
    deadlines: quarterDeadlines(quarter),
    returned,
    previous: '2024T4',
  });
  const lines: string[] = [];
  ws.eachRow((row) => lines.push(String(row.getCell(1).value ?? '')));
  return lines;
}

describe('the entry workbook instructions sheet', () => {
  test('gives the calendar in French dates, never ISO', () => {
    const lines = linesOf();
    expect(lines).toContain(
      'Trimestre du 1er janvier 2025 au 31 mars 2025 ; à transmettre à la région au plus tard le 15 avril 2025.',
    );
    expect(lines.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  test("a returned quarter says the region's decision date in French", () => {
    const lines = linesOf({
      reason: 'Tamani : forages à vérifier',
      decidedAt: '2025-04-05T10:30:00.000Z',
      number: 2,
    });
    expect(lines).toContain('Trimestre renvoyé par la région le 5 avril 2025 (transmission n° 2).');
    expect(lines).toContain('Motif : Tamani : forages à vérifier');
    expect(lines.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
