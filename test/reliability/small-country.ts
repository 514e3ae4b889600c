import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importEntryFiles } from '@oise/entry';
import { type Node, enroll, fingerprintOf, writePublicIdentity } from '@oise/node';
import { makeTestNode } from '@oise/testkit';
import type { Signer } from './bundle-tools.js';

export const NOW = '2025-04-20T08:00:00.000Z';

/** National ML, region ML04 and cercle ML0401 (demo territory), each enrolled at its neighbours. */
export interface SmallCountry {
  national: Node;
  region: Node;
  cercle: Node;
  close(): Promise<void>;
}

export async function makeSmallCountry(root: string): Promise<SmallCountry> {
  const national = await makeTestNode(root, 'national', 'ML');
  const region = await makeTestNode(root, 'region', 'ML04');
  const cercle = await makeTestNode(root, 'cercle', 'ML0401');
  await link(root, national, region);
  await link(root, region, cercle);
  return {
    national,
    region,
    cercle,
    async close() {
      for (const n of [national, region, cercle]) await n.close();
    },
  };
}

/** Each side enrols the other's public identity (as `oise key export` + `oise enroll` do). */
export async function link(root: string, parent: Node, child: Node): Promise<void> {
  const keys = join(root, 'cles-publiques');
  mkdirSync(keys, { recursive: true });
  const p = join(keys, `${parent.identity.code}.json`);
  const c = join(keys, `${child.identity.code}.json`);
  writePublicIdentity(parent, p);
  writePublicIdentity(child, c);
  await enroll(parent, c, NOW);
  await enroll(child, p, NOW);
}

export function signerOf(node: Node): Signer {
  return {
    privateKeyPath: node.paths.privateKey,
    fingerprint: fingerprintOf(readFileSync(node.paths.publicKey, 'utf8')),
  };
}

/** The cercle enters a quarter's figures for its communes through a CSV import. */
export async function enterQuarter(
  cercle: Node,
  period: string,
  values: { indicator: string; base: number }[],
  now = NOW,
): Promise<void> {
  const communes = (
    await cercle.db
      .selectFrom('org_unit')
      .select('code')
      .where('parent_code', '=', cercle.identity.code)
      .execute()
  ).map((u) => u.code);
  const lines = communes.flatMap((c, i) => values.map((v) => `${c};${v.indicator};${period};;${v.base + i}`));
  const file = join(cercle.paths.root, `saisie-${period}.csv`);
  writeFileSync(file, `code_collectivite;code_indicateur;periode;categorie;valeur\n${lines.join('\n')}\n`);
  const result = await importEntryFiles(cercle.db, {
    node: { code: cercle.identity.code, level: 'cercle' },
    files: [file],
    now,
  });
  if (!result.written)
    throw new Error(`enterQuarter: import refused ${JSON.stringify(result.findings.slice(0, 3))}`);
}
