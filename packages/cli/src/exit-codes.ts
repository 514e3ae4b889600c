/**
 * The exit codes of `oise`, a contract scripts rely on: 0 success, 1 refused input (the French
 * message on stderr says where and what to do), 2 usage error, 3 an import that stored part of
 * its input and refused the rest (`--partial`).
 */
export const EXIT = { ok: 0, refused: 1, usage: 2, partial: 3 } as const;

/**
 * An import's exit code from what it stored and whether it refused anything: 0 when nothing was
 * refused, 3 when part was stored and part refused, 1 when something was refused and nothing
 * stored. A dry run answers what the real import would.
 */
export function importExitCode(stored: number, refusedAnything: boolean): number {
  if (!refusedAnything) return EXIT.ok;
  return stored > 0 ? EXIT.partial : EXIT.refused;
}
