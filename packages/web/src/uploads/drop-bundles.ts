import { basename } from 'node:path';
import type { ConsolidationProgress } from '@oise/consolidate';
import { waitForNodeLock } from '@oise/node';
import { ingestFresh } from '@oise/workflow';
import { type Lang, text } from '../messages/lang.js';
import { paquetsText } from '../messages/paquets.js';
import type { WebDeps } from '../web-env.js';
import type { ReceivedUpload } from './receive-bundles.js';

/** What became of one dropped file. */
export interface DropVerdict {
  /** The file's name on the user's PC. */
  file: string;
  /** Its name in the node's inbox (then under `applied/` or `rejected/`). */
  storedAs: string;
  status: 'applied' | 'duplicate' | 'rejected' | 'ignored' | 'queued';
  /** What happened (in the page's language; a refusal's reason is ingest's, in French), and what to do. */
  reason: string;
  sender: string | null;
  sequence: number | null;
}

/** How long a drop waits for the node's lock (another step of the pages, a short pass) before leaving its files for the next pass. */
export const DROP_LOCK_WAIT_MS = 30_000;
const LOCK_RETRY_MS = 500;

/**
 * Applies dropped files as bundles brought on a USB key: under the node's lock, each one
 * verified and applied (or refused) by `@oise/sync` ingest, then what they changed consolidated
 * at once (workflow's `ingestFresh`: fresh on arrival), one drop at a time in this process. The files stay hidden while the lock is held by someone else, up to `waitMs`
 * (a step of the pages, a short pass); past that they wait in the inbox for the next pass.
 * `onProgress` hears of each file once handled (the pages run a drop as a background step),
 * `onWait` of the wait for the lock, and `onConsolidation` of each stage of the consolidation.
 */
export function bundleDropper(deps: WebDeps, waitMs = DROP_LOCK_WAIT_MS) {
  let chain: Promise<unknown> = Promise.resolve();
  return (
    files: Extract<ReceivedUpload, { kind: 'received' }>['files'],
    onProgress?: (progress: { done: number; total: number; file: string }) => void,
    onWait?: () => void,
    /** Where the files came from: a refused one that no enrolled key signed is not kept. */
    network?: { address: string },
    lang: Lang = 'fr',
    onConsolidation?: (progress: ConsolidationProgress) => void | Promise<void>,
  ): Promise<DropVerdict[]> => {
    const t = text(lang, paquetsText);
    const work = chain.then(async (): Promise<DropVerdict[]> => {
      const lock = await waitForNodeLock(deps.node.paths.lock, deps.clock, {
        waitMs,
        retryMs: LOCK_RETRY_MS,
        ...(onWait ? { onWait } : {}),
      });
      const now = deps.clock();
      if (!lock) {
        return files.map((f) => ({
          file: f.name,
          storedAs: basename(f.staged.commit()),
          status: 'queued',
          reason: t.queued,
          sender: null,
          sequence: null,
        }));
      }
      try {
        const paths = files.map((f) => f.staged.commit());
        const { results, consolidationError } = await ingestFresh(deps.node, {
          now,
          files: paths,
          ...(network ? { network } : {}),
          onProgress: ({ done, total }) => onProgress?.({ done, total, file: files[done - 1]?.name ?? '' }),
          ...(onConsolidation ? { onConsolidation } : {}),
        });
        if (consolidationError)
          deps.log(`dépôt : consolidation après application impossible : ${consolidationError}`);
        return results.map((r, i) => ({
          file: files[i]?.name ?? r.file,
          storedAs: r.file,
          status: r.status,
          reason:
            r.status === 'applied'
              ? t.applied(r.changed)
              : r.status === 'duplicate'
                ? t.alreadyApplied
                : (r.reason ?? t.refusedPlain),
          sender: r.sender,
          sequence: r.sequence,
        }));
      } finally {
        lock.release();
      }
    });
    chain = work.catch(() => {});
    return work;
  };
}
