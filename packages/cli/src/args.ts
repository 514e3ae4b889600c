import { UsageError } from '@oise/core';
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
