import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { queryFigure } from '@oise/consolidate';
import { withNode } from '@oise/node';
import { buildDemoCountry, enteredKey, runOise } from '@oise/pipelines/demo';
import { SYNCED_TABLES } from '@oise/schema';
import { SHARED_DATA, makeTempDir } from '@oise/testkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * A country's quarters end to end: separate node folders, every command its own process,
 * bundles carried by a courier. Two regions, six cercles, two quarters, one quarter returned by
 * a CSR and corrected, one cercle late, and national's pass killed midway once.
 */
const BUILD = fileURLToPath(new URL('../packages/cli/build.mjs', import.meta.url));
const QUARTERS = ['2025Q1', '2025Q2'];

async function dumpTables(dir: string): Promise<string> {
  return withNode(dir, async (node) => {
    const parts: string[] = [];
    for (const table of Object.keys(SYNCED_TABLES)) {
      const rows = await sql<
        Record<string, unknown>
      >`select * from ${sql.table(table)} order by 1, 2, 3`.execute(node.db);
      parts.push(`${table}:${createHash('sha256').update(JSON.stringify(rows.rows)).digest('hex')}`);
    }
    return parts.join('\n');
  });
}

async function figures(dir: string): Promise<string> {
  return withNode(dir, async (node) => {
    const rows = await node.db
      .selectFrom('aggregate_value')
      .select([
        'indicator_code',
        'org_unit_code',
        'period',
        'category',
        'source',
        'value',
        'reporting',
        'expected',
        'on_time',
      ])
      .orderBy('indicator_code')
      .orderBy('org_unit_code')
      .orderBy('period')
      .orderBy('category')
      .orderBy('source')
      .execute();
    const docs = await node.db
      .selectFrom('document')
      .select(['id', 'sha256', 'deleted'])
      .orderBy('id')
      .execute();
    return JSON.stringify({ rows, docs });
  });
}

function outboxFiles(dir: string): string[] {
  const outbox = join(dir, 'outbox');
  return existsSync(outbox)
    ? readdirSync(outbox).flatMap((r) => readdirSync(join(outbox, r)).map((f) => `${r}/${f}`))
    : [];
}

interface PassRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** What the pass printed (one line per step done), up to its end or its kill. */
  output: string;
}

/**
 * `oise run --once` on `dir` as its own process; with `killAt`, SIGKILLed the moment a line it
 * prints matches, so the kill lands at a known step of the pass, not after a guessed delay.
 */
function runPass(dir: string, now: string, killAt?: RegExp): Promise<PassRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.env.OISE_CLI!, 'run', '--dir', dir, '--once'], {
      env: { ...process.env, OISE_NOW: now },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (killAt?.test(output) && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, output }));
  });
}

/** The outcome of the node's latest pass, as its pipeline_run record says. */
function lastPassOutcome(dir: string): Promise<string | undefined> {
  return withNode(dir, async (node) => {
    const run = await node.db
      .selectFrom('pipeline_run')
      .select('outcome')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return run?.outcome;
  });
}

/** The lines of two steps done: national's pass consolidates, then publishes the reports. */
const CONSOLIDATED = /^ {2}[✓·] Consolidation\b/m;
const PUBLISHED = /^ {2}[✓·] Publication des rapports nationaux\b/m;

