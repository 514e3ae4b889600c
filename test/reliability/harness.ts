import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OiseError } from '@oise/core';

/**
 * The shared rules of the reliability suite: seeds and run counts from the environment, a time
 * limit per case, what counts as a French answer, and the tally each test file prints (and
 * writes to `test/reliability/last-run/<area>.json` when `RELIABILITY_REPORT` is set).
 */

/** fast-check seed: `FC_SEED`, else a fixed one so CI runs are reproducible. */
export const FC_SEED = Number.parseInt(process.env.FC_SEED ?? '', 10) || 20_250_409;

/** Cases per input kind: `FC_RUNS`, else the file's modest default. */
export function fcRuns(byDefault: number): number {
  const n = Number.parseInt(process.env.FC_RUNS ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : byDefault;
}

/** Time limit of one fuzz case: past it, the case is a hang. */
export const CASE_TIMEOUT_MS = Number.parseInt(process.env.FC_CASE_TIMEOUT_MS ?? '', 10) || 30_000;

export class Hang extends Error {}

/** Runs `work` with the per-case time limit; a case that does not settle in time is a `Hang`. */
export async function withinTimeLimit<T>(
  work: () => Promise<T>,
  label: string,
  ms = CASE_TIMEOUT_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Hang(`${label}: no answer after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work(), limit]);
  } finally {
    clearTimeout(timer);
  }
}

const FRENCH_WORDS =
  /[àâçéèêëîïôûùüœ]|\b(le|la|les|du|des|un|une|est|pas|ce|cet|cette|de|au|aux|et|ou|dans|sur|pour|ligne|fichier|paquet|clé)\b/i;

/** A message a person in Mali can act on: not empty, and French. */
export function isFrench(text: unknown): boolean {
  return typeof text === 'string' && text.trim().length >= 10 && FRENCH_WORDS.test(text);
}

/** A refusal is an OiseError whose message is French; anything else thrown is a crash. */
export function isFrenchRefusal(error: unknown): error is OiseError {
  return error instanceof OiseError && isFrench(error.message);
}

export interface TallyCounts {
  area: string;
  seed: number;
  runs: number;
  cases: number;
  accepted: number;
  refused: number;
  crashes: number;
  hangs: number;
  partialWrites: number;
  forgeriesAccepted: number;
  unhandledRejections: number;
  /** The first few failing cases, for a person to reproduce. */
  failures: string[];
  /** Refusal codes seen, with counts: shows which checks the cases reached. */
  codes: Record<string, number>;
  seconds: number;
}

/** Counts of one area (one input kind or one kind of attack). */
export class Tally {
  readonly counts: TallyCounts;
  private readonly started = Date.now();

  constructor(area: string, runs: number) {
    this.counts = {
      area,
      seed: FC_SEED,
      runs,
      cases: 0,
      accepted: 0,
      refused: 0,
      crashes: 0,
      hangs: 0,
      partialWrites: 0,
      forgeriesAccepted: 0,
      unhandledRejections: 0,
      failures: [],
      codes: {},
      seconds: 0,
    };
  }

  accepted(): void {
    this.counts.cases++;
    this.counts.accepted++;
  }

  refused(code: string): void {
    this.counts.cases++;
    this.counts.refused++;
    this.counts.codes[code] = (this.counts.codes[code] ?? 0) + 1;
  }

  fail(kind: 'crashes' | 'hangs' | 'partialWrites' | 'forgeriesAccepted', what: string): void {
    if (kind === 'crashes' || kind === 'hangs') this.counts.cases++;
    this.counts[kind]++;
    if (this.counts.failures.length < 5) this.counts.failures.push(`${kind}: ${what}`.slice(0, 2000));
  }

  /** Zero crashes, hangs, partial writes, accepted forgeries and unhandled rejections. */
  get clean(): boolean {
    const c = this.counts;
    return c.crashes + c.hangs + c.partialWrites + c.forgeriesAccepted + c.unhandledRejections === 0;
  }

  /** Prints one line and, with `RELIABILITY_REPORT` set, writes `last-run/<area>.json`. */
  report(unhandled: number): TallyCounts {
    this.counts.unhandledRejections = unhandled;
    this.counts.seconds = Math.round((Date.now() - this.started) / 100) / 10;
    const c = this.counts;
    console.log(
      `[fiabilité] ${c.area}: ${c.cases} cas (seed ${c.seed}), ${c.accepted} acceptés, ${c.refused} refusés, ` +
        `${c.crashes} plantages, ${c.hangs} blocages, ${c.partialWrites} écritures partielles, ` +
        `${c.forgeriesAccepted} falsifications acceptées, ${c.unhandledRejections} rejets non gérés (${c.seconds} s)`,
    );
    if (process.env.RELIABILITY_REPORT) {
      const dir = fileURLToPath(new URL('./last-run/', import.meta.url));
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${dir}${c.area}.json`, `${JSON.stringify(c, null, 2)}\n`);
    }
    return c;
  }
}

/**
 * Listens for unhandled rejections and uncaught exceptions for the whole test file: any is a
 * failure of the promise "never an unhandled rejection".
 */
export function watchUnhandled(): { readonly seen: unknown[]; stop(): void } {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown) => seen.push(reason);
  const onException = (error: unknown) => seen.push(error);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    seen,
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

/** A short description of a thrown value for the failure list. */
export function describeThrown(error: unknown): string {
  if (error instanceof Error)
    return `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 4).join('\n') ?? ''}`;
  return String(error);
}
