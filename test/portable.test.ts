import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCliCaptured } from '@oise/cli';
import {
  PLATFORMS,
  type PortableBuild,
  buildPortable,
  caseClashes,
  launcherFiles,
  launcherTargets,
  listTree,
  notPeReason,
} from '@oise/portable';
import { MIGRATIONS } from '@oise/schema';
import { inspectDatabaseFile, openDatabase } from '@oise/store';
import { FIXTURES, extractZip, makeTempDir } from '@oise/testkit';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillEntryWorkbook } from '../pipelines/src/demo/fill-workbook.js';
import { spawnUi } from './web/ui-process.js';

/*
 * `pnpm package`'s folders, built as CI builds them (both platforms, zipped), in a temporary
 * folder; the npm tarballs are cached in node_modules/.cache/oise-portable between runs on this
 * machine. The Linux zip is unzipped elsewhere and run with a PATH that holds one empty folder:
 * no node, pnpm, g++ nor the repository. The Windows folder cannot run here: its files are checked.
 */

const REPO = fileURLToPath(new URL('../', import.meta.url));
const NOW = '2025-04-10T09:00:00.000Z';
const MB = 1024 * 1024;

const root = makeTempDir('oise-portable-');
const builds = new Map<string, PortableBuild>();
let launcher = '';
let emptyPath = '';

/** One `oise` command; resolves with its stdout, throws with its stderr when it fails. */
type Oise = (args: string[]) => Promise<string>;

/** The workspace's command line in this process (better-sqlite3 on this machine's Node). */
const workspace: Oise = async (args) => {
  const r = await runCliCaptured(args, { OISE_NOW: NOW });
  if (r.code !== 0) throw new Error(`oise ${args.join(' ')} → ${r.code}\n${r.stderr}`);
  return r.stdout;
};

/** The environment of the portable folder's runs: nothing but an empty PATH, a HOME and the clock. */
const portableEnv = () => ({ PATH: emptyPath, HOME: join(root, 'home'), OISE_NOW: NOW });

/** The portable folder's `oise` (its Node 24, node:sqlite), as its own process. */
const portable: Oise = (args) =>
  new Promise((resolve, reject) => {
    execFile(launcher, args, { env: portableEnv(), maxBuffer: 16 * MB }, (error, stdout, stderr) => {
      if (error) reject(new Error(`oise (portable) ${args.join(' ')} → ${error.code}\n${stderr}`));
      else resolve(stdout);
    });
  });

/** The cercle's entries: commune, indicator, value (health centres, and those working). */
const VALUES: [string, string, number][] = [
  ['ML040101', 'SAN_CSCOM', 4],
  ['ML040101', 'SAN_CSCOM_FONCT', 3],
  ['ML040106', 'SAN_CSCOM', 2],
  ['ML040106', 'SAN_CSCOM_FONCT', 2],
];

/** A courier: the bundles of `from` for `to` into `to`'s inbox, then `oise ingest`. */
async function carry(oise: Oise, from: string, recipient: string, to: string): Promise<void> {
  const outbox = join(from, 'outbox', recipient);
  for (const f of readdirSync(outbox).filter((n) => n.endsWith('.oise.gz')))
    copyFileSync(join(outbox, f), join(to, 'inbox', f));
  await oise(['ingest', '--dir', to]);
}

/**
 * The quarter of a cercle up to its region, by one command line, in `base`: init of the three
 * levels, territory at national, keys exchanged, the territory carried down, the cercle's entry
 * workbook filled and imported, submitted, exported and ingested by the region, which
 * consolidates and writes its reports. The inputs are copied into `base` first.
 */
