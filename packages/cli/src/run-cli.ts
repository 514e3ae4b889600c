import { parseArgs } from 'node:util';
import { ERROR_CODES, OiseError, UsageError } from '@oise/core';
import { COMMON_OPTIONS, type CommandContext } from './command.js';
import { EXIT } from './exit-codes.js';
import { COMMANDS } from './registry.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
}

/**
 * Runs one `oise` command line. Exit codes (`EXIT`): 0 success, 1 refused input (French message
 * on stderr), 2 usage error, 3 an import partly stored (`--partial`). The one top-level
 * handler: known errors print a clear message, unknown ones the stack.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const langArg = argv.indexOf('--lang');
  const lang: 'fr' | 'en' = (langArg >= 0 ? argv[langArg + 1] : io.env.OISE_LANG) === 'en' ? 'en' : 'fr';
  const t = (fr: string, en: string) => (lang === 'en' ? en : fr);

  // `oise dhis2 help import` is `oise dhis2 import --help`.
  const group = COMMANDS.filter((c) => c.path.length > 1 && c.path[0] === argv[0]);
  if (group.length > 0 && argv[1] === 'help' && argv[2])
    return runCli([argv[0]!, ...argv.slice(2), '--help'], io);
  const entry = [...COMMANDS]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((word, i) => argv[i] === word));
  if (!entry && group.length > 0) {
    // A group's word alone, or with --help: the group's own commands.
    const wantsHelp = argv.length === 1 || ['--help', '-h', 'help'].includes(argv[1] ?? '');
    (wantsHelp && argv.length > 1 ? io.stdout : io.stderr)(groupHelp(argv[0]!, group, t));
    if (!wantsHelp)
      io.stderr(t(`\nCommande inconnue : ${argv.join(' ')}\n`, `\nUnknown command: ${argv.join(' ')}\n`));
    return wantsHelp && argv.length > 1 ? EXIT.ok : EXIT.usage;
  }
  if (!entry) {
    const wantsHelp = argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help';
    (wantsHelp ? io.stdout : io.stderr)(globalHelp(t));
    if (!wantsHelp)
      io.stderr(t(`\nCommande inconnue : ${argv.join(' ')}\n`, `\nUnknown command: ${argv.join(' ')}\n`));
    return wantsHelp ? EXIT.ok : EXIT.usage;
  }
  const command = (await entry.load()).default;
  const rest = argv.slice(command.path.length);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...COMMON_OPTIONS, ...command.options },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    io.stderr(`oise ${command.path.join(' ')} : ${(error as Error).message}\n\n${command.usage}\n`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.stdout(`oise ${command.path.join(' ')} — ${command.summary[lang]}\n\n${command.usage}\n`);
    return 0;
  }
  const json = parsed.values.json === true;
  const ctx: CommandContext = {
    values: parsed.values as CommandContext['values'],
    positionals: parsed.positionals,
    lang,
    json,
    now: io.env.OISE_NOW ?? new Date().toISOString(),
    out: (text) => {
      if (!json) io.stdout(`${text}\n`);
    },
    err: (text) => io.stderr(`${text}\n`),
    printJson: (value) => io.stdout(`${JSON.stringify(value, null, 2)}\n`),
    t,
  };
  try {
    return (await command.run(ctx)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`oise ${command.path.join(' ')} : ${error.message}\n\n${command.usage}\n`);
      return EXIT.usage;
    }
    if (error instanceof OiseError) {
      // In English: what the code means (every code has a line), then the French detail.
      io.stderr(
        lang === 'en'
          ? `Error [${error.code}] ${ERROR_CODES[error.code]}\n  (détail : ${error.describe()})\n`
          : `Erreur [${error.code}] ${error.describe()}\n`,
      );
      return EXIT.refused;
    }
    io.stderr(
      `${t('Erreur inattendue', 'Unexpected error')} : ${(error as Error)?.stack ?? String(error)}\n`,
    );
    return EXIT.refused;
  }
}

function globalHelp(t: (fr: string, en: string) => string): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(' ').length));
  const lines = COMMANDS.map((c) => `  oise ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  return `${t(
    "OISE — Outil Informatisé de Suivi et d'Évaluation des Collectivités Territoriales",
    'OISE — monitoring and evaluation base of Mali’s territorial collectivities',
  )}\n\n${t('Commandes', 'Commands')} :\n${lines.join('\n')}\n\n${t(
    'Chaque commande accepte --dir DOSSIER, --json, --lang en et --help.',
    'Every command takes --dir FOLDER, --json, --lang en and --help.',
  )}\n`;
}

/** Runs a command line in this process and collects what it printed (for tests and scripts). */
export async function runCliCaptured(
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    env,
  });
  return { code, stdout, stderr };
}

/** The commands of one group (`oise dhis2`), each with its summary, and how to get each one's help. */
function groupHelp(
  word: string,
  group: { path: string[]; summary: string }[],
  t: (fr: string, en: string) => string,
): string {
  const names = group.map((c) => `oise ${c.path.join(' ')}`);
  const width = Math.max(...names.map((n) => n.length)) + 2;
  const lines = group.map((c, i) => `  ${names[i]!.padEnd(width)}${c.summary}`);
  return `${t(`Commandes oise ${word} :`, `oise ${word} commands:`)}\n${lines.join('\n')}\n\n${t(
    `Détail d'une commande : oise ${word} <commande> --help (ou oise ${word} help <commande>).`,
    `One command's details: oise ${word} <command> --help (or oise ${word} help <command>).`,
  )}\n`;
}
