import { loadHierarchy } from '@oise/catalog';
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
  const count = async (table: 'indicator' | 'data_value') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('deleted', '=', 0)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const periods = await db
    .selectFrom('data_value')
    .select('period')
    .distinct()
    .where('deleted', '=', 0)
    .orderBy('period')
    .execute();
  const keys = await db.selectFrom('trusted_key').selectAll().orderBy('node_code').execute();
  return {
    node: {
      code: identity.code,
      level: identity.level,
      parentCode: identity.parentCode,
      name: hierarchy.get(identity.code)?.name ?? null,
    },
    territory,
    indicators: await count('indicator'),
    dataValues: await count('data_value'),
    periods: periods.map((p) => p.period),
    neighbours: keys.map((k) => ({
      code: k.node_code,
      relation: k.relation,
      level: k.level,
      fingerprint: k.fingerprint,
      revoked: k.revoked_at !== null,
    })),
  };
}
