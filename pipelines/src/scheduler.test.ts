import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { startScheduler } from './scheduler.js';

const CLI = fileURLToPath(new URL('../../packages/cli/src/main.ts', import.meta.url));

describe('scheduler', () => {
  test('wakes the reconciler at start-up, then every morning in Bamako', async () => {
    const wakes: string[] = [];
    const scheduler = await startScheduler(async (reason) => {
      wakes.push(reason);
    });
    expect(wakes).toEqual(['start-up']);
    const next = scheduler.nextRuns(3);
    expect(next).toHaveLength(3);
    for (const date of next) expect(date.toISOString().slice(11, 16)).toBe('06:30');
    await scheduler.stop();
    await expect(startScheduler(async () => {}, 'tous les matins')).rejects.toMatchObject({
      name: 'OiseError',
      code: 'SCHEDULE_INVALID',
      message: 'Planification « tous les matins » invalide : utilisez une expression cron à 5 champs.',
    });
  });

  test('oise run stays up after its start-up pass and stops cleanly on SIGTERM', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    await node.close();
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'run', '--dir', join(tmp, 'ML0401')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('(Ctrl+C pour arrêter)')) resolve();
      });
      child.on('exit', () => reject(new Error(`oise run s'est arrêté : ${out}`)));
    });
    expect(out).toMatch(/Passage cercle ML0401/);
    expect(out).toMatch(/Passage \(démarrage\) : rien de nouveau/);
    // The next wake-up as a person reads it, Bamako time, never an ISO timestamp.
    expect(out).toMatch(/Prochain passage : \d{1,2}(er)? [a-zéû]+ \d{4} à 06:30, heure de Bamako \(Ctrl\+C/);
    expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    const code = await new Promise<number | null>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});
