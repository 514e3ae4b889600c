import { OiseError, UsageError } from '@oise/core';
import type { CommandContext } from './command.js';

/** Reads all of stdin (`--password-stdin`): the password is its first line. */
async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > 64 * 1024) break;
  }
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').replace(/\r$/, '');
}

/** Asks once on the terminal, echoing nothing; Ctrl+C gives up. */
function askHidden(question: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    process.stderr.write(question);
    let value = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (text: string) => {
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003')
          return done(
            new OiseError('ACCOUNT_PASSWORD_ABORTED', 'saisie du mot de passe abandonnée : rien n’a changé.'),
          );
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
  });
}

/**
 * The new password of an account: from stdin with `--password-stdin` (scripts), else asked
 * twice on the terminal without echo. Without a terminal and without the flag: a usage error.
 */
export async function readNewPassword(ctx: CommandContext): Promise<string> {
  if (ctx.values['password-stdin']) return readStdinLine();
  if (!process.stdin.isTTY) {
    throw new UsageError(
      ctx.t(
        "pas de terminal pour demander le mot de passe : passez-le sur l'entrée standard avec --password-stdin.",
        'no terminal to ask for the password: pipe it on standard input with --password-stdin.',
      ),
    );
  }
  const first = await askHidden(ctx.t('Mot de passe : ', 'Password: '));
  const second = await askHidden(ctx.t('Mot de passe (encore) : ', 'Password (again): '));
  if (first !== second) {
    throw new OiseError(
      'ACCOUNT_PASSWORD_MISMATCH',
      ctx.t(
        'les deux mots de passe diffèrent : rien n’a changé.',
        'the two passwords differ: nothing changed.',
      ),
    );
  }
  return first;
}
