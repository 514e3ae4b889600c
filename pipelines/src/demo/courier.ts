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
      for (const file of readdirSync(from)) {
        if (file.startsWith('.')) continue;
        renameSync(join(from, file), join(target, 'inbox', file));
        moved++;
      }
    }
  }
  return moved;
}