describe('a country plays its quarters end to end', () => {
  const root = makeTempDir('oise-country-');
  let country: Awaited<ReturnType<typeof buildDemoCountry>>;
  let twinFigures = '';
  let twin: PassRun | undefined;
  let killed: PassRun | undefined;
  let killedOutcome: string | undefined;

  beforeAll(async () => {
    // The compiled command line, built afresh for this test (every command is a process).
    const out = join(fileURLToPath(new URL('../packages/cli/', import.meta.url)), `.build-${process.pid}`);
    execFileSync(process.execPath, [BUILD, out]);
    process.env.OISE_CLI = join(out, 'oise.mjs');
    country = await buildDemoCountry({
      root,
      quarters: QUARTERS,
      regions: ['ML03', 'ML04'],
      returnIn: '2025Q2',
      lateIn: '2025Q1',
      boundaries: SHARED_DATA.regionsGeojson,
      async beforeNationalPass(period, dir, now) {
        if (period !== '2025Q2') return;
        // A twin of the national folder runs the pass uninterrupted; the real one is killed
        // once its consolidation is done (in the middle of publishing the reports), and the
        // demo's own pass then starts it again.
        const twinDir = join(root, 'national-twin');
        cpSync(dir, twinDir, { recursive: true });
        twin = await runPass(twinDir, now);
        killed = await runPass(dir, now, CONSOLIDATED);
        killedOutcome = await lastPassOutcome(dir);
        twinFigures = await figures(twinDir);
      },
    });
  }, 600_000);

  afterAll(() => {
    const cli = process.env.OISE_CLI;
    if (cli) rmSync(dirname(cli), { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  it('national totals equal the sum of what the cercles entered in their workbooks', async () => {
    const sums = new Map<string, number>();
    for (const v of country.entered.values()) {
      const key = `${v.indicator}|${v.period}`;
      sums.set(key, (sums.get(key) ?? 0) + v.value);
    }
    const summed = country.catalog.filter((d) => d.aggregation === 'sum' && d.valueType !== 'boolean');
    expect(summed.length).toBeGreaterThan(50);
    await withNode(country.nodes.national, async (node) => {
      for (const period of QUARTERS) {
        for (const def of summed) {
          const answer = await queryFigure(node.db, { indicator: def.code, unit: 'ML', period });
          // Entered values have at most one decimal: compare at 1e-4 (the float sum here drifts).
          const expected = Math.round((sums.get(`${def.code}|${period}`) ?? 0) * 1e4) / 1e4;
          expect(Math.round((answer.value ?? 0) * 1e4) / 1e4, `${def.code} ${period}`).toBe(expected);
          expect(answer.expected).toBe(30);
          expect(answer.reporting).toBe(30);
        }
      }
      // The correction of the returned quarter is what national holds.
      const corrected = [...country.entered.values()].find(
        (v) => v.indicator === 'SAN_CPN' && v.period === '2025Q2',
      );
      expect(corrected).toBeDefined();
      const commune = await queryFigure(node.db, {
        indicator: 'SAN_CPN',
        unit: corrected!.commune,
        period: '2025Q2',
      });
      expect(commune.value).toBe(
        country.entered.get(enteredKey(corrected!.commune, 'SAN_CPN', '2025Q2', ''))!.value,
      );
      // The late cercle counts as reporting, not on time, in Q1.
      const q1 = await queryFigure(node.db, { indicator: 'SAN_CPN', unit: 'ML', period: '2025Q1' });
      expect(q1.onTime).toBe(25);
    });
  });

  it('every region and cercle holds the national documents, byte for byte', async () => {
    const published = await withNode(country.nodes.national, (node) =>
      node.db
        .selectFrom('document')
        .select(['period', 'file_name', 'sha256'])
        .where('deleted', '=', 0)
        .execute(),
    );
    expect(published.some((d) => d.file_name.endsWith('.xlsx'))).toBe(true);
    expect(published.some((d) => d.file_name.endsWith('.png'))).toBe(true);
    expect(new Set(published.map((d) => d.period))).toEqual(new Set(QUARTERS));
    for (const dir of [...country.nodes.regions.values(), ...country.nodes.cercles.values()]) {
      for (const doc of published) {
        const file = join(dir, 'reports', 'national', doc.period, doc.file_name);
        expect(existsSync(file), file).toBe(true);
        expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(doc.sha256);
      }
    }
  });

  it("national's pass killed midway, then run again, gives the figures of an uninterrupted pass", async () => {
    // Uninterrupted, the pass consolidates and then publishes.
    expect(twin?.code, twin?.output).toBe(0);
    expect(twin?.output).toMatch(CONSOLIDATED);
    expect(twin?.output).toMatch(PUBLISHED);
    // Killed by SIGKILL after its consolidation, before its publication was done: its run record
    // still says `running`.
    expect(killed?.signal, killed?.output).toBe('SIGKILL');
    expect(killed?.output).toMatch(CONSOLIDATED);
    expect(killed?.output).not.toMatch(PUBLISHED);
    expect(killedOutcome).toBe('running');
    expect(await figures(country.nodes.national)).toBe(twinFigures);
  });

  it("running every node's pass again changes nothing", async () => {
    const nodes = [...country.nodes.all.values()];
    const before = await Promise.all(nodes.map(dumpTables));
    for (const dir of nodes) {
      const run = runOise(['run', '--dir', dir, '--once', '--json'], {
        OISE_NOW: '2025-08-20T08:00:00.000Z',
      });
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).outcome).toBe('nothing-to-do');
    }
    const after = await Promise.all(nodes.map(dumpTables));
    expect(after).toEqual(before);
    for (const dir of nodes) expect(outboxFiles(dir)).toEqual([]);
  });
});
