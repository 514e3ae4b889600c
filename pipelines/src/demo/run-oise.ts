import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const COMPILED = fileURLToPath(new URL('../../../packages/cli/dist/oise.mjs', import.meta.url));
const SOURCE = fileURLToPath(new URL('../../../packages/cli/src/main.ts', import.meta.url));

export interface OiseRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `oise …` as its own process, as a person or a script would: the compiled command line
 * (OISE_CLI, else `pnpm build`'s dist/) when it is built, else the TypeScript sources through tsx.
 */
export function runOise(args: string[], env: Record<string, string> = {}): OiseRun {
  const compiled = process.env.OISE_CLI ?? COMPILED;
  const argv = existsSync(compiled) ? [compiled, ...args] : ['--import', 'tsx', SOURCE, ...args];
  const result = spawnSync(process.execPath, argv, { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Same, but a non-zero exit is an error carrying the command's own message. */
export function oise(args: string[], env: Record<string, string> = {}): string {
  const run = runOise(args, env);
  if (run.code !== 0) {
    throw new Error(`oise ${args.join(' ')} a échoué (code ${run.code}) :\n${run.stderr}`);
  }
  return run.stdout;
}
