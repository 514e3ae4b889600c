// Compiles the `oise` command line to plain JavaScript, the form the installed bin runs: no
// TypeScript loader at start-up, and each command's heavy modules in their own chunk, loaded
// only when that command runs. `node build.mjs [OUT_DIR]` (default dist/; the folder must sit
// inside packages/cli so the external packages resolve).
import { resolve } from 'node:path';
import { build } from 'esbuild';

const outdir = process.argv[2] ? resolve(process.argv[2]) : new URL('./dist', import.meta.url).pathname;

await build({
  entryPoints: { oise: new URL('./src/main.ts', import.meta.url).pathname },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  // Native or data-carrying packages stay outside the bundle and load from node_modules.
  external: [
    'better-sqlite3',
    '@napi-rs/canvas',
    'dejavu-fonts-ttf',
    'exceljs',
    'chart.js',
    '@duckdb/node-api',
    'node-cron',
  ],
  banner: {
    js: "import { createRequire as __oiseCreateRequire } from 'node:module'; const require = __oiseCreateRequire(import.meta.url);",
  },
  sourcemap: true,
  logLevel: 'warning',
});
