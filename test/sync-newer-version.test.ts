import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliCaptured } from '@oise/cli';
import { type Node, enroll, fingerprintOf, withNode, writePublicIdentity } from '@oise/node';
import { SYNCED_TABLES } from '@oise/schema';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleRow,
  NEWEST_SCHEMA,
  OISE_VERSION,
  bundleFileName,
  encodeBundle,
  startHttpInbox,
} from '@oise/sync';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';

/**
 * SPEC §8 from the other side: a bundle from a node one version ahead. What it needs is named at
 * both ends when this version cannot read it ([V9]); rows of a newer table its writer marked
 * skippable are left out, and said ([C4]).
 */

const NOW = '2025-04-20T08:00:00.000Z';
const FUTURE = '0009-future-table';

function cli(args: string[]) {
  return runCliCaptured(args, { OISE_NOW: NOW });
}

const VALUE: BundleRow = {
  table: 'data_value',
  row: {
    org_unit_code: 'ML040101',
    indicator_code: 'SAN_CSCOM',
    period: '2025Q1',
    category: '',
    value: 6,
    value_text: null,
    comment: null,
    author: 'ML0401',
    channel: 'csv',
    deleted: 0,
    owner: 'ML0401',
    revision: 1,
    updated_at: NOW,
  },
};

/** What a later OISE (schema `0009-future-table`) at the cercle would write to its region. */
function futureBundle(
  cercle: Node,
  options: { schemaVersion: string; skippable?: string[]; rows: BundleRow[]; sequence?: number },
): Buffer {
  const counts: Record<string, number> = Object.fromEntries(Object.keys(SYNCED_TABLES).map((t) => [t, 0]));
  for (const r of options.rows) counts[r.table] = (counts[r.table] ?? 0) + 1;
  return encodeBundle(
    {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      schemaVersion: options.schemaVersion,
      writer: { oise: '0.2.0', schemaVersion: FUTURE },
      ...(options.skippable ? { skippable: options.skippable } : {}),
      sender: 'ML0401',
      senderLevel: 'cercle',
      recipient: 'ML04',
      direction: 'up',
      sequence: options.sequence ?? 1,
      full: false,
      changes: { from: 0, to: 10 },
      ack: { sequence: 0, localSeq: 0 },
      quarters: ['2025Q1'],
      counts,
      rowCount: options.rows.length,
      createdAt: NOW,
    },
    options.rows as never,
    {
      privateKeyPath: cercle.paths.privateKey,
      keyFingerprint: fingerprintOf(readFileSync(cercle.paths.publicKey, 'utf8')),
    },
  ).bytes;
}

async function pair(tmp: string) {
  const region = await makeTestNode(tmp, 'region', 'ML04');
  const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
  writePublicIdentity(region, join(tmp, 'ML04.json'));
  writePublicIdentity(cercle, join(tmp, 'ML0401.json'));
  await enroll(region, join(tmp, 'ML0401.json'), NOW);
  await enroll(cercle, join(tmp, 'ML04.json'), NOW);
  return { region, cercle };
}

