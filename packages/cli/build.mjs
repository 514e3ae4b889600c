// Compiles the `oise` command line to plain JavaScript, the form the installed bin runs: no
// TypeScript loader at start-up, and each command's heavy modules in their own chunk, loaded
// only when that command runs. `node build.mjs [OUT_DIR]` (default dist/; the folder must sit
// inside packages/cli so the external packages resolve). The portable build
// (packages/portable) calls `buildCli` with its own folder and its own list of externals.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** Native or data-carrying packages kept outside the bundle: they load from node_modules. */
export const CLI_EXTERNALS = [
  'better-sqlite3',
  '@napi-rs/canvas',
  'dejavu-fonts-ttf',
  'exceljs',
  'chart.js',
  '@duckdb/node-api',
  'node-cron',
];

/**
 * Bundles the command line into `outdir` (`oise.mjs` and its chunks).
 * @param {{ outdir: string, external?: string[], target?: string, sourcemap?: boolean }} options
 */
export async function buildCli({ outdir, external = CLI_EXTERNALS, target = 'node20', sourcemap = true }) {
  return build({
    entryPoints: { oise: new URL('./src/main.ts', import.meta.url).pathname },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target,
    outExtension: { '.js': '.mjs' },
    external,
    banner: {
      js: "import { createRequire as __oiseCreateRequire } from 'node:module'; const require = __oiseCreateRequire(import.meta.url);",
    },
    sourcemap,
    logLevel: 'warning',
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outdir = process.argv[2] ? resolve(process.argv[2]) : new URL('./dist', import.meta.url).pathname;
  await buildCli({ outdir });
}
