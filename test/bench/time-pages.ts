/*
 * Times a few pages of the bench's national node in process, without the whole bench:
 *   node --import tsx test/bench/time-pages.ts --work DIR [--scale 1] PATH…
 * DIR is a `pnpm bench --keep --work DIR` folder, or one where the steps seed, consolidate-full,
 * ingest and consolidate-incremental ran (`node --import tsx test/bench/step.ts <step> '<json>'`).
 * Prints each path's server time as the `web-pages` step measures it (first, median of 15) and
 * its HTML size, and the median CPU time of the process per request: on a machine shared with
 * other work the wall time grows with the load, the CPU time much less.
 */
import { parseArgs } from 'node:util';
import { openNode } from '@oise/node';
import { stepPaths } from './steps/national-steps.js';
import { HOST, benchApp, median, timePages } from './steps/web-steps.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { work: { type: 'string' }, scale: { type: 'string', default: '1' } },
});
if (!values.work || positionals.length === 0) {
  console.error('usage: time-pages.ts --work DIR [--scale 1] PATH…');
  process.exit(2);
}
const node = await openNode(stepPaths(values.work, Number(values.scale)).ingested);
try {
  const times = await timePages(node, positionals);
  const app = benchApp(node);
  for (const [path, t] of Object.entries(times)) {
    const cpu: number[] = [];
    for (let i = 0; i < 15; i++) {
      const c0 = process.cpuUsage();
      await (await app.request(path, { headers: HOST })).text();
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    console.log(
      `${path}: first ${(t.firstSeconds * 1000).toFixed(1)} ms, median ${(t.medianSeconds * 1000).toFixed(1)} ms, CPU median ${median(cpu).toFixed(1)} ms, ${(t.bytes / 1024).toFixed(0)} KB`,
    );
  }
} finally {
  await node.close();
}