async function quarterScene(
  oise: Oise,
  base: string,
): Promise<{ national: string; region: string; cercle: string }> {
  mkdirSync(base, { recursive: true });
  const [national, region, cercle] = ['ML', 'ML04', 'ML0401'].map((code) => join(base, code)) as [
    string,
    string,
    string,
  ];
  const territory = join(base, 'territoire.csv');
  copyFileSync(FIXTURES.demoTerritory, territory);
  await oise(['init', '--dir', national, '--level', 'national', '--code', 'ML']);
  await oise(['init', '--dir', region, '--level', 'region', '--code', 'ML04']);
  await oise(['init', '--dir', cercle, '--level', 'cercle', '--code', 'ML0401']);
  await oise(['territory', 'import', '--dir', national, territory]);
  for (const [dir, code] of [
    [national, 'ML'],
    [region, 'ML04'],
    [cercle, 'ML0401'],
  ] as const)
    await oise(['key', 'export', '--dir', dir, '--out', join(base, `${code}.json`)]);
  await oise(['enroll', '--dir', national, join(base, 'ML04.json')]);
  await oise(['enroll', '--dir', region, join(base, 'ML.json')]);
  await oise(['enroll', '--dir', region, join(base, 'ML0401.json')]);
  await oise(['enroll', '--dir', cercle, join(base, 'ML04.json')]);
  await oise(['export', '--dir', national]);
  await carry(oise, national, 'ML04', region);
  await oise(['export', '--dir', region]);
  await carry(oise, region, 'ML0401', cercle);

  // The adviser's quarter: the entry workbook, filled cell by cell as in Excel, imported.
  const workbook = join(base, 'saisie-2025T1.xlsx');
  await oise(['template', '--dir', cercle, '--quarter', '2025Q1', '--out', workbook]);
  const values = VALUES.map(([commune, indicator, value]) => ({
    commune,
    indicator,
    category: '' as const,
    value,
  }));
  expect(await fillEntryWorkbook(workbook, values, { officials: [], trainings: [], activities: [] })).toBe(
    values.length,
  );
  await oise(['import', '--dir', cercle, workbook]);
  await oise(['quarter', 'submit', '--dir', cercle, '--quarter', '2025Q1']);
  await oise(['export', '--dir', cercle]);
  await carry(oise, cercle, 'ML04', region);
  await oise(['consolidate', '--dir', region, '--quarter', '2025Q1']);
  await oise(['report', '--dir', region, '--quarter', '2025Q1', '--out', join(base, 'rapports')]);
  return { national, region, cercle };
}

/** The figures a region's CSR reads (`oise query --json`), unit by unit. */
async function figures(oise: Oise, region: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const indicator of ['SAN_CSCOM', 'SAN_CSCOM_FONCT'])
    for (const unit of ['ML04', 'ML0401', 'ML040101', 'ML040106'])
      out.push(
        JSON.parse(
          await oise([
            'query',
            '--dir',
            region,
            '--indicator',
            indicator,
            '--unit',
            unit,
            '--period',
            '2025Q1',
            '--json',
          ]),
        ),
      );
  return out;
}

/**
 * `oise status --json` less the SQLite engine it names (which it gives apart, as `driver`), and
 * the database's own check (`PRAGMA integrity_check`), read by one command line.
 */
async function statusOf(
  oise: Oise,
  dir: string,
): Promise<{ status: unknown; driver: string; integrity: string[] }> {
  const { sqlite, ...status } = JSON.parse(await oise(['status', '--dir', dir, '--json'])) as {
    sqlite: { driver: string };
  };
  return { status, driver: sqlite.driver, integrity: inspectDatabaseFile(join(dir, 'node.sqlite')).problems };
}