describe('a bundle from a newer version (SPEC §8)', () => {
  test('one that needs a newer schema is refused, naming the versions of both ends', async ({ tmp }) => {
    const { region, cercle } = await pair(tmp);
    const bytes = futureBundle(cercle, { schemaVersion: FUTURE, rows: [VALUE] });
    await region.close();
    await cercle.close();
    const file = join(tmp, 'ML04', 'inbox', bundleFileName('ML0401', 'ML04', 1));
    writeFileSync(file, bytes);
    const r = await cli(['ingest', '--dir', join(tmp, 'ML04')]);
    expect(r.code).toBe(1);
    const expected = `ce paquet demande une version d'OISE qui connaît le schéma « ${FUTURE} » ; ce poste a OISE ${OISE_VERSION}, qui s'arrête au schéma « ${NEWEST_SCHEMA} » ; ML0401 l'a écrit avec OISE 0.2.0 (schéma « ${FUTURE} »). Installez sur ce poste OISE 0.2.0 ou plus récent, puis redéposez le paquet : rien n'a été enregistré.`;
    expect(r.stderr).toBe(`Paquet refusé ML0401-ML04-000001.oise.gz [BUNDLE_SCHEMA] : ${expected}\n`);
    const motif = readFileSync(
      join(tmp, 'ML04', 'inbox', 'rejected', 'ML0401-ML04-000001.oise.gz.motif.txt'),
      'utf8',
    );
    expect(motif).toContain(`Motif : ${expected}`);
  });

  test('the sender hears it over HTTP: which schema the recipient lacks, and its own version', async ({
    tmp,
  }) => {
    const { region, cercle } = await pair(tmp);
    const inbox = await startHttpInbox(region, { port: 0, clock: () => NOW, log: () => undefined });
    try {
      const folder = join(tmp, 'ML0401', 'outbox', 'ML04');
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        join(folder, bundleFileName('ML0401', 'ML04', 1)),
        futureBundle(cercle, { schemaVersion: FUTURE, rows: [VALUE] }),
      );
      await cercle.close();
      const dir = join(tmp, 'ML0401');
      expect((await cli(['settings', '--dir', dir, 'transport.parent-url', inbox.url])).code).toBe(0);
      const sent = await cli(['send', '--dir', dir]);
      expect(sent.code).toBe(1);
      expect(sent.stderr).toMatch(
        new RegExp(
          `^Paquet refusé par ML04 : ML0401-ML04-000001\\.oise\\.gz — ML04 ne lit pas encore ce paquet : il demande le schéma « ${FUTURE} », que sa version d'OISE ne connaît pas\\. Mettez OISE à jour chez ML04 \\(ce poste a OISE ${OISE_VERSION.replaceAll('.', '\\.')}, schéma « ${NEWEST_SCHEMA} »\\) ; ses lignes repartiront au prochain paquet\\. Motif donné par ML04 : ce paquet demande une version d'OISE qui connaît le schéma`,
        ),
      );
      const kept = readdirSync(join(folder, 'envoyes'));
      expect(kept.sort()).toEqual(['ML0401-ML04-000001.oise.gz', 'ML0401-ML04-000001.oise.gz.motif.txt']);
    } finally {
      await inbox.close();
      await region.close();
    }
  });

  test('rows of a newer table its writer marked skippable are left out and said; the rest applies', async ({
    tmp,
  }) => {
    const { region, cercle } = await pair(tmp);
    const note = (n: number): BundleRow =>
      ({
        table: 'commune_comment',
        row: { id: `c${n}`, text: 'RAS', owner: 'ML0401', revision: 1 },
      }) as never;
    const skippable = futureBundle(cercle, {
      schemaVersion: NEWEST_SCHEMA,
      skippable: ['commune_comment'],
      rows: [VALUE, note(1), note(2)],
    });
    const unmarked = futureBundle(cercle, {
      schemaVersion: NEWEST_SCHEMA,
      rows: [VALUE, note(1)],
      sequence: 2,
    });
    await region.close();
    await cercle.close();
    const inbox = join(tmp, 'ML04', 'inbox');
    writeFileSync(join(inbox, bundleFileName('ML0401', 'ML04', 1)), skippable);
    writeFileSync(join(inbox, bundleFileName('ML0401', 'ML04', 2)), unmarked);
    const r = await cli(['ingest', '--dir', join(tmp, 'ML04')]);
    expect(r.stdout).toBe(
      'ML0401-ML04-000001.oise.gz : appliqué (ML0401, n° 1) — 3 lignes reçues, 1 nouvelle ou plus récente ; ignorées, tables que cette version ne connaît pas : commune_comment (2).\n',
    );
    // Without the writer's word, an unknown table is never dropped silently.
    expect(r.stderr).toMatch(
      /^Paquet refusé ML0401-ML04-000002\.oise\.gz \[BUNDLE_SEQUENCE\] : .*« commune_comment »/,
    );
    expect(r.code).toBe(1);
    await withNode(join(tmp, 'ML04'), async (node) => {
      const stored = await node.db.selectFrom('data_value').select(['org_unit_code', 'value']).execute();
      expect(stored).toEqual([{ org_unit_code: 'ML040101', value: 6 }]);
    });
  });
});
