import { type Hierarchy, type HierarchyUnit, loadHierarchy } from '@oise/catalog';
import { OiseError, type Quarter, addQuarters, formatQuarter, parseQuarter, quarterLabel } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { type EntryNode, NODE_LEVEL_FR } from './entry-scope.js';

/** A cercle's quarter as its workbook, its forms and its grid read it. */
export interface CercleQuarter {
  q: Quarter;
  /** `2025Q1`. */
  quarter: string;
  /** The quarter before, whose figures are shown beside the cells. */
  previous: string;
  /** The territory valid in the quarter. */
  hierarchy: Hierarchy;
  cercle: HierarchyUnit;
}

/**
 * The common start of what a cercle prepares for a quarter (entry workbook, collection forms,
 * entry grid): the node is a cercle (`what` names the thing refused elsewhere, « le classeur de
 * saisie se prépare »), the quarter parses, and the cercle is in the territory of that quarter.
 */
export async function cercleQuarter(
  db: Kysely<Database>,
  node: EntryNode,
  quarter: string,
  what: string,
): Promise<CercleQuarter> {
  if (node.level !== 'cercle')
    throw new OiseError(
      'TEMPLATE_NOT_CERCLE',
      `${what} sur le nœud d'un cercle (CCC) ; ce nœud est ${NODE_LEVEL_FR[node.level]}.`,
      { node: node.code },
    );
  const q = parseQuarter(quarter);
  const period = formatQuarter(q);
  const hierarchy = await loadHierarchy(db, q);
  const cercle = hierarchy.get(node.code);
  if (!cercle)
    throw new OiseError(
      'TEMPLATE_NO_TERRITORY',
      `le cercle ${node.code} est absent du territoire au ${quarterLabel(q)} : appliquez d'abord le paquet de démarrage que la région a écrit pour ce cercle (oise enroll --dir DOSSIER demarrage-${node.code}.oise), ou ses paquets descendants (oise ingest, ou « Déposer des paquets » dans Paquets).`,
      { node: node.code, quarter: period },
    );
  return { q, quarter: period, previous: formatQuarter(addQuarters(q, -1)), hierarchy, cercle };
}
