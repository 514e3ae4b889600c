import { formatNumberFr } from '@oise/core';
import { describe, expect, it } from 'vitest';
import { completenessText, legendTitleOf, valueText } from './figure-text.js';

describe('figures in French', () => {
  it('values with their unit, completeness, legend headings', () => {
    expect(valueText({ valueType: 'integer', unit: 'nombre' }, 1250)).toBe(formatNumberFr(1250));
    expect(valueText({ valueType: 'percentage', unit: '%' }, 45.25)).toBe('45,3 %');
    expect(valueText({ valueType: 'number', unit: 'jours' }, 12)).toBe('12 jours');
    expect(valueText({ valueType: 'integer', unit: 'FCFA' }, 1200)).toBe(`${formatNumberFr(1200)} FCFA`);
    expect(valueText({ valueType: 'integer', unit: 'nombre' }, null)).toBe('non transmis');
    expect(completenessText({ reporting: 41, expected: 45 })).toBe('41 / 45 communes');
    expect(completenessText({ reporting: 1, expected: 1 })).toBe('1 / 1 commune');
    expect(legendTitleOf({ labelFr: 'Nombre de CSCOM', unit: 'nombre' })).toBe('Nombre de CSCOM');
    expect(legendTitleOf({ labelFr: "Taux d'accès", unit: '%' })).toBe("Taux d'accès (%)");
  });
});
