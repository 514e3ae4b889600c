import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { runCliCaptured } from './run-cli.js';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

/**
 * Runs `oise …` as a real process whose stdout is a pipe that the reader closes: at once
 * (`| head -0`: the very first write meets EPIPE) or after the first line (`| head -1`).
 */
function oiseIntoClosedPipe(
  args: string[],
  closeAfter: 'nothing' | 'first-line',
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; read: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let read = '';
  let stderr = '';
  if (closeAfter === 'nothing') child.stdout.destroy();
  else
    child.stdout.on('data', (chunk: Buffer) => {
      read += chunk.toString('utf8');
      if (read.includes('\n')) child.stdout.destroy();
    });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, read }));
  });
}

async function cercleWithValues(tmp: string): Promise<string> {
  const node = await makeTestNode(tmp, 'cercle', 'ML0401');
  await node.close();
  const dir = join(tmp, 'ML0401');
  const csv = join(tmp, 'valeurs.csv');
  writeFileSync(
    csv,
    'code_collectivite;code_indicateur;periode;categorie;valeur\nML040101;SAN_CSCOM;2025T1;;4\nML040106;SAN_CSCOM;2025T1;;3\n',
  );
  const imported = await runCliCaptured(['import', '--dir', dir, csv], { OISE_NOW: '2025-04-10T09:00:00Z' });
  expect(imported.code).toBe(0);
  return dir;
}

async function quarterStatus(dir: string): Promise<{ unit: string; period: string; status: string }[]> {
  const status = await runCliCaptured(['status', '--dir', dir, '--json'], {
    OISE_NOW: '2025-04-20T09:00:00Z',
  });
  return JSON.parse(status.stdout).quarters;
}

describe('output piped into a reader that stops early (oise … | head)', () => {
  test('oise indicators list | head: exit 0, no stack, nothing on stderr', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    await node.close();
    const run = await oiseIntoClosedPipe(['indicators', 'list', '--dir', join(tmp, 'ML0401')], 'nothing', {});
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  test('oise quarter submit | head: the quarter is submitted all the same, exit 0, quiet', async ({
    tmp,
  }) => {
    const dir = await cercleWithValues(tmp);
    const run = await oiseIntoClosedPipe(
      ['quarter', 'submit', '--dir', dir, '--quarter', '2025T1'],
      'nothing',
      {
        OISE_NOW: '2025-04-12T09:00:00Z',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await quarterStatus(dir)).toEqual([
      expect.objectContaining({ unit: 'ML0401', period: '2025Q1', status: 'submitted' }),
    ]);
  });

  test('oise run --once | head -1: the pass runs to its end (the quarter goes up on its due date), exit 0, quiet', async ({
    tmp,
  }) => {
    const dir = await cercleWithValues(tmp);
    const run = await oiseIntoClosedPipe(['run', '--dir', dir, '--once'], 'first-line', {
      OISE_NOW: '2025-04-20T09:00:00Z',
    });
    expect(run.read).toMatch(/^Passage cercle ML0401 — /);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await quarterStatus(dir)).toEqual([
      expect.objectContaining({ period: '2025Q1', status: 'submitted' }),
    ]);
    const last = JSON.parse(
      (await runCliCaptured(['status', '--dir', dir, '--json'], { OISE_NOW: '2025-04-20T09:00:00Z' })).stdout,
    ).lastRun;
    expect(last.outcome).toBe('success');
  });
});
