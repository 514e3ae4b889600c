import { renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { importEntryFiles } from '@oise/entry';
import { type Node, enroll, writePublicIdentity } from '@oise/node';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { exportBundles } from './export-bundles.js';
import { ingestBundles } from './ingest-bundles.js';

const LATER = '2025-04-12T09:00:00.000Z';

async function journalOf(node: Node, channel: string) {
  const rows = await node.db
    .selectFrom('journal')
    .select(['row_key', 'old_value', 'new_value', 'old_revision', 'new_revision', 'author'])
    .where('table_name', '=', 'data_value')
    .where('channel', '=', channel)
    .orderBy('id')
    .execute();
  return rows;
}

describe('the journal of a value applied from a bundle', () => {
  test('reads as the journal of the import that entered it: same key, same JSON, same revisions', async ({
    tmp,
  }) => {
    const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
    const region = await makeTestNode(tmp, 'region', 'ML04');
    try {
      writePublicIdentity(region, join(tmp, 'ML04.json'));
      writePublicIdentity(cercle, join(tmp, 'ML0401.json'));
      await enroll(cercle, join(tmp, 'ML04.json'), TEST_NOW);
      await enroll(region, join(tmp, 'ML0401.json'), TEST_NOW);
      const importAndSend = async (lines: string[], now: string) => {
        const file = join(tmp, `saisie-${now.slice(0, 10)}.csv`);
        writeFileSync(
          file,
          ['code_collectivite;code_indicateur;periode;valeur;commentaire', ...lines].join('\n'),
        );
        const result = await importEntryFiles(cercle.db, {
          node: { code: 'ML0401', level: 'cercle' },
          files: [file],
          now,
        });
        expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
        expect(result.written).toBe(true);
        const { written } = await exportBundles(cercle, { now });
        for (const bundle of written)
          renameSync(bundle.file, join(region.paths.inbox, basename(bundle.file)));
        const applied = await ingestBundles(region, { now });
        expect(applied.map((r) => r.status)).toEqual(['applied']);
      };
      // 0.3333333333333333 needs 16 digits: SQLite's own JSON would write 0.33333333333333332.
      await importAndSend(
        [
          'ML040101;SAN_CSCOM;2025Q1;4;',
          'ML040106;SAN_CSCOM;2025Q1;2;un CSCom fermé en mars',
          'ML040101;HYD_DELAI_REPARATION;2025Q1;0,3333333333333333;',
          'ML040106;HYD_DELAI_REPARATION;2025Q1;12,5;',
        ],
        TEST_NOW,
      );
      await importAndSend(
        [
          'ML040101;SAN_CSCOM;2025Q1;5;un de plus',
          'ML040106;SAN_CSCOM;2025Q1;2;un CSCom fermé en mars',
          'ML040101;HYD_DELAI_REPARATION;2025Q1;0,3333333333333333;',
          'ML040106;HYD_DELAI_REPARATION;2025Q1;7,25;',
        ],
        LATER,
      );

      const entered = await journalOf(cercle, 'csv');
      expect(entered).toHaveLength(6);
      expect(entered.map((j) => j.new_value)).toContain('{"value":0.3333333333333333,"comment":null}');
      expect(entered).toContainEqual({
        row_key: 'ML040101|SAN_CSCOM|2025Q1|',
        old_value: '{"value":4,"comment":null}',
        new_value: '{"value":5,"comment":"un de plus"}',
        old_revision: 1,
        new_revision: 2,
        author: 'ML0401',
      });
      expect(await journalOf(region, 'bundle')).toEqual(entered);
    } finally {
      await cercle.close();
      await region.close();
    }
  });
});
