import { UsageError } from '@oise/core';
import { isFetchBlockedPort } from '@oise/sync';
import type { CommandContext } from './command.js';

/** A required string flag, or a usage error naming it. */
export function requireString(ctx: CommandContext, name: string): string {
  const value = ctx.values[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UsageError(ctx.t(`l'option --${name} est obligatoire.`, `option --${name} is required.`));
  }
  return value;
}

export function optionalString(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The node folder: `--dir`, or OISE_DIR. */
export function nodeDir(ctx: CommandContext): string {
  const value = optionalString(ctx, 'dir') ?? process.env.OISE_DIR;
  if (!value) {
    throw new UsageError(
      ctx.t(
        "l'option --dir DOSSIER_DU_NŒUD est obligatoire (ou la variable OISE_DIR).",
        'option --dir NODE_FOLDER is required (or the OISE_DIR variable).',
      ),
    );
  }
  return value;
}

/**
 * A port option (`--port`, `--inbox-port`): a number from 0 to 65535, or a French usage error.
 * `inbox`: a port neighbours send to, so never one that HTTP senders refuse (`fetch`'s « bad ports »).
 */
export function portOption(
  ctx: CommandContext,
  name: string,
  options: { inbox?: boolean } = {},
): number | undefined {
  const text = optionalString(ctx, name);
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535) {
    throw new UsageError(
      ctx.t(
        `--${name} « ${text} » : un numéro de port entre 0 et 65535.`,
        `--${name} "${text}": a port number between 0 and 65535.`,
      ),
    );
  }
  if (options.inbox && isFetchBlockedPort(port)) {
    throw new UsageError(
      ctx.t(
        `--${name} ${port} : les envois HTTP (oise send, oise run) refusent ce port, comme les navigateurs ; aucun voisin ne pourrait y envoyer ses paquets. Choisissez-en un autre, par exemple 8080.`,
        `--${name} ${port}: HTTP senders (oise send, oise run) refuse this port, as browsers do; no neighbour could send its bundles there. Choose another one, e.g. 8080.`,
      ),
    );
  }
  return port;
}
