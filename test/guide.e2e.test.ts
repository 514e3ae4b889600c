import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readIndicatorCatalog } from '@oise/catalog';
import { demoValues } from '@oise/pipelines/demo';
import { REPO_ROOT, SHARED_DATA, makeTempDir } from '@oise/testkit';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRecords } from '../pipelines/src/demo/demo-records.js';
import { fillEntryWorkbook } from '../pipelines/src/demo/fill-workbook.js';
import { type GuideStep, guideSteps } from './guide-steps.js';

/*
 * GUIDE.md followed literally, from an empty folder to the national reports received back at a
 * cercle: the marked ```sh blocks of the guide (see guide-steps.ts for the convention) run in
 * order, as written, in one working folder, each `oise` a process of the compiled command line.
 * Later edits of the guide are what this test runs; it checks what the guide promises.
 */
const GUIDE = readFileSync(join(REPO_ROOT, 'GUIDE.md'), 'utf8');
const BUILD = fileURLToPath(new URL('../packages/cli/build.mjs', import.meta.url));

interface Ran {
  step: GuideStep;
  stdout: string;
  stderr: string;
}

/** The value of `--name` in a command line of the guide (quoted or not). */
function option(command: string, name: string): string | undefined {
  const m = new RegExp(`--${name}\\s+(?:"([^"]*)"|'([^']*)'|(\\S+))`).exec(command);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/** Every command line of the run steps, with the step that ran it. */
function commands(ran: readonly Ran[]): { line: string; ran: Ran }[] {
  return ran.flatMap((r) =>
    r.step.kind === 'run'
      ? r.step.script
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line && !line.startsWith('#'))
          .map((line) => ({ line, ran: r }))
      : [],
  );
}

async function sheetText(file: string, sheet: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet);
  if (!ws)
    throw new Error(`${file} : pas de feuille « ${sheet} » (${wb.worksheets.map((w) => w.name).join(', ')})`);
  const out: string[] = [];
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      out.push(String(cell.text ?? ''));
    });
  });
  return out.join('\n');
}

/** The adviser at work: every commune × indicator of the workbook and the lists, plausibly. */
async function fillLikeAnAdviser(file: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const communes: string[] = [];
  let period = '';
  wb.getWorksheet('_oise')?.eachRow((row) => {
    const [kind, a, , c] = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => String(v ?? ''));
    if (kind === 'row' && c && !communes.includes(c)) communes.push(c);
    if (kind === 'quarter') period = a ?? '';
  });
  expect(communes.length, `${file} : communes du classeur`).toBeGreaterThan(0);
  const catalog = readIndicatorCatalog();
  const values = communes.flatMap((c) => demoValues(catalog, c, 0, 20250101));
  return fillEntryWorkbook(file, values, demoRecords(communes, period, 0, 20250101));
}

