import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { consolidateQuarter } from '@oise/consolidate';
import { importEntryFiles } from '@oise/entry';
import type { Node } from '@oise/node';
import { FIXTURES, TEST_NOW, makeTestNode } from '@oise/testkit';
import type { Dhis2Mapping } from '../code-mapping.js';
import { idSchemes } from '../dhis2-ids.js';
import { loadMapping } from '../mapping-file.js';

export const MAPPING_FIXTURE = join(FIXTURES.catalog, '..', 'dhis2-correspondances.csv');
export const CERCLE = { code: 'ML0401', level: 'cercle' as const };

/**
 * The quarter of Barouéli (ML0401) a CCC adviser entered: mapped health and education figures
 * on its five communes (sex-disaggregated teachers with their totals, a comment, a decimal-free
 * count), one unmapped governance figure (a decimal).
 */
export const BAROUELI_T1 = [
  'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire',
  'ML040101;SAN_CSCOM;2025Q1;;2;',
  'ML040106;SAN_CSCOM;2025Q1;;3;un nouveau CSCOM, ouvert en mars',
  'ML040109;SAN_CSCOM;2025Q1;;1;',
  'ML040110;SAN_CSCOM;2025Q1;;2;',
  'ML040112;SAN_CSCOM;2025Q1;;1;',
  'ML040101;SAN_CPN;2025Q1;;120;',
  'ML040106;SAN_CPN;2025Q1;;95;',
  'ML040109;SAN_CPN;2025Q1;;64;',
  'ML040101;SAN_ACC_ATTENDUS;2025Q1;;40;',
  'ML040101;SAN_ACC_ASSISTES;2025Q1;;30;',
  'ML040106;SAN_ACC_ATTENDUS;2025Q1;;36;',
  'ML040106;SAN_ACC_ASSISTES;2025Q1;;27;',
  'ML040101;EDU_ENSEIGNANTS;2025Q1;F;12;',
  'ML040101;EDU_ENSEIGNANTS;2025Q1;M;20;',
  'ML040101;EDU_ENSEIGNANTS;2025Q1;;32;',
  'ML040110;EDU_ENSEIGNANTS;2025Q1;F;7;',
  'ML040110;EDU_ENSEIGNANTS;2025Q1;M;9;',
  'ML040110;EDU_ENSEIGNANTS;2025Q1;;16;',
  'ML040101;GOV_BUDGET_PREVU;2025Q1;;12500000,5;budget primitif',
];

/** A cercle node for ML0401 under `root/<name>`, holding BAROUELI_T1, consolidated. */
export async function sourceNode(root: string, name = 'source'): Promise<Node> {
  const node = await makeTestNode(join(root, name), 'cercle', 'ML0401');
  const file = join(root, `${name}-saisie.csv`);
  writeFileSync(file, `${BAROUELI_T1.join('\n')}\n`);
  const result = await importEntryFiles(node.db, { node: CERCLE, files: [file], now: TEST_NOW });
  if (!result.accepted) throw new Error(JSON.stringify(result.findings));
  await consolidateQuarter(node.db, { quarter: '2025Q1', nodeCode: 'ML0401', now: TEST_NOW });
  return node;
}

/** An empty cercle node for ML0401 (territory loaded) under `root/<name>`. */
export async function freshNode(root: string, name: string): Promise<Node> {
  return makeTestNode(join(root, name), 'cercle', 'ML0401');
}

export function fixtureMapping(node: Node): Promise<Dhis2Mapping> {
  return loadMapping(node.db, MAPPING_FIXTURE, idSchemes('uid'));
}

/** Every live stored value of a node, comparable across nodes. */
export async function storedValues(node: Node) {
  const rows = await node.db
    .selectFrom('data_value')
    .select(['org_unit_code', 'indicator_code', 'period', 'category', 'value', 'value_text', 'comment'])
    .where('deleted', '=', 0)
    .orderBy(['org_unit_code', 'indicator_code', 'period', 'category'])
    .execute();
  return rows;
}

/** What the source holds that a DHIS2 exchange carries: mapped indicators, F/M rather than their total. */
export function exchangeable(rows: Awaited<ReturnType<typeof storedValues>>) {
  return rows.filter(
    (r) =>
      r.indicator_code !== 'GOV_BUDGET_PREVU' &&
      !(r.indicator_code === 'EDU_ENSEIGNANTS' && r.category === ''),
  );
}
