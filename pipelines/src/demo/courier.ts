import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The courier: takes what each node left in `outbox/<recipient>/` and drops it into the
 * recipient's `inbox/`, as a USB key or an e-mail would. Returns how many files travelled.
 */
export function carryBundles(nodes: ReadonlyMap<string, string>): number {
  let moved = 0;
  for (const dir of nodes.values()) {
    const outbox = join(dir, 'outbox');
    if (!existsSync(outbox)) continue;
    for (const recipient of readdirSync(outbox)) {
      const target = nodes.get(recipient);
      if (!target) continue;
      const from = join(outbox, recipient);
      mkdirSync(join(target, 'inbox'), { recursive: true });
      // Only files: `envoyes/` holds what already went over HTTP.
      for (const entry of readdirSync(from, { withFileTypes: true })) {
        if (!entry.isFile() || entry.name.startsWith('.')) continue;
        renameSync(join(from, entry.name), join(target, 'inbox', entry.name));
        moved++;
      }
    }
  }
  return moved;
}
