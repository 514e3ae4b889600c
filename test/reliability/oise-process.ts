import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `oise` as a real process, built fresh from the sources for this test file (esbuild, about a
 * second) so that a stale `dist/` never hides a fix: the form a person runs, killable mid-work.
 */
const CLI = fileURLToPath(new URL('../../packages/cli/', import.meta.url));

export interface OiseCli {
  /** Path of the compiled entry point. */
  entry: string;
  run(args: string[], env?: Record<string, string>): Promise<OiseRun>;
  /** Starts `oise …` and SIGKILLs it after `afterMs` unless it ended before; says which. */
  runAndKill(
    args: string[],
    afterMs: number,
    env?: Record<string, string>,
  ): Promise<OiseRun & { killed: boolean }>;
  remove(): void;
}

export interface OiseRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function buildOiseCli(): OiseCli {
  const out = `${CLI}.build-reliability-${process.pid}`;
  execFileSync(process.execPath, [`${CLI}build.mjs`, out], { stdio: 'ignore' });
  const entry = `${out}/oise.mjs`;
  const start = (args: string[], env: Record<string, string>) =>
    spawn(process.execPath, [entry, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const collect = (child: ChildProcess) =>
    new Promise<OiseRun>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d) => {
        stdout += d;
      });
      child.stderr?.on('data', (d) => {
        stderr += d;
      });
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
  return {
    entry,
    run: (args, env = {}) => collect(start(args, env)),
    async runAndKill(args, afterMs, env = {}) {
      const child = start(args, env);
      const done = collect(child);
      let killed = false;
      const timer = setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) killed = child.kill('SIGKILL');
      }, afterMs);
      const result = await done;
      clearTimeout(timer);
      return { ...result, killed: killed && result.signal === 'SIGKILL' };
    },
    remove: () => rmSync(out, { recursive: true, force: true }),
  };
}
