import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** What every command receives: parsed flags, positionals, and the outside world. */
export interface CommandContext {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  lang: 'fr' | 'en';
  json: boolean;
  /** ISO timestamp of "now" (OISE_NOW overrides it, for tests and replays). */
  now: string;
  out(text: string): void;
  err(text: string): void;
  /** Prints the one JSON document of a `--json` run. */
  printJson(value: unknown): void;
  t(fr: string, en: string): string;
}

export interface Command {
  /** Words after `oise`, e.g. `['quarter', 'submit']`. */
  path: string[];
  summary: { fr: string; en: string };
  usage: string;
  options: OptionSpec;
  /** Whether positionals are accepted (files). */
  allowPositionals?: boolean;
  run(ctx: CommandContext): Promise<number | undefined>;
}

/** Options every command takes. */
export const COMMON_OPTIONS: OptionSpec = {
  dir: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export function defineCommand(command: Command): Command {
  return command;
}
