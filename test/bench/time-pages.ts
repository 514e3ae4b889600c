/*
 * Times a few pages of the bench's national node in process, without the whole bench:
 *   node --import tsx test/bench/time-pages.ts --work DIR [--scale 1] PATH…
 * DIR is a `pnpm bench --keep --work DIR` folder, or one where the steps seed, consolidate-full,
 * ingest and consolidate-incremental ran (`test/bench/step.ts`). Prints each path's first and
 * median server time (of 15) and its HTML size, as the `web-pages` step measures them.
 */
import { parseArgs } from 'node:util';
import { openNode } from '@oise/node';
import { stepPaths } from './steps/national-steps.js';
import { timePages } from './steps/web-steps.js';

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
  for (const [path, t] of Object.entries(times))
    console.log(
      `${path}: first ${(t.firstSeconds * 1000).toFixed(1)} ms, median ${(t.medianSeconds * 1000).toFixed(1)} ms, ${(t.bytes / 1024).toFixed(0)} KB`,
    );
} finally {
  await node.close();
}