describe.skipIf(!SHARED_DATA.available)('GUIDE.md, followed literally (needs ../shared/data)', () => {
  const root = makeTempDir('oise-guide-');
  const work = join(root, 'travail');
  const bin = join(root, 'bin');
  const { steps, unmarked } = guideSteps(GUIDE);
  const ran: Ran[] = [];
  let buildDir = '';
  let seconds = 0;

  beforeAll(async () => {
    const started = Date.now();
    buildDir = join(
      fileURLToPath(new URL('../packages/cli/', import.meta.url)),
      `.build-guide-${process.pid}`,
    );
    execFileSync(process.execPath, [BUILD, buildDir]);
    mkdirSync(work, { recursive: true });
    mkdirSync(bin, { recursive: true });
    // `oise` and `pnpm oise` are the repository's command line, as the guide's readers type them.
    writeFileSync(
      join(bin, 'oise'),
      `#!/bin/sh\nexec "${process.execPath}" "${join(buildDir, 'oise.mjs')}" "$@"\n`,
    );
    writeFileSync(
      join(bin, 'pnpm'),
      '#!/bin/sh\nif [ "$1" = oise ]; then shift; exec oise "$@"; fi\necho "pnpm $1 : seul « pnpm oise » est prévu ici" >&2\nexit 127\n',
    );
    chmodSync(join(bin, 'oise'), 0o755);
    chmodSync(join(bin, 'pnpm'), 0o755);
    // The input files the guide names: Mali's shared data, read in place.
    symlinkSync(SHARED_DATA.communes, join(work, 'mali-communes.csv'));
    symlinkSync(SHARED_DATA.regionsGeojson, join(work, 'mali-regions.geojson'));

    for (const step of steps) {
      if (step.kind === 'fill') {
        const written = await fillLikeAnAdviser(join(work, step.file));
        ran.push({ step, stdout: `${written} cases remplies`, stderr: '' });
        continue;
      }
      const result = spawnSync('bash', ['-e', '-u', '-o', 'pipefail', '-c', step.script], {
        cwd: work,
        encoding: 'utf8',
        env: {
          ...process.env,
          PATH: `${bin}:${process.env.PATH ?? ''}`,
          OISE_NOW: new Date(`${step.at}Z`).toISOString(),
          OISE_LANG: 'fr',
        },
      });
      ran.push({ step, stdout: result.stdout, stderr: result.stderr });
      if (result.status !== 0)
        throw new Error(
          `GUIDE.md:${step.line} (« ${step.section} », ${step.at}) a échoué (code ${result.status}) :\n${step.script}\n--- sortie ---\n${result.stdout}\n--- erreurs ---\n${result.stderr}`,
        );
    }
    seconds = (Date.now() - started) / 1000;
  }, 300_000);

  afterAll(() => {
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  it('runs every command block of its walkthrough sections, in order, within three minutes', () => {
    expect(unmarked, 'blocs ```sh sans marqueur guide-test dans une section suivie par le test').toEqual([]);
    expect(steps.filter((s) => s.kind === 'run').length).toBeGreaterThanOrEqual(10);
    expect(ran).toHaveLength(steps.length);
    console.log(`GUIDE.md : ${steps.length} étapes en ${seconds.toFixed(0)} s`);
    expect(seconds).toBeLessThan(180);
  });

  const all = () => commands(ran);
  const cercleDir = () => {
    const init = all().find((c) => /^(pnpm )?oise init .*--level cercle/.test(c.line));
    expect(init, 'le guide crée un nœud de cercle').toBeDefined();
    return option(init!.line, 'dir')!;
  };

  it('sets a node up with one command on each side, both showing the parent fingerprint to compare by phone', () => {
    const cercle = cercleDir();
    const applied = all().find((c) => c.line.includes(`enroll --dir ${cercle} `) && /\.oise\b/.test(c.line));
    expect(applied, 'le cercle applique un paquet de démarrage').toBeDefined();
    const fingerprint = /Empreinte de (ML\d*) : (SHA256:[0-9a-f:]+)/.exec(applied!.ran.stdout);
    expect(fingerprint, applied!.ran.stdout).not.toBeNull();
    expect(applied!.ran.stdout).toMatch(/par téléphone/);
    // The parent's enrolment of the cercle's key printed the same fingerprint, with the same advice.
    const parentSide = ran.find(
      (r) =>
        r !== applied!.ran &&
        r.stdout.includes('Paquet de démarrage écrit') &&
        r.stdout.includes(fingerprint![2]!),
    );
    expect(parentSide, 'la commande du parent affiche la même empreinte').toBeDefined();
    expect(parentSide!.stdout).toMatch(/Par téléphone/);
    // And the first template right after works: the cercle's communes, no round trip.
    const template = all().find((c) => c.line.includes(`template --dir ${cercle}`));
    expect(template!.ran.stdout).toMatch(/Classeur écrit/);
  });

  it('shows the CCC the decision of the region and the note of the CSR', async () => {
    const cercle = cercleDir();
    const note = all().find((c) => /^(pnpm )?oise note /.test(c.line));
    expect(note, 'le guide fait écrire une note au CSR').toBeDefined();
    const text = option(note!.line, 'text')!;
    const status = all().find((c) => c.line.startsWith('oise status') && c.line.includes(`--dir ${cercle}`));
    expect(status, 'le guide fait lire oise status au CCC').toBeDefined();
    expect(status!.ran.stdout).toMatch(/Décisions et notes de la région/);
    expect(status!.ran.stdout).toMatch(
      /2025T1 \(1er trimestre 2025\) : validé par la région le \d+ \S+ 2025/,
    );
    expect(status!.ran.stdout).toContain(text);
    // The CCC's own report opens on them.
    const reports = readdirSync(join(work, cercle, 'reports'), { recursive: true, encoding: 'utf8' }).filter(
      (f) => /rapport-ccc-.*\.xlsx$/.test(f),
    );
    expect(reports.length, 'le rapport d’activité du CCC').toBeGreaterThan(0);
    const sheet = await sheetText(join(work, cercle, 'reports', reports[0]!), 'Décision du CSR');
    expect(sheet).toMatch(/validé/);
    expect(sheet).toContain(text);
    // And the next workbook, at the top of its instructions.
    const templates = all().filter((c) => c.line.includes(`template --dir ${cercle}`));
    const next = option(templates.at(-1)!.line, 'out')!;
    const instructions = await sheetText(join(work, next), 'Instructions');
    expect(instructions).toMatch(/Retour de la région/);
    expect(instructions).toMatch(/2025T1 \(1er trimestre 2025\) : validé par la région/);
    expect(instructions).toContain(text);
  });

  it('brings the national reports back to the cercle, byte for byte', () => {
    const cercle = cercleDir();
    const national = option(all().find((c) => /oise init .*--level national/.test(c.line))!.line, 'dir')!;
    const received = join(work, cercle, 'reports', 'national', '2025Q1');
    expect(existsSync(received), received).toBe(true);
    const files = readdirSync(received);
    expect(files.some((f) => f.endsWith('.xlsx'))).toBe(true);
    expect(files.some((f) => f.endsWith('.png'))).toBe(true);
    const published = readdirSync(join(work, national, 'reports'), { recursive: true, encoding: 'utf8' });
    const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    for (const f of files.filter((x) => x.endsWith('.xlsx'))) {
      const original = published.find((p) => p.endsWith(f));
      expect(original, f).toBeDefined();
      expect(sha(join(received, f))).toBe(sha(join(work, national, 'reports', original!)));
    }
  });
});
