import {
  type Hierarchy,
  type HierarchyUnit,
  type IndicatorDefinition,
  listIndicators,
  loadHierarchy,
} from '@oise/catalog';
import { type Quarter, formatQuarter, parseQuarter, quarterOf } from '@oise/core';
import type { Database } from '@oise/schema';
import { type QuarterLock, quarterLock } from '@oise/workflow';
import type { Kysely } from 'kysely';

export type NodeLevelName = 'cercle' | 'region' | 'national';

/** A node's level in French text (« un nœud régional »), never its code name. */
export const NODE_LEVEL_FR: Record<NodeLevelName, string> = {
  cercle: 'de cercle',
  region: 'régional',
  national: 'national',
};

/** Who imports: the node's code and level (rows are owned by the node and must lie in its territory). */
export interface EntryNode {
  code: string;
  level: NodeLevelName;
}

/** What validation reads once per import: the catalog, the territory per quarter, quarter locks. */
export interface EntryScope {
  db: Kysely<Database>;
  node: EntryNode;
  now: string;
  /** The quarter `now` falls in: later quarters are not open for entry yet. */
  currentQuarter: Quarter;
  catalog: Map<string, IndicatorDefinition>;
  hierarchyFor(period: string): Promise<Hierarchy>;
  lockFor(unit: string, period: string): Promise<QuarterLock | undefined>;
}

export async function loadEntryScope(
  db: Kysely<Database>,
  node: EntryNode,
  now: string,
): Promise<EntryScope> {
  const catalog = new Map((await listIndicators(db)).map((d) => [d.code, d]));
  const hierarchies = new Map<string, Promise<Hierarchy>>();
  const locks = new Map<string, Promise<QuarterLock | undefined>>();
  return {
    db,
    node,
    now,
    currentQuarter: quarterOf(now),
    catalog,
    hierarchyFor(period) {
      const key = formatQuarter(parseQuarter(period));
      let h = hierarchies.get(key);
      if (!h) {
        h = loadHierarchy(db, parseQuarter(key));
        hierarchies.set(key, h);
      }
      return h;
    },
    lockFor(unit, period) {
      const key = `${unit}|${period}`;
      let l = locks.get(key);
      if (!l) {
        l = quarterLock(db, unit, period);
        locks.set(key, l);
      }
      return l;
    },
  };
}

const LEVEL_WORDS: Record<HierarchyUnit['level'], string> = {
  commune: 'la commune',
  cercle: 'le cercle',
  region: 'la région',
  pays: 'le pays',
};

/**
 * The one refusal of a collectivity outside the node's cercle, whether a CSV line, a workbook
 * row or a record list names it: « la commune Cinzana (ML040204) n'est pas dans le cercle
 * Barouéli (ML0401) : … ».
 */
export function outsideCercleMessage(hierarchy: Hierarchy, unit: HierarchyUnit, cercleCode: string): string {
  const cercle = hierarchy.get(cercleCode)?.name ?? cercleCode;
  return `${LEVEL_WORDS[unit.level]} ${unit.name} (${unit.code}) n'est pas dans le cercle ${cercle} (${cercleCode}) : ses données sont saisies par son propre CCC.`;
}
