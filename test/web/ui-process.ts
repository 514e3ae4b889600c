import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The command line's sources, run through tsx as `pnpm oise` runs them. */
export const CLI = fileURLToPath(new URL('../../packages/cli/src/main.ts', import.meta.url));

/** A running `oise ui` process: its address, everything it printed, and a clean stop. */
export interface UiProcess {
  /** `http://127.0.0.1:PORT` (no trailing slash), reachable from this machine. */
  url: string;
  port: number;
  /** The process id (its /proc/<pid>/status gives its peak resident set, VmHWM). */
  pid: number;
  /** The first stdout line, as printed. */
  firstLine: string;
  output(): string;
  /** Resolves once the process has printed a line matching `pattern` (e.g. its start-up pass). */
  waitForOutput(pattern: RegExp): Promise<void>;
  /** Sends SIGTERM (or `signal`) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** How `oise` is started: a program, the arguments before the command's, its environment. */
export interface OiseProgram {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** The sources through tsx (the default); the portable folder's test gives its launcher. */
const SOURCE_PROGRAM: OiseProgram = {
  file: process.execPath,
  args: ['--import', 'tsx', CLI],
  env: process.env,
};

/**
 * Starts the real `oise ui` (the CLI's sources through tsx, as `pnpm oise` runs them, or
 * `program`: the portable folder's launcher) on a free port and waits for its first line, the address. `OISE_NOW` pins the pages' date. No vitest
 * here: the bench starts it too (the tests use web-process.ts's `startUi`).
 */
export function spawnUi(
  dir: string,
  args: string[],
  now: string,
  program = SOURCE_PROGRAM,
): Promise<UiProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(
    program.file,
    [...program.args, 'ui', '--dir', dir, '--port', '0', ...args],
    { env: { ...program.env, OISE_NOW: now } },
  );
  let out = '';
  let stdout = '';
  let settled = false;
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const wake = () => {
    for (const w of [...waiters])
      if (w.pattern.test(out)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  child.stderr.on('data', (c: Buffer) => {
    out += c.toString();
    wake();
  });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`oise ui s'est arrêté (${code}) :\n${out}`));
    child.once('exit', onExit);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      stdout += c.toString();
      wake();
      if (settled || !stdout.includes('\n')) return;
      settled = true;
      child.off('exit', onExit);
      const first = stdout.split('\n')[0] ?? '';
      const match = /(https?):\/\/([^/\s]+):(\d+)\//.exec(first);
      if (!match) {
        child.kill('SIGTERM');
        reject(new Error(`la première ligne de oise ui n'est pas une adresse : ${first}`));
        return;
      }
      const port = Number(match[3]);
      resolve({
        url: `${match[1]}://127.0.0.1:${port}`,
        port,
        pid: child.pid ?? 0,
        firstLine: first,
        output: () => out,
        waitForOutput: (pattern) =>
          new Promise<void>((done, fail) => {
            if (pattern.test(out)) return done();
            waiters.push({ pattern, resolve: done });
            child.once('exit', () => fail(new Error(`oise ui s'est arrêté avant ${pattern} :\n${out}`)));
          }),
        stop: (signal = 'SIGTERM') =>
          new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.once('exit', (code) => done(code));
            child.kill(signal);
          }),
      });
    });
  });
}
