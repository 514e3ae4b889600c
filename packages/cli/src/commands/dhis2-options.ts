import { UsageError } from '@oise/core';
import { type IdScheme, type IdSchemes, idSchemes, parseIdScheme } from '@oise/interop';
import { optionalString, requireString } from '../args.js';
import type { CommandContext, OptionSpec } from '../command.js';

/** Options shared by the three `oise dhis2` commands. */
export const DHIS2_OPTIONS: OptionSpec = {
  mapping: { type: 'string' },
  'id-scheme': { type: 'string' },
  'org-unit-id-scheme': { type: 'string' },
  'data-element-id-scheme': { type: 'string' },
};

export const DHIS2_OPTIONS_USAGE = `--mapping FICHIER : les correspondances (type;code_oise;code_dhis2;libelle ; exemple :
fixtures/dhis2-correspondances.csv). --id-scheme uid|code (défaut uid, comme l'idScheme de DHIS2) :
avec code, les identifiants DHIS2 sont des codes, et une collectivité sans ligne garde son P-code
comme code DHIS2. --org-unit-id-scheme / --data-element-id-scheme : la même chose pour un seul type.`;

function scheme(ctx: CommandContext, name: string): IdScheme | undefined {
  const text = optionalString(ctx, name);
  if (text === undefined) return undefined;
  const s = parseIdScheme(text);
  if (!s)
    throw new UsageError(
      ctx.t(`--${name} vaut uid ou code (pas « ${text} »).`, `--${name} is uid or code (not "${text}").`),
    );
  return s;
}

/** The mapping file path and the id schemes the flags ask for. */
export function dhis2Flags(ctx: CommandContext): { mapping: string; schemes: IdSchemes } {
  return {
    mapping: requireString(ctx, 'mapping'),
    schemes: idSchemes(scheme(ctx, 'id-scheme'), {
      orgUnit: scheme(ctx, 'org-unit-id-scheme'),
      dataElement: scheme(ctx, 'data-element-id-scheme'),
    }),
  };
}

/** The one DHIS2 file given as positional argument. */
export function oneFile(ctx: CommandContext): string {
  if (ctx.positionals.length !== 1)
    throw new UsageError(
      ctx.t(
        'donnez un seul fichier DHIS2 (jeu de valeurs JSON, CSV, XML ou ADX).',
        'give exactly one DHIS2 file (JSON, CSV, XML or ADX data value set).',
      ),
    );
  return ctx.positionals[0]!;
}
