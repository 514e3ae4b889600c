import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file and folder under `root`, relative with `/`, folders before what they hold, sorted. */
export function listTree(root: string): { path: string; folder: boolean; mode: number }[] {
  const out: { path: string; folder: boolean; mode: number }[] = [];
  const walk = (rel: string) => {
    const names = readdirSync(join(root, rel)).sort();
    for (const name of names) {
      const path = rel ? `${rel}/${name}` : name;
      const stat = statSync(join(root, path));
      out.push({ path, folder: stat.isDirectory(), mode: stat.mode & 0o777 });
      if (stat.isDirectory()) walk(path);
    }
  };
  walk('');
  return out;
}

/**
 * The groups of paths that name the same file where case is ignored (Windows, and macOS by
 * default): `A/b.js` and `a/B.js` clash. Each group sorted; none when all is well.
 */
export function caseClashes(paths: string[]): string[][] {
  const byFolded = new Map<string, string[]>();
  for (const path of paths) {
    const folded = path.toLowerCase();
    byFolded.set(folded, [...(byFolded.get(folded) ?? []), path]);
  }
  return [...byFolded.values()].filter((group) => group.length > 1).map((group) => group.sort());
}

/**
 * Why `file` is not a Windows PE image (an .exe or a .node DLL), or undefined when it is:
 * `MZ` at 0, then `PE\0\0` at the offset the DOS header holds at 0x3C.
 */
export function notPeReason(file: string): string | undefined {
  const head = Buffer.alloc(4096);
  const fd = openSync(file, 'r');
  const read = (() => {
    try {
      return readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  })();
  if (read < 0x40 || head.toString('latin1', 0, 2) !== 'MZ') return 'pas de signature MZ au début';
  const peAt = head.readUInt32LE(0x3c);
  if (peAt + 4 > read) return `en-tête PE annoncé hors des premiers octets (${peAt})`;
  if (head.toString('latin1', peAt, peAt + 4) !== 'PE\0\0') return `pas de signature PE à ${peAt}`;
  return undefined;
}
