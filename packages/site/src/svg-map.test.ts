import { describe, expect, it } from 'vitest';
import { svgMap } from './svg-map.js';
import { svgTrend } from './svg-trend.js';

const square = (x: number): [number, number][][] => [
  [
    [x, 13],
    [x, 14],
    [x + 1, 14],
    [x + 1, 13],
    [x, 13],
  ],
];

describe('inline SVG', () => {
  it('a map: one path per outline, classes by value, no data hatched, the page’s unit outlined, one image', () => {
    const features = ['A', 'B', 'C'].map((code, i) => ({
      code,
      name: `Unité ${code}`,
      polygons: [square(-8 + i)],
    }));
    const map = svgMap({
      id: 'carte',
      features,
      values: [
        { code: 'A', name: 'Unité A', value: 10, text: '10' },
        { code: 'B', name: 'Unité B', value: 30, text: '30' },
        { code: 'C', name: 'Unité C', value: null, text: 'non transmis' },
      ],
      highlight: 'B',
      caption: 'Essai, 1er trimestre 2025.',
      legendTitle: 'Essai',
      fractionDigits: 0,
    })!.text;
    expect(map).toContain('role="img" aria-label="Essai, 1er trimestre 2025."');
    expect(map.match(/<path d="M/g)?.length).toBe(3);
    expect(map).toContain('fill="url(#carte-hachures)"');
    expect(map.match(/stroke-width="3"/g)?.length).toBe(1);
    expect(map).toMatch(/<path [^>]*stroke-width="3"><title>Unité B : 30<\/title>/);
    // The outlined unit is drawn last, over its neighbours.
    expect(map.indexOf('stroke-width="3"')).toBeGreaterThan(map.lastIndexOf('stroke="#6b6b6b"'));
    expect(map).toContain('pas de données (1)');
    expect(map).toContain('trait noir épais : la collectivité de cette page');
    expect(
      svgMap({ id: 'x', features: [], values: [], caption: '', legendTitle: '', fractionDigits: 0 }),
    ).toBeUndefined();
  });

  it('a trend: a bar per quarter with a value, its label saying every value', () => {
    const svg = svgTrend('Consultations', [
      { period: '2024Q4', value: 1100, text: '1 100' },
      { period: '2025Q1', value: null, text: 'non transmis' },
      { period: '2025Q2', value: 1250, text: '1 250' },
    ]).text;
    expect(svg).toContain('aria-label="Consultations : T4 2024 1 100, T1 2025 non transmis, T2 2025 1 250"');
    expect(svg.match(/<rect /g)?.length).toBe(2);
    expect(svg).toContain('>–</text>');
  });
});
