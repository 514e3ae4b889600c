import { liveValueCount, loadHierarchy, periodsWithData } from '@oise/catalog';
import type { NodeLevel, OrgUnitLevel } from '@oise/core';
import type { Node } from './node-folder.js';

/** The node at a glance, as `oise status --json` prints it. Counts are always present. */
export interface NodeStatus {
  node: { code: string; level: NodeLevel; parentCode: string | null; name: string | null };
  territory: Record<OrgUnitLevel, number>;
  indicators: number;
  dataValues: number;
  periods: string[];
  neighbours: {
    code: string;
    relation: 'parent' | 'child';
    level: string;
    fingerprint: string;
    revoked: boolean;
  }[];
}

export async function getNodeStatus(node: Node): Promise<NodeStatus> {
  const { db, identity } = node;
  const hierarchy = await loadHierarchy(db);
  const territory = hierarchy.countByLevel();
  const indicators = await db
    .selectFrom('indicator')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted', '=', 0)
    .executeTakeFirstOrThrow();
  const periods = await periodsWithData(db);
  const keys = await db.selectFrom('trusted_key').selectAll().orderBy('node_code').execute();
  return {
    node: {
      code: identity.code,
      level: identity.level,
      parentCode: identity.parentCode,
      name: hierarchy.get(identity.code)?.name ?? null,
    },
    territory,
    indicators: Number(indicators.n),
    dataValues: await liveValueCount(db),
    periods,
    neighbours: keys.map((k) => ({
      code: k.node_code,
      relation: k.relation,
      level: k.level,
      fingerprint: k.fingerprint,
      revoked: k.revoked_at !== null,
    })),
  };
}
