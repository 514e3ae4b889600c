import { type Node, trustedNeighbours } from '@oise/node';
import { type ExportOptions, type WrittenBundle, exportBundles } from './export-bundles.js';

/** What one step's export wrote for the neighbours it concerns. */
export interface NeighbourExport {
  /** Bundles written, in order (several for one neighbour when split, SPEC [B5]). */
  written: WrittenBundle[];
  /** Neighbours concerned that had nothing new to receive. */
  nothingNew: string[];
  /** Neighbours concerned that are not enrolled here (or revoked): nothing can go to them yet. */
  notEnrolled: string[];
}

/**
 * Writes now the next bundles for these neighbours only, the ones a step concerns (a
 * submission goes to the parent, a decision to the cercle and, validated, to national), with
 * the same rules as `exportBundles` (SPEC §3–4). A code that is not an enrolled neighbour is
 * named in `notEnrolled` rather than refused: the decision stands, its rows go in the first
 * bundle once the neighbour is enrolled.
 */
export async function exportToNeighbours(
  node: Node,
  codes: readonly (string | null | undefined)[],
  options: Omit<ExportOptions, 'to'>,
): Promise<NeighbourExport> {
  const enrolled = new Set((await trustedNeighbours(node)).map((k) => k.node_code));
  const result: NeighbourExport = { written: [], nothingNew: [], notEnrolled: [] };
  for (const code of new Set(codes)) {
    if (!code) continue;
    if (!enrolled.has(code)) {
      result.notEnrolled.push(code);
      continue;
    }
    const { written } = await exportBundles(node, { ...options, to: code });
    if (written.length > 0) result.written.push(...written);
    else result.nothingNew.push(code);
  }
  return result;
}
