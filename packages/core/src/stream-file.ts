import { createWriteStream, rmSync } from 'node:fs';
import type { Readable } from 'node:stream';

/** How streaming a received file to disk ended: written whole, or (nothing left on disk) why not. */
export type StreamToFileOutcome =
  | { kind: 'written'; size: number }
  | { kind: 'too-large'; size: number }
  | { kind: 'aborted' }
  | { kind: 'write-failed'; message: string };

/**
 * Streams a received file (an upload's part) into a new file `target`, never holding it in
 * memory, and stops keeping it as soon as it passes `maxBytes`. The source is always read to
 * its end (what comes after a refusal is dropped), so a form with several files carries on to
 * the next one. On any failure nothing stays at `target` when the promise resolves; `size`
 * of a refusal counts every byte that came.
 */
export function streamToFile(
  source: Readable,
  target: string,
  options: { maxBytes: number; mode?: number },
): Promise<StreamToFileOutcome> {
  return new Promise((resolve) => {
    const out = createWriteStream(target, { flags: 'wx', mode: options.mode ?? 0o600 });
    let size = 0;
    let problem: StreamToFileOutcome | undefined;
    let settled = false;
    const finish = (outcome: StreamToFileOutcome) => {
      if (settled) return;
      settled = true;
      if (outcome.kind === 'written') {
        resolve(outcome);
        return;
      }
      const discard = () => {
        rmSync(target, { force: true });
        resolve(outcome.kind === 'too-large' ? { kind: 'too-large', size } : outcome);
      };
      if (out.closed) discard();
      else {
        out.once('close', discard);
        out.destroy();
      }
    };
    const refuse = (outcome: StreamToFileOutcome) => {
      if (problem) return;
      problem = outcome;
      out.destroy();
      // Keep reading (and dropping) the rest, so the source is not left half-read.
      source.resume();
    };
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (problem) return;
      if (size > options.maxBytes) {
        refuse({ kind: 'too-large', size });
        return;
      }
      if (!out.write(chunk)) {
        source.pause();
        out.once('drain', () => source.resume());
      }
    });
    source.on('end', () => {
      if (problem) {
        finish(problem);
        return;
      }
      out.end((error?: Error | null) => {
        if (error) finish({ kind: 'write-failed', message: error.message });
        else finish({ kind: 'written', size });
      });
    });
    source.on('error', () => finish({ kind: 'aborted' }));
    source.on('close', () => {
      if (!source.readableEnded) finish(problem?.kind === 'too-large' ? problem : { kind: 'aborted' });
    });
    out.on('error', (error) => refuse({ kind: 'write-failed', message: error.message }));
  });
}
