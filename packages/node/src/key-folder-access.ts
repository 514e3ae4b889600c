import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { userInfo } from 'node:os';

/**
 * `icacls` arguments that leave `folder` to `user` alone: inherited rights removed
 * (`/inheritance:r`), full control granted to the user on the folder and all it will hold
 * (`(OI)(CI)F`), replacing any right the user had (`/grant:r`). Passed to execFile as they are,
 * without a shell, so a name with spaces needs no quoting.
 */
export function icaclsArguments(folder: string, user: string): string[] {
  return [folder, '/inheritance:r', '/grant:r', `${user}:(OI)(CI)F`];
}

/** Runs a program with its arguments and no shell; throws when it fails. */
export type RunProgram = (file: string, args: string[]) => void;

const runWithoutShell: RunProgram = (file, args) => {
  execFileSync(file, args, { stdio: 'ignore', windowsHide: true });
};

/**
 * Keeps a node's `keys/` to the account that runs OISE. On Linux and macOS: mode 0700 (the
 * private key is written 0600 on its own). On Windows, where modes mean nothing, `icacls`
 * removes the inherited rights and grants the user alone full control. Returns a French warning
 * when that could not be done (the keys are then as readable as the folder around them), for
 * the caller to show; undefined when all went well.
 */
export function restrictKeyFolder(
  folder: string,
  platform: NodeJS.Platform = process.platform,
  run: RunProgram = runWithoutShell,
): string | undefined {
  if (platform !== 'win32') {
    chmodSync(folder, 0o700);
    return undefined;
  }
  const user = userInfo().username;
  try {
    run('icacls', icaclsArguments(folder, user));
    return undefined;
  } catch (error) {
    return `Attention : les droits du dossier des clés « ${folder} » n'ont pas pu être réservés au compte « ${user} » (icacls : ${(error as Error).message}). D'autres comptes de ce PC pourraient lire la clé privée : réservez ce dossier à votre compte (clic droit, Propriétés, Sécurité) ou demandez-le à l'administrateur du poste.`;
  }
}
