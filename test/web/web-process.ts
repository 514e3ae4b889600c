import { spawn } from 'node:child_process';
import { CLI, type UiProcess, spawnUi } from './ui-process.js';
import { SCENE_NOW } from './web-scene.js';

export type { UiProcess } from './ui-process.js';

/**
 * Starts the real `oise ui` on a free port (see ui-process.ts) and waits for its first line, the
 * address; the pages' date is the scenes' unless `now` is given.
 */
export function startUi(dir: string, args: string[] = [], now = SCENE_NOW): Promise<UiProcess> {
  return spawnUi(dir, args, now);
}

/** `oise …` as its own process, with `input` on its stdin (`--password-stdin`), `OISE_NOW` pinned. */
export function oiseWithInput(
  args: string[],
  input: string,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, OISE_NOW: SCENE_NOW },
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('close', (code) => resolve({ code, stderr }));
    child.stdin.end(input);
  });
}
