import { type UiProcess, spawnUi } from './ui-process.js';
import { SCENE_NOW } from './web-scene.js';

export type { UiProcess } from './ui-process.js';

/**
 * Starts the real `oise ui` on a free port (see ui-process.ts) and waits for its first line, the
 * address; the pages' date is the scenes' unless `now` is given.
 */
export function startUi(dir: string, args: string[] = [], now = SCENE_NOW): Promise<UiProcess> {
  return spawnUi(dir, args, now);
}
