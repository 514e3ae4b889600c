import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { readNote } from './quarter-note-read.js';
import { writeNote } from './quarter-note.js';
import { reportingQuarter } from './reporting-quarter.js';

describe('reading the CSR note and the quarter in play', () => {
  test('readNote gives the latest text, its author and revision; nothing before a note exists', async ({
    tmp,
  }) => {
    const region = await makeTestNode(tmp, 'region', 'ML04');
    expect(await readNote(region.db, 'ML0401', '2025Q1')).toBeUndefined();
    await writeNote(region, 'ML0401', '2025T1', 'Premier jet.', { now: TEST_NOW, author: 'csr.segou' });
    await writeNote(region, 'ML0401', '2025Q1', 'Texte revu.', { now: '2025-04-11T10:00:00.000Z' });
    expect(await readNote(region.db, 'ML0401', '2025t1')).toEqual({
      unit: 'ML0401',
      period: '2025Q1',
      text: 'Texte revu.',
      author: 'ML04',
      revision: 2,
      updatedAt: '2025-04-11T10:00:00.000Z',
    });
    await region.close();
  });

  test('reportingQuarter is the last quarter over', () => {
    expect(reportingQuarter('2025-04-10T09:00:00.000Z')).toBe('2025Q1');
    expect(reportingQuarter('2025-03-31T23:59:59.000Z')).toBe('2024Q4');
    expect(reportingQuarter('2026-01-01T00:00:00.000Z')).toBe('2025Q4');
  });
});
