/** The four levels of Mali's territory, top-down. */
export const ORG_UNIT_LEVELS = ['pays', 'region', 'cercle', 'commune'] as const;
export type OrgUnitLevel = (typeof ORG_UNIT_LEVELS)[number];

/** The three kinds of node: a node is a cercle, a region or the country. */
export const NODE_LEVELS = ['national', 'region', 'cercle'] as const;
export type NodeLevel = (typeof NODE_LEVELS)[number];

export const ORG_UNIT_LEVEL_LABELS: Record<OrgUnitLevel, string> = {
  pays: 'Pays',
  region: 'Région',
  cercle: 'Cercle',
  commune: 'Commune',
};

/** A node's level as French text names it: « Nœud région ML04 », « Passage national ML ». */
export const NODE_LEVEL_LABELS: Record<NodeLevel, string> = {
  national: 'national',
  region: 'région',
  cercle: 'cercle',
};

export function isOrgUnitLevel(value: string): value is OrgUnitLevel {
  return (ORG_UNIT_LEVELS as readonly string[]).includes(value);
}

export function isNodeLevel(value: string): value is NodeLevel {
  return (NODE_LEVELS as readonly string[]).includes(value);
}

/** The org-unit level a node of this kind stands for. */
export function orgUnitLevelOfNode(level: NodeLevel): OrgUnitLevel {
  return level === 'national' ? 'pays' : level;
}

/** Depth in the hierarchy: pays 0 … commune 3. */
export function levelDepth(level: OrgUnitLevel): number {
  return ORG_UNIT_LEVELS.indexOf(level);
}

/**
 * The level a P-code stands at, from its length (`ML`, `ML03`, `ML0301`, `ML030101`).
 * Returns undefined when the code does not follow the OCHA pattern.
 */
export function levelOfPcode(code: string): OrgUnitLevel | undefined {
  if (!/^[A-Z]{2}(\d{2}){0,3}$/.test(code)) return undefined;
  return ORG_UNIT_LEVELS[(code.length - 2) / 2];
}

/** True when `code` is `ancestor` itself or lies under it, by P-code prefix. */
export function isWithinPcode(code: string, ancestor: string): boolean {
  return code.startsWith(ancestor);
}