beforeAll(async () => {
  const cacheDir = join(REPO, 'node_modules', '.cache', 'oise-portable');
  for (const platform of ['linux-x64', 'win-x64'] as const)
    builds.set(platform, await buildPortable(platform, { repo: REPO, out: join(root, 'dist'), cacheDir }));
  // The folder as a user has it: its zip unzipped away from the repository and its build.
  const unzipped = extractZip(builds.get('linux-x64')!.zip!, join(root, 'poste'));
  expect(unzipped[0]).toBe('oise-linux-x64/');
  launcher = join(root, 'poste', 'oise-linux-x64', 'oise');
  for (const file of [launcher, join(root, 'poste', 'oise-linux-x64', 'runtime', 'node')])
    expect(statSync(file).mode & 0o111, `${file} exécutable`).toBe(0o111);
  emptyPath = join(root, 'vide');
  mkdirSync(emptyPath);
}, 240_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('pnpm package: oise-linux-x64, run where there is no Node, pnpm nor compiler', () => {
  it('does the quarter with an empty PATH, and its figures are the workspace build’s', async () => {
    const env = portableEnv();
    expect(readdirSync(env.PATH)).toEqual([]);
    const mine = await quarterScene(portable, join(root, 'portable'));
    const theirs = await quarterScene(workspace, join(root, 'workspace'));
    const reports = readdirSync(join(root, 'portable', 'rapports'));
    expect(reports.some((f) => f.endsWith('.xlsx'))).toBe(true);
    expect(reports.some((f) => f.endsWith('.png'))).toBe(true);
    expect(reports.sort()).toEqual(readdirSync(join(root, 'workspace', 'rapports')).sort());
    const portableFigures = await figures(portable, mine.region);
    expect(portableFigures).toEqual(await figures(workspace, theirs.region));
    expect(portableFigures[0]).toMatchObject({ value: 6 });
  });

  it('serves the node’s pages (oise ui), the application’s assets from the folder', async () => {
    const region = join(root, 'portable', 'ML04');
    const ui = await spawnUi(region, [], NOW, { file: launcher, args: [], env: portableEnv() });
    try {
      const home = await fetch(`${ui.url}/`);
      expect(home.status).toBe(200);
      const html = await home.text();
      expect(html).toContain('<html lang="fr"');
      expect(html).toContain('ML04');
      // The scripts the web reads from node_modules at run time: chart.js's UMD file, d3's.
      for (const [asset, word] of [
        ['/static/oise.css', 'body'],
        ['/static/chart.js', 'Chart'],
        ['/static/d3-array.min.js', 'd3'],
        ['/static/d3-geo.min.js', 'geoPath'],
      ] as const) {
        const response = await fetch(`${ui.url}${asset}`);
        expect(response.status, asset).toBe(200);
        expect(await response.text(), asset).toContain(word);
      }
    } finally {
      await ui.stop();
    }
    // What double-clicking « Ouvrir OISE.cmd » does the first time: `oise ui` on a node folder
    // that does not exist yet serves the first start.
    const first = await spawnUi(join(root, 'home', 'nouveau', 'noeud'), [], NOW, {
      file: launcher,
      args: [],
      env: portableEnv(),
    });
    try {
      const page = await fetch(`${first.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/Premier démarrage d(&#39;|')OISE/);
    } finally {
      await first.stop();
    }
  });

  it('one node folder, used by the workspace (better-sqlite3) and the folder (node:sqlite) in turn', async () => {
    const region = join(root, 'workspace', 'ML04');
    const same = (
      a: { status: unknown; integrity: string[] },
      b: { status: unknown; integrity: string[] },
    ) => {
      expect(a.integrity).toEqual([]);
      expect(b.integrity).toEqual([]);
      expect(a.status).toEqual(b.status);
    };
    const before = await statusOf(workspace, region);
    expect(before.driver).toBe('better-sqlite3');
    const byPortable = await statusOf(portable, region);
    expect(byPortable.driver).toBe('node:sqlite');
    same(before, byPortable);
    // Each writes in turn (a consolidation, a setting that status shows); the other reads it.
    await portable(['consolidate', '--dir', region, '--quarter', '2025Q1']);
    await portable(['settings', '--dir', region, 'backup.keep', '14']);
    const afterPortable = await statusOf(workspace, region);
    expect(afterPortable.status).toMatchObject({ backups: { keep: 14 } });
    same(await statusOf(portable, region), afterPortable);
    await workspace(['consolidate', '--dir', region, '--quarter', '2025Q1']);
    await workspace(['settings', '--dir', region, 'backup.keep', '9']);
    const afterWorkspace = await statusOf(portable, region);
    expect(afterWorkspace.status).toMatchObject({ backups: { keep: 9 } });
    same(await statusOf(workspace, region), afterWorkspace);
    // And the other way: a folder the portable build made, opened by the workspace.
    const cercle = join(root, 'portable', 'ML0401');
    same(await statusOf(portable, cercle), await statusOf(workspace, cercle));
  });

  it('keeps the node folder apart from the application (default under HOME), so a new zip unzips over it', async () => {
    await portable(['init', '--level', 'national', '--code', 'ML']);
    const folder = join(root, 'home', '.local', 'share', 'oise', 'noeud');
    expect(existsSync(join(folder, 'node.sqlite'))).toBe(true);
    expect(listTree(join(root, 'poste', 'oise-linux-x64')).some((e) => e.path.endsWith('node.sqlite'))).toBe(
      false,
    );
    const before = await portable(['status', '--json']);
    // Upgrading: the new folder unzipped over the old one; the node, elsewhere, is as it was.
    extractZip(builds.get('linux-x64')!.zip!, join(root, 'poste'));
    expect(await portable(['status', '--json'])).toBe(before);
    expect(JSON.parse(before)).toMatchObject({ node: { code: 'ML', level: 'national' } });
  });
});

describe('pnpm package: upgrading', () => {
  it('a node of an older OISE is migrated when the folder first opens it', async () => {
    const dir = join(root, 'ancien', 'ML');
    mkdirSync(dir, { recursive: true });
    const older = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0010'));
    const { db, close } = await openDatabase(join(dir, 'node.sqlite'), { migrate: false });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => older } });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    await db
      .insertInto('node_info')
      .values({ id: 1, code: 'ML', level: 'national', parent_code: null, created_at: NOW })
      .execute();
    await close();
    expect(inspectDatabaseFile(join(dir, 'node.sqlite')).schemaVersion).toBe(
      Object.keys(older).sort().at(-1),
    );
    const { status } = await statusOf(portable, dir);
    expect(status).toMatchObject({ node: { code: 'ML', level: 'national' } });
    const after = inspectDatabaseFile(join(dir, 'node.sqlite'));
    expect(after.problems).toEqual([]);
    expect(after.migrations).toEqual(Object.keys(MIGRATIONS).sort());
  });
});

describe('pnpm package: what both folders hold', () => {
  it.each(['linux-x64', 'win-x64'] as const)(
    '%s: zip ≤ 90 MB, no names differing by case, launchers name its files',
    (platform) => {
      const build = builds.get(platform)!;
      expect(build.zipBytes!).toBeLessThanOrEqual(90 * 1e6);
      const zip = readFileSync(build.zip!);
      // The end of the central directory: its count of entries is the folder's, plus the folder itself.
      const entries = zip.readUInt16LE(zip.length - 22 + 10);
      const tree = listTree(build.folder);
      expect(entries).toBe(tree.length + 1);
      expect(caseClashes(tree.map((e) => e.path))).toEqual([]);
      const paths = new Set(tree.map((e) => e.path));
      for (const l of launcherFiles(platform)) {
        const text = readFileSync(join(build.folder, l.name), 'utf8');
        const targets = launcherTargets(text);
        expect(targets.length, l.name).toBeGreaterThan(0);
        for (const t of targets) expect(paths.has(t), `${l.name} → ${t}`).toBe(true);
      }
      for (const file of [
        'app/node_modules/@oise/reports/regional-synthesis.json',
        'app/fixtures/indicateurs.csv',
      ])
        expect(paths.has(file), file).toBe(true);
      expect([...paths].some((p) => p.includes('better-sqlite3'))).toBe(false);
    },
  );

  it('win-x64: node.exe and every .node are PE files; the launchers run node.exe and oise.cmd', () => {
    const build = builds.get('win-x64')!;
    const binaries = listTree(build.folder).filter((e) => /\.(exe|node)$/.test(e.path));
    expect(binaries.map((e) => e.path).sort()).toEqual([
      'app/node_modules/@napi-rs/canvas-win32-x64-msvc/skia.win32-x64-msvc.node',
      PLATFORMS['win-x64'].node.target,
    ]);
    for (const b of binaries) expect(notPeReason(join(build.folder, b.path)), b.path).toBeUndefined();
    // The Linux folder's binaries are not PE files: the check tells them apart.
    expect(notPeReason(join(builds.get('linux-x64')!.folder, PLATFORMS['linux-x64'].node.target))).toMatch(
      /MZ/,
    );
    const cmd = readFileSync(join(build.folder, 'oise.cmd'), 'utf8');
    expect(cmd).toContain('\r\n');
    expect(launcherTargets(cmd)).toEqual(['runtime/node.exe', 'app/packages/cli/dist/oise.mjs']);
    expect(cmd).toContain('set "OISE_SQLITE_DRIVER=node"');
    expect(cmd).toContain('%LOCALAPPDATA%\\OISE\\noeud');
    const open = readFileSync(join(build.folder, 'Ouvrir OISE.cmd'), 'utf8');
    expect(launcherTargets(open)).toEqual(['oise.cmd']);
    expect(open).toMatch(/oise\.cmd" ui --dir "%OISE_NODE%" --open/);
  });
});
