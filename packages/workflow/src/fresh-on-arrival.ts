import { type ConsolidationProgress, type ConsolidationResult, consolidateChanges } from '@oise/consolidate';
import type { Node } from '@oise/node';
import { type IngestFileResult, type IngestOptions, ingestBundles } from '@oise/sync';

/**
 * Fresh on arrival: what packages applied changed is consolidated at once (`consolidateChanges`,
 * incremental), so the dashboard shows the new figures without « Consolider maintenant ».
 * The caller holds the node's lock, as for the ingest before it.
 */
export function consolidateArrival(
  node: Node,
  options: { now: string; onProgress?: (progress: ConsolidationProgress) => void | Promise<void> },
): Promise<ConsolidationResult> {
  return consolidateChanges(node.db, {
    nodeCode: node.identity.code,
    now: options.now,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/** The HTTP inbox's `afterApplied` (`oise serve`, `oise ui --inbox-port`): each applied package consolidated at once. */
export function consolidateOnArrival(node: Node): (now: string) => Promise<ConsolidationResult> {
  return (now) => consolidateArrival(node, { now });
}

export interface FreshIngestOptions extends IngestOptions {
  /** Told of each stage of the consolidation that follows when a package was applied. */
  onConsolidation?: (progress: ConsolidationProgress) => void | Promise<void>;
}

/** What an ingest did, and the consolidation that followed it. */
export interface FreshIngest {
  results: IngestFileResult[];
  /** Null when no package was applied (nothing new to consolidate) or when the consolidation failed. */
  consolidation: ConsolidationResult | null;
  /**
   * Why the consolidation failed: the packages stay applied, the rows wait for the next
   * consolidation (the home page's « Consolider maintenant », the daily pass).
   */
  consolidationError: string | null;
}

/**
 * Applies bundles (`ingestBundles`) and, when at least one was applied, consolidates what they
 * changed at once: the pages' drop. The caller holds the node's lock. `oise ingest`, the
 * low-level command, only ingests.
 */
export async function ingestFresh(node: Node, options: FreshIngestOptions): Promise<FreshIngest> {
  const { onConsolidation, ...ingest } = options;
  const results = await ingestBundles(node, ingest);
  if (!results.some((r) => r.status === 'applied'))
    return { results, consolidation: null, consolidationError: null };
  try {
    const consolidation = await consolidateArrival(node, {
      now: options.now,
      ...(onConsolidation ? { onProgress: onConsolidation } : {}),
    });
    return { results, consolidation, consolidationError: null };
  } catch (error) {
    return {
      results,
      consolidation: null,
      consolidationError: error instanceof Error ? error.message : String(error),
    };
  }
}
