import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { ChartSpec } from './chart-spec.js';
import { REPORT_FONT_FAMILY, assertFontRenders, ensureReportFonts } from './fonts.js';
import { hasPngSignature, pngSize } from './png-info.js';
import { renderChart, valueAxisTicks } from './render-chart.js';
import { darkPixels } from './test-support/png-pixels.js';

const bars: ChartSpec = {
  id: 'essai',
  kind: 'bar',
  title: 'Élèves inscrits à Ségou — 1er trimestre 2025',
  labels: ['Barouéli', 'Ségou', 'Kadiolo'],
  datasets: [{ label: 'Élèves', data: [1200, 3400, 560] }],
  unit: 'nombre',
  width: 640,
  height: 360,
};
const titleArea = { x: 0, y: 0, width: 640, height: 34 };

describe('charts on @napi-rs/canvas', () => {
  it('registers DejaVu from npm and measures accented text', () => {
    expect(ensureReportFonts()).toBe(REPORT_FONT_FAMILY);
    const ctx = createCanvas(100, 40).getContext('2d');
    ctx.font = `16px "${REPORT_FONT_FAMILY}"`;
    expect(ctx.measureText('Ségou').width).toBeGreaterThan(20);
  });

  it('refuses, with a French message, a font family that is not registered', () => {
    expect(() => assertFontRenders('Police Absente OISE')).toThrowError(
      /Police Absente OISE.*dejavu-fonts-ttf/,
    );
  });

  it('writes a valid PNG of the stated size for every kind of chart', () => {
    for (const kind of ['bar', 'horizontal-bar', 'stacked-bar', 'line', 'doughnut'] as const) {
      const png = renderChart({
        ...bars,
        kind,
        datasets: [...bars.datasets, { label: 'Élèves (F)', data: [600, 1700, 300] }],
      });
      expect(hasPngSignature(png)).toBe(true);
      expect(pngSize(png)).toEqual({ width: 640, height: 360 });
    }
  });

  it('really draws the title text: dark pixels in the title band, none without a title', async () => {
    const withTitle = await darkPixels(renderChart(bars), titleArea);
    const withoutTitle = await darkPixels(renderChart({ ...bars, title: '' }), titleArea);
    expect(withTitle).toBeGreaterThan(150);
    expect(withoutTitle).toBeLessThan(withTitle / 10);
  });

  it('draws axis labels with accents (bottom band holds dark text pixels)', async () => {
    const png = renderChart(bars);
    expect(await darkPixels(png, { x: 60, y: 330, width: 560, height: 30 })).toBeGreaterThan(50);
  });

  it('gives a count axis whole ticks (no « 0,3 élu »), a decimal axis its decimals', () => {
    const few: ChartSpec = {
      ...bars,
      kind: 'stacked-bar',
      labels: ['Aucune', 'Primaire', 'Supérieur'],
      datasets: [
        { label: 'Femmes', data: [0, 1, 0] },
        { label: 'Hommes', data: [1, 2, 1] },
      ],
      unit: 'élus',
    };
    const counts = valueAxisTicks(few);
    expect(counts.length).toBeGreaterThan(1);
    expect(counts.every(Number.isInteger)).toBe(true);
    for (const kind of ['bar', 'horizontal-bar', 'line'] as const)
      expect(valueAxisTicks({ ...few, kind }).every(Number.isInteger)).toBe(true);
    const rates = valueAxisTicks({ ...few, datasets: [{ label: 'Taux', data: [0.2, 0.5, 0.9] }], unit: '%' });
    expect(rates.some((t) => !Number.isInteger(t))).toBe(true);
  });
});
