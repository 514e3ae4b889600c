import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What every step reports, besides its own figures. */
export interface StepReport {
  step: string;
  /** Peak resident memory of the step's process (MB), from `process.resourceUsage().maxRSS`. */
  peakRssMb: number;
  /** Wall time of the whole child process, start-up included (s). */
  processSeconds: number;
  [figure: string]: unknown;
}

const MARK = '@@bench-result ';
const STEP_FILE = fileURLToPath(new URL('./step.ts', import.meta.url));

/**
 * Runs one step in its own Node process (so that steps never share memory or caches) and returns
 * its report: the step prints one marked JSON line on stdout; progress goes to stderr.
 */
export function runStep(step: string, args: Record<string, unknown>): Promise<StepReport> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', STEP_FILE, step, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(MARK));
      if (code !== 0 || !line) {
        reject(new Error(`step ${step} failed (exit ${code}):\n${out.slice(-2000)}`));
        return;
      }
      const report = JSON.parse(line.slice(MARK.length)) as StepReport;
      report.processSeconds = (performance.now() - started) / 1000;
      resolve(report);
    });
  });
}

/** Called by the child: prints the marked result line with the peak memory of this process. */
export function printStepResult(step: string, figures: Record<string, unknown>): void {
  const peakRssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
  process.stdout.write(`${MARK}${JSON.stringify({ step, ...figures, peakRssMb })}\n`);
}

/** Seconds elapsed since `t0` (from `performance.now()`). */
export function since(t0: number): number {
  return (performance.now() - t0) / 1000;
}
