import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoCountry } from './demo-country.js';
import { summarizeDemo } from './demo-summary.js';

/*
 * `pnpm demo`: a demo country (national, 3 regions, 9 cercles, 45 communes) plays four
 * quarters of 2025 end to end in demo-country/, then prints the national figures and where
 * each level's reports are.
 */
const root = fileURLToPath(new URL('../../../demo-country/', import.meta.url));
const boundaries = fileURLToPath(new URL('../../../../shared/data/mali-regions.geojson', import.meta.url));
const started = Date.now();
console.log(`Pays de démonstration dans ${root}`);
const country = await buildDemoCountry({
  root,
  quarters: ['2025Q1', '2025Q2', '2025Q3', '2025Q4'],
  returnIn: '2025Q2',
  lateIn: '2025Q3',
  boundaries,
  log: (line) => console.log(line),
});
console.log(await summarizeDemo(country, '2025Q4', join(root)));
console.log(`\nDémonstration terminée en ${Math.round((Date.now() - started) / 1000)} s.`);
