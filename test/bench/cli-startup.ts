import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../packages/cli/bin/oise.mjs', import.meta.url));

function timeRuns(args: string[], runs: number): { medianSeconds: number; exitCode: number | null } {
  const times: number[] = [];
  let exitCode: number | null = 0;
  spawnSync(process.execPath, args, { stdio: 'ignore' }); // warm the file cache
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    times.push((performance.now() - t0) / 1000);
    if (r.status !== 0) exitCode = r.status;
  }
  times.sort((a, b) => a - b);
  return { medianSeconds: times[Math.floor(times.length / 2)] as number, exitCode };
}

/** Whole-process start-up of the compiled `oise` bin against bare Node (median of `runs`). */
export function cliStartup(nodeDir: string, runs = 10) {
  const bare = timeRuns(['-e', '0'], runs);
  const status = timeRuns([BIN, 'status', '--dir', nodeDir, '--json'], runs);
  const query = timeRuns(
    [
      BIN,
      'query',
      '--dir',
      nodeDir,
      '--indicator',
      'SAN_CONSULT_CURATIVES',
      '--unit',
      'ML',
      '--period',
      '2024Q4',
      '--json',
    ],
    runs,
  );
  if (status.exitCode !== 0 || query.exitCode !== 0)
    throw new Error('oise status/query failed during the start-up bench');
  return {
    runs,
    bareNodeSeconds: bare.medianSeconds,
    statusSeconds: status.medianSeconds,
    querySeconds: query.medianSeconds,
  };
}
