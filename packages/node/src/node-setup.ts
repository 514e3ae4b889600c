import { loadHierarchy } from '@oise/catalog';
import { trustedNeighbours } from './enrolment.js';
import type { Node } from './node-folder.js';

/**
 * How far a new node is set up, after `oise init` (or the first start of `oise ui`):
 *
 *   created ─▶ (cercle, region) its parent enrolled, from the parent's starter package
 *           ─▶ (national) the territory imported
 *
 * `communes` counts the communes of the node's own territory (0 until the territory arrives, by
 * the starter package or the parent's bundles; at national, by `oise territory import`).
 */
export interface SetupState {
  /** The parent and, once enrolled, the fingerprint of its key (null at national). */
  parent: { code: string; fingerprint: string | null } | null;
  communes: number;
  /** Direct children whose key is enrolled. */
  children: number;
  /** The step that makes the node usable is done: parent enrolled, or (national) territory imported. */
  ready: boolean;
}

/** Reads a node's set-up state (see `SetupState`); nothing is written. */
export async function setupState(node: Node): Promise<SetupState> {
  const { code, parentCode } = node.identity;
  const keys = await trustedNeighbours(node);
  const hierarchy = await loadHierarchy(node.db);
  const communes = hierarchy.descendantsAt(code, 'commune').length;
  const parentKey = parentCode
    ? keys.find((k) => k.node_code === parentCode && k.relation === 'parent')
    : undefined;
  const parent = parentCode ? { code: parentCode, fingerprint: parentKey?.fingerprint ?? null } : null;
  return {
    parent,
    communes,
    children: keys.filter((k) => k.relation === 'child').length,
    ready: parent ? parent.fingerprint !== null : communes > 0,
  };
}
