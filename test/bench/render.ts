/**
 * Renders test/bench/results/latest.md again from latest.json (after a change to how the
 * table is written, without measuring again): `node --import tsx test/bench/render.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { type BenchResults, renderMarkdown } from './results.js';

const dir = new URL('./results/', import.meta.url);
const results = JSON.parse(readFileSync(new URL('latest.json', dir), 'utf8')) as BenchResults;
writeFileSync(new URL('latest.md', dir), renderMarkdown(results));
console.log(renderMarkdown(results).split('\n').slice(-8).join('\n'));
