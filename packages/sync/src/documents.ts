import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@oise/core';
import type { Node } from '@oise/node';

/** Where a received document lands: `reports/<national|owner>/<period>/<file_name>`. */
export function documentPath(node: Node, doc: { owner: string; period: string; file_name: string }): string {
  const who = doc.owner === node.identity.nationalCode ? 'national' : doc.owner;
  return join(node.paths.reports, who, doc.period, doc.file_name);
}

/**
 * Writes the stored version of each document as a file (after checking its SHA-256), or
 * removes the file of a deleted one. Returns the paths written.
 */
export async function materializeDocuments(node: Node, ids: readonly string[]): Promise<string[]> {
  const written: string[] = [];
  for (let i = 0; i < ids.length; i += 200) {
    const docs = await node.db
      .selectFrom('document')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 200))
      .execute();
    for (const doc of docs) {
      const path = documentPath(node, doc);
      if (doc.deleted) {
        rmSync(path, { force: true });
        continue;
      }
      const content = Buffer.from(doc.content);
      if (createHash('sha256').update(content).digest('hex') !== doc.sha256) continue;
      if (existsSync(path) && createHash('sha256').update(readFileSync(path)).digest('hex') === doc.sha256) {
        continue;
      }
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileAtomic(path, content);
      written.push(path);
    }
  }
  return written;
}
