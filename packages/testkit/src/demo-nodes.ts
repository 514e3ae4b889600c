import { join } from 'node:path';
import { importTerritory, readTerritoryFile } from '@oise/catalog';
import { type Node, enroll, initNode, writePublicIdentity } from '@oise/node';
import { openDatabase } from '@oise/store';
import { FIXTURES } from './paths.js';

export const TEST_NOW = '2025-04-10T09:00:00.000Z';

/**
 * A node for tests, with the demo territory already loaded (as a DOWN bundle would bring it),
 * so that entry, consolidation and reports can be tested without the sync layer.
 */
export async function makeTestNode(
  root: string,
  level: 'national' | 'region' | 'cercle',
  code: string,
  options: { territoryFile?: string; now?: string } = {},
): Promise<Node> {
  const now = options.now ?? TEST_NOW;
  const node = await initNode({ dir: join(root, code), level, code, now });
  const units = readTerritoryFile(
    options.territoryFile ?? FIXTURES.demoTerritory,
    node.identity.nationalCode,
  );
  await importTerritory(node.db, units, { owner: node.identity.nationalCode, now });
  return node;
}

/** Parent and child enrol each other's public key (written under `root`), as `oise key enroll` would. */
export async function linkTestNodes(root: string, parent: Node, child: Node, now = TEST_NOW): Promise<void> {
  const p = join(root, `${parent.identity.code}.json`);
  const c = join(root, `${child.identity.code}.json`);
  writePublicIdentity(parent, p);
  writePublicIdentity(child, c);
  await enroll(parent, c, now);
  await enroll(child, p, now);
}

/** A bare node database (schema only, no identity) in `dir`. */
export async function openTestDatabase(dir: string) {
  return openDatabase(join(dir, 'node.sqlite'));
}
