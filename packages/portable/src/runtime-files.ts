import { copyFileSync, existsSync, mkdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { listTree } from './folder-checks.js';

/**
 * What the bundled code finds by package resolution or next to itself at run time, and so must
 * sit in the folder's `app/` (the bundle is `app/packages/cli/dist/`, as in the repository):
 * - `@oise/reports` *.json: report's `REPORTS_DIR` (createRequire → `@oise/reports/package.json`);
 * - `dejavu-fonts-ttf`: report's `dejavuFontPath` (only the two faces it registers);
 * - `chart.js` (+ `@kurkle/color`): report's charts (external: the web also serves its UMD file,
 *   found by `require.resolve('chart.js')` in web's `areas/static.ts`);
 * - `d3-array`, `d3-geo`: their `dist/*.min.js`, served by web's `areas/static.ts`;
 * - `@napi-rs/canvas`: its JavaScript loader (the platform's native package is added apart);
 * - `fixtures/indicateurs.csv`: catalog's `DEFAULT_CATALOG_PATH`, `../../../fixtures/` from the bundle.
 * Each entry: the package, the workspace package it is resolved from, the files kept.
 */
export const RUNTIME_PACKAGES: { name: string; from: string; keep: RegExp }[] = [
  { name: '@oise/reports', from: 'packages/report', keep: /^[^/]+\.json$/ },
  {
    name: 'dejavu-fonts-ttf',
    from: 'packages/report',
    keep: /^(package\.json|LICENSE|ttf\/DejaVuSans\.ttf|ttf\/DejaVuSans-Bold\.ttf)$/,
  },
  { name: 'chart.js', from: 'packages/report', keep: /^(package\.json|LICENSE\.md|dist\/.+\.c?js)$/ },
  {
    name: '@kurkle/color',
    from: 'packages/report/node_modules/chart.js',
    keep: /^(package\.json|LICENSE\.md|dist\/.+\.c?js)$/,
  },
  { name: 'd3-array', from: 'packages/web', keep: /^(package\.json|LICENSE|dist\/.+\.m?js)$/ },
  { name: 'd3-geo', from: 'packages/web', keep: /^(package\.json|LICENSE|dist\/.+\.m?js)$/ },
  { name: '@napi-rs/canvas', from: 'packages/report', keep: /^(package\.json|LICENSE|[^/]+\.js)$/ },
];

/** The workspace's files the bundle reads beside itself, by their path in `app/`. */
export const RUNTIME_DATA: { from: string; to: string }[] = [
  { from: 'fixtures/indicateurs.csv', to: 'fixtures/indicateurs.csv' },
];

/**
 * The installed folder of package `name` as Node would find it from `fromDir` (its
 * `node_modules`, then each parent's), links resolved (pnpm's store).
 */
export function packageFolder(name: string, fromDir: string): string {
  for (let dir = realpathSync(fromDir); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir)
      throw new Error(`paquet « ${name} » introuvable depuis ${fromDir} (pnpm install ?)`);
  }
}

/** Copies the kept files of one installed package into `node_modules/<name>` of `appDir`. */
export function copyPackage(source: string, name: string, keep: RegExp, appDir: string): number {
  const target = join(appDir, 'node_modules', name);
  let copied = 0;
  for (const entry of listTree(source)) {
    if (entry.folder || !keep.test(entry.path)) continue;
    mkdirSync(dirname(join(target, entry.path)), { recursive: true });
    copyFileSync(join(source, entry.path), join(target, entry.path));
    copied++;
  }
  return copied;
}

/** Puts every runtime package and data file into `appDir`, from the repository at `repo`. */
export function copyRuntimeFiles(repo: string, appDir: string): void {
  for (const p of RUNTIME_PACKAGES) {
    const source = packageFolder(p.name, join(repo, p.from));
    if (copyPackage(source, p.name, p.keep, appDir) === 0)
      throw new Error(`aucun fichier retenu du paquet « ${p.name} » (${source})`);
  }
  for (const d of RUNTIME_DATA) {
    mkdirSync(dirname(join(appDir, d.to)), { recursive: true });
    copyFileSync(join(repo, d.from), join(appDir, d.to));
  }
}
