import { consolidateAll } from '@oise/consolidate';
import type { Node } from '@oise/node';
import { TEST_NOW, makeTestNode } from '@oise/testkit';
import { seedReportData } from './report-seed.js';

/**
 * A test node of the demo territory, seeded over its own territory (`seedReportData`, the last
 * `quarters` quarters up to `quarter`) and consolidated: what the public site's tests start from.
 */
export async function seededNode(
  root: string,
  level: 'national' | 'region' | 'cercle',
  code: string,
  seed: { quarter: string; quarters: number },
): Promise<Node> {
  const node = await makeTestNode(root, level, code);
  await seedReportData(node.db, { root: code, ...seed, owner: code, now: TEST_NOW });
  await consolidateAll(node.db, { nodeCode: code, now: TEST_NOW });
  return node;
}
