/**
 * Prints the figures of the last reliability run as the Markdown table of RELIABILITY.md:
 *   RELIABILITY_REPORT=1 pnpm vitest run test/reliability-   (writes test/reliability/last-run/*.json)
 *   node --import tsx test/reliability/summary.ts
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TallyCounts } from './harness.js';

const dir = fileURLToPath(new URL('./last-run/', import.meta.url));
if (!existsSync(dir)) {
  console.error('Aucun résultat : lancez RELIABILITY_REPORT=1 pnpm vitest run test/reliability- d’abord.');
  process.exit(1);
}
const order = ['csv', 'workbook', 'bundle', 'keys', 'security', 'crash'];
const runs = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(`${dir}${f}`, 'utf8')) as TallyCounts)
  .sort((a, b) => order.indexOf(a.area) - order.indexOf(b.area));
const columns = [
  'cases',
  'accepted',
  'refused',
  'crashes',
  'hangs',
  'partialWrites',
  'forgeriesAccepted',
  'unhandledRejections',
] as const;
console.log(`| area | seed | ${columns.join(' | ')} | seconds |`);
console.log(`| --- | --- | ${columns.map(() => '---:').join(' | ')} | ---: |`);
const total = Object.fromEntries(columns.map((c) => [c, 0])) as Record<(typeof columns)[number], number>;
for (const r of runs) {
  for (const c of columns) total[c] += r[c];
  console.log(`| ${r.area} | ${r.seed} | ${columns.map((c) => r[c]).join(' | ')} | ${r.seconds} |`);
}
console.log(`| **total** | | ${columns.map((c) => `**${total[c]}**`).join(' | ')} | |`);
console.log('');
for (const r of runs) {
  const codes = Object.entries(r.codes)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  console.log(`- ${r.area}: ${codes || '—'}`);
}
