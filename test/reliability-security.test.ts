import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { consolidateQuarter } from '@oise/consolidate';
import { type Node, revoke } from '@oise/node';
import { generateReports, registerReportDocuments } from '@oise/report';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BUNDLE_SCHEMA_VERSION,
  type BundleRow,
  type IngestFileResult,
  encodeBundle,
  exportBundles,
  ingestBundles,
} from '@oise/sync';
import { makeTestNode, test } from '@oise/testkit';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openBundle, sealBundle } from './reliability/bundle-tools.js';
import { changedTables, fingerprint } from './reliability/db-fingerprint.js';
import { pemBody, readableContents } from './reliability/file-scan.js';
import { Tally, isFrench, watchUnhandled } from './reliability/harness.js';
import { type OiseCli, buildOiseCli } from './reliability/oise-process.js';
import { NOW, enterQuarter, makeSmallCountry, signerOf } from './reliability/small-country.js';

/**
 * Attacks on the sync layer, each one a case of the tally: replays, late and older revisions,
 * revoked and unknown keys, bundles for someone else, rows outside the sender's territory, a
 * zip bomb, names and links that try to leave the inbox. All refused (or harmless), nothing
 * changed; and private keys never leave `keys/`.
 */
const tally = new Tally('security', 0);
const watch = watchUnhandled();
let cli: OiseCli;

beforeAll(() => {
  cli = buildOiseCli();
});

afterAll(() => {
  cli.remove();
  watch.stop();
  const counts = tally.report(watch.seen.length);
  expect(counts.failures).toEqual([]);
  expect(tally.clean).toBe(true);
});

/** Drops `bytes` into `node`'s inbox, ingests, and checks a refusal changed nothing. */
async function attack(
  node: Node,
  name: string,
  bytes: Uint8Array,
  expected: { code: string } | 'harmless',
): Promise<IngestFileResult> {
  writeFileSync(join(node.paths.inbox, name), bytes);
  return attackInbox(node, name, expected);
}

async function attackInbox(
  node: Node,
  name: string,
  expected: { code: string } | 'harmless',
): Promise<IngestFileResult> {
  const before = await fingerprint(node.db);
  const [result] = await ingestBundles(node, { now: NOW });
  const changed = changedTables(before, await fingerprint(node.db));
  if (!result) throw new Error(`${name}: nothing ingested`);
  if (expected === 'harmless') {
    // Applied or a duplicate, but the stored rows must not change.
    const data = changed.filter((t) => t !== 'sync_peer' && t !== 'change_counter');
    if (result.status === 'rejected') tally.refused(result.code ?? '?');
    else tally.accepted();
    if (data.length > 0) tally.fail('forgeriesAccepted', `${name}: ${data.join(',')} changed`);
    expect(data).toEqual([]);
    return result;
  }
  if (result.status === 'rejected') tally.refused(result.code ?? '?');
  else tally.fail('forgeriesAccepted', `${name}: ${result.status}, expected ${expected.code}`);
  if (changed.length > 0) tally.fail('partialWrites', `${name}: ${changed.join(',')}`);
  expect(result).toMatchObject({ status: 'rejected', code: expected.code });
  expect(isFrench(result.reason)).toBe(true);
  expect(changed).toEqual([]);
  return result;
}

function dataValue(unit: string, owner: string, value: number, revision: number): BundleRow {
  return {
    table: 'data_value',
    row: {
      org_unit_code: unit,
      indicator_code: 'SAN_CSCOM',
      period: '2025Q1',
      category: '',
      value,
      value_text: null,
      comment: null,
      author: 'x',
      channel: 'csv',
      owner,
      revision,
      updated_at: NOW,
      deleted: 0,
    },
  };
}

/** A bundle written by hand and signed with `sender`'s own key: what a hostile neighbour could send. */
function craft(
  sender: Node,
  recipient: string,
  direction: 'up' | 'down',
  rows: BundleRow[],
  sequence = 50,
): Buffer {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.table] = (counts[r.table] ?? 0) + 1;
  return encodeBundle(
    {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      schemaVersion: BUNDLE_SCHEMA_VERSION,
      sender: sender.identity.code,
      senderLevel: sender.identity.level,
      recipient,
      direction,
      sequence,
      full: false,
      changes: { from: 0, to: 1 },
      ack: { sequence: 0, localSeq: 0 },
      quarters: ['2025Q1'],
      counts: counts as never,
      rowCount: rows.length,
      createdAt: NOW,
    },
    rows,
    { privateKeyPath: sender.paths.privateKey, keyFingerprint: signerOf(sender).fingerprint },
  ).bytes;
}

async function storedValue(node: Node, unit: string) {
  return node.db
    .selectFrom('data_value')
    .select(['value', 'revision'])
    .where('org_unit_code', '=', unit)
    .where('indicator_code', '=', 'SAN_CSCOM')
    .where('period', '=', '2025Q1')
    .where('category', '=', '')
    .executeTakeFirst();
}

describe('security: bundles that must not get in', () => {
  test('replays, late and older revisions, revoked, unknown and misaddressed senders, rows out of scope', async ({
    tmp,
  }) => {
    const { national, region, cercle, close } = await makeSmallCountry(tmp);
    const stranger = await makeTestNode(join(tmp, 'inconnu'), 'cercle', 'ML0402');
    try {
      await enterQuarter(cercle, '2025Q1', [{ indicator: 'SAN_CSCOM', base: 2 }]);
      const first = (await exportBundles(cercle, { now: NOW, to: 'ML04' })).written[0]!;
      const firstBytes = readFileSync(first.file);
      const commune = 'ML040101';

      // The genuine bundle applies; the same file again is a harmless duplicate.
      writeFileSync(join(region.paths.inbox, 'a.oise.gz'), firstBytes);
      expect((await ingestBundles(region, { now: NOW }))[0]?.status).toBe('applied');
      const replay = await attack(region, 'rejoue.oise.gz', firstBytes, 'harmless');
      expect(replay.status).toBe('duplicate');

      // The cercle corrects the value (revision 2); the region gets the new bundle, then the old one late.
      const csv = join(cercle.paths.root, 'correction.csv');
      writeFileSync(
        csv,
        `code_collectivite;code_indicateur;periode;categorie;valeur\n${commune};SAN_CSCOM;2025Q1;;9\n`,
      );
      const { importEntryFiles } = await import('@oise/entry');
      await importEntryFiles(cercle.db, {
        node: { code: 'ML0401', level: 'cercle' },
        files: [csv],
        now: NOW,
      });
      const second = (await exportBundles(cercle, { now: NOW, to: 'ML04' })).written[0]!;
      writeFileSync(join(region.paths.inbox, 'b.oise.gz'), readFileSync(second.file));
      expect((await ingestBundles(region, { now: NOW }))[0]?.status).toBe('applied');
      expect(await storedValue(region, commune)).toEqual({ value: 9, revision: 2 });
      // The first bundle under another name and re-compressed: the same content, a duplicate.
      await attack(
        region,
        'ancien.oise.gz',
        sealBundle(openBundle(firstBytes), {
          signer: signerOf(cercle),
          fixHash: true,
          fixCounts: true,
          level: 1,
        }),
        'harmless',
      );
      // A signed bundle with an older, then an equal, revision and another value: stored value unchanged.
      await attack(
        region,
        'revision-1.oise.gz',
        craft(cercle, 'ML04', 'up', [dataValue(commune, 'ML0401', 1234, 1)], 60),
        'harmless',
      );
      await attack(
        region,
        'revision-2.oise.gz',
        craft(cercle, 'ML04', 'up', [dataValue(commune, 'ML0401', 4321, 2)], 61),
        'harmless',
      );
      expect(await storedValue(region, commune)).toEqual({ value: 9, revision: 2 });

      // For someone else: the cercle's bundle to ML04 handed to national.
      await attack(national, 'autre-destinataire.oise.gz', firstBytes, { code: 'BUNDLE_WRONG_RECIPIENT' });
      // Unknown sender: a cercle nobody enrolled.
      await attack(
        region,
        'inconnu.oise.gz',
        craft(stranger, 'ML04', 'up', [dataValue('ML040201', 'ML0402', 5, 1)]),
        { code: 'BUNDLE_UNKNOWN_SENDER' },
      );

      // Out of the sender's territory or rights, signed by a genuine neighbour.
      await attack(
        national,
        'hors-territoire.oise.gz',
        craft(region, 'ML', 'up', [dataValue('ML030101', 'ML0401', 5, 1)]),
        { code: 'BUNDLE_SCOPE' },
      );
      await attack(
        national,
        'autre-proprietaire.oise.gz',
        craft(region, 'ML', 'up', [dataValue('ML030101', 'ML0301', 5, 1)]),
        { code: 'BUNDLE_SCOPE' },
      );
      await attack(
        region,
        'ligne-du-parent.oise.gz',
        craft(cercle, 'ML04', 'up', [dataValue(commune, 'ML04', 5, 9)]),
        { code: 'BUNDLE_SCOPE' },
      );
      const orgUnit: BundleRow = {
        table: 'org_unit',
        row: {
          code: 'ML040199',
          valid_from: '2000-01-01',
          valid_to: null,
          name: 'Pirate',
          level: 'commune',
          parent_code: 'ML0401',
          owner: 'ML0401',
          revision: 1,
          updated_at: NOW,
        },
      };
      await attack(region, 'reference-montante.oise.gz', craft(cercle, 'ML04', 'up', [orgUnit]), {
        code: 'BUNDLE_SCOPE',
      });
      const aggregate: BundleRow = {
        table: 'aggregate_value',
        row: {
          indicator_code: 'SAN_CSCOM',
          org_unit_code: 'ML04',
          period: '2025Q1',
          category: '',
          source: 'published',
          value: 1e6,
          numerator: null,
          denominator: null,
          reporting: 1,
          expected: 1,
          on_time: 1,
          computed_by: 'ML04',
          computed_at: NOW,
          owner: 'ML04',
          revision: 99,
          updated_at: NOW,
        },
      };
      await attack(cercle, 'agregat-region.oise.gz', craft(region, 'ML0401', 'down', [aggregate]), {
        code: 'BUNDLE_SCOPE',
      });
      await attack(
        cercle,
        'ma-propre-ligne.oise.gz',
        craft(region, 'ML0401', 'down', [dataValue(commune, 'ML0401', 777, 99)]),
        { code: 'BUNDLE_SCOPE' },
      );
      // A child writing down, a parent writing up.
      await attack(region, 'sens-interdit.oise.gz', craft(cercle, 'ML04', 'down', []), {
        code: 'BUNDLE_DIRECTION',
      });

      // Revoked: the region revokes the cercle's key; its next genuine bundle is refused.
      await revoke(region, 'ML0401', NOW);
      await attack(
        region,
        'revoque.oise.gz',
        craft(cercle, 'ML04', 'up', [dataValue(commune, 'ML0401', 11, 3)], 70),
        { code: 'BUNDLE_REVOKED_SENDER' },
      );
      expect(await storedValue(region, commune)).toEqual({ value: 9, revision: 2 });
    } finally {
      await close();
      await stranger.close();
    }
  });

  test('names and links that try to leave the inbox, documents aimed outside reports/', async ({ tmp }) => {
    const { region, cercle, close } = await makeSmallCountry(tmp);
    try {
      await enterQuarter(cercle, '2025Q1', [{ indicator: 'SAN_CSCOM', base: 2 }]);
      const genuine = readFileSync((await exportBundles(cercle, { now: NOW, to: 'ML04' })).written[0]!.file);
      // A link in the inbox to a file outside it: refused, and the target neither moved nor changed.
      const outside = join(tmp, 'dehors.oise.gz');
      writeFileSync(outside, genuine);
      symlinkSync(outside, join(region.paths.inbox, 'lien.oise.gz'));
      await attackInbox(region, 'lien.oise.gz', { code: 'BUNDLE_PATH' });
      expect(readFileSync(outside).equals(genuine)).toBe(true);
      symlinkSync('/etc/passwd', join(region.paths.inbox, 'passwd.oise.gz'));
      await attackInbox(region, 'passwd.oise.gz', { code: 'BUNDLE_PATH' });
      await attack(region, 'a..b.oise.gz', genuine, { code: 'BUNDLE_PATH' });

      // Documents in a DOWN bundle signed by the genuine parent, named to land elsewhere.
      const content = Buffer.from('pas un rapport');
      const sha = createHash('sha256').update(content).digest('hex');
      const names = [
        '../../../evade.txt',
        '/tmp/evade.txt',
        '..\\..\\evade.txt',
        'C:\\evade.txt',
        '.cache',
        '..',
      ];
      for (const [i, fileName] of names.entries()) {
        const doc: BundleRow = {
          table: 'document',
          row: {
            id: `rapport:x:${i}`,
            period: '2025Q1',
            org_unit_code: 'ML',
            kind: 'report-workbook',
            title: 'x',
            file_name: fileName,
            media_type: 'text/plain',
            sha256: sha,
            size: content.length,
            content,
            created_at: NOW,
            owner: 'ML',
            revision: 1,
            updated_at: NOW,
            deleted: 0,
          },
        };
        await attack(cercle, `document-${i}.oise.gz`, craft(region, 'ML0401', 'down', [doc], 80 + i), {
          code: 'BUNDLE_SCOPE',
        });
      }
      const periods = ['../../x', '2025Q1/../..', ''];
      for (const [i, period] of periods.entries()) {
        const doc: BundleRow = {
          table: 'document',
          row: {
            id: `rapport:p:${i}`,
            period,
            org_unit_code: 'ML',
            kind: 'report-workbook',
            title: 'x',
            file_name: 'ok.txt',
            media_type: 'text/plain',
            sha256: sha,
            size: content.length,
            content,
            created_at: NOW,
            owner: 'ML',
            revision: 1,
            updated_at: NOW,
            deleted: 0,
          },
        };
        await attack(cercle, `periode-${i}.oise.gz`, craft(region, 'ML0401', 'down', [doc], 90 + i), {
          code: 'BUNDLE_SCOPE',
        });
      }
      expect(existsSync(join(tmp, 'evade.txt'))).toBe(false);
      expect(existsSync('/tmp/evade.txt')).toBe(false);
    } finally {
      await close();
    }
  });

  test('a zip bomb: a small file that expands past the limit is refused, by the library and by oise ingest', async ({
    tmp,
  }) => {
    const { region, cercle, close } = await makeSmallCountry(tmp);
    try {
      const opened = openBundle(craft(cercle, 'ML04', 'up', []));
      // Library, with a small limit: 8 MiB of spaces after the manifest, limit 1 MiB.
      const bombText = Buffer.concat([
        Buffer.from(`${JSON.stringify(opened.manifest)}\n`),
        Buffer.alloc(8 << 20, 0x20),
        Buffer.from('\n{}\n'),
      ]);
      const { gzipSync } = await import('node:zlib');
      const small = gzipSync(bombText, { level: 9 });
      expect(small.length).toBeLessThan(64 * 1024);
      writeFileSync(join(region.paths.inbox, 'bombe.oise.gz'), small);
      const before = await fingerprint(region.db);
      const [r] = await ingestBundles(region, {
        now: NOW,
        limits: { maxCompressedBytes: 1 << 20, maxDecompressedBytes: 1 << 20, maxLineBytes: 1 << 20 },
      });
      expect(r).toMatchObject({ status: 'rejected', code: 'BUNDLE_TOO_LARGE' });
      expect(changedTables(before, await fingerprint(region.db))).toEqual([]);
      tally.refused(r!.code!);

      // The real command with its real limit (512 MiB): a 0.6 MB file expanding to 520 MiB.
      const bomb = join(tmp, 'grosse-bombe.oise.gz');
      await pipeline(
        Readable.from(
          (function* () {
            yield Buffer.from(`${JSON.stringify(opened.manifest)}\n`);
            for (let i = 0; i < 520; i++) yield Buffer.alloc(1 << 20, 0x20);
          })(),
        ),
        createGzip({ level: 9 }),
        createWriteStream(bomb),
      );
      expect(statSync(bomb).size).toBeLessThan(2 << 20);
      await region.close();
      const run = await cli.run(['ingest', '--dir', region.paths.root, bomb], { OISE_NOW: NOW });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/dépasse .* octets/);
      expect(run.stderr).not.toMatch(/Erreur inattendue/);
      tally.refused('BUNDLE_TOO_LARGE');
    } finally {
      await close().catch(() => {});
    }
  });
});

describe('security: private keys stay in keys/', () => {
  test('never in a bundle, a report, a document or the database; keys/ closed to others', async ({ tmp }) => {
    const { national, region, cercle, close } = await makeSmallCountry(tmp);
    const nodes = [national, region, cercle];
    try {
      await enterQuarter(cercle, '2025Q1', [
        { indicator: 'SAN_CSCOM', base: 2 },
        { indicator: 'SAN_CPN', base: 50 },
      ]);
      // Up: cercle → region → national (the region's quarter decision is not needed for its own export).
      const carry = async (from: Node, to: Node) => {
        for (const w of (await exportBundles(from, { now: NOW, to: to.identity.code, full: true })).written) {
          writeFileSync(join(to.paths.inbox, w.file.split('/').pop()!), readFileSync(w.file));
        }
        return ingestBundles(to, { now: NOW });
      };
      await carry(cercle, region);
      await carry(region, national);
      // National consolidates, publishes its report, and everything goes back down.
      await consolidateQuarter(national.db, { quarter: '2025Q1', nodeCode: 'ML', now: NOW });
      const reports = await generateReports(national.db, {
        level: 'national',
        unitCode: 'ML',
        quarter: '2025Q1',
        now: NOW,
        outDir: national.paths.reports,
      });
      await registerReportDocuments(national.db, reports.files, { period: '2025Q1', owner: 'ML', now: NOW });
      await carry(national, region);
      await carry(region, cercle);
      await generateReports(region.db, {
        level: 'region',
        unitCode: 'ML04',
        quarter: '2025Q1',
        now: NOW,
        outDir: region.paths.reports,
      });
      expect(reports.files.length).toBeGreaterThan(0);

      const secrets = nodes.map((n) => ({
        code: n.identity.code,
        body: pemBody(readFileSync(n.paths.privateKey, 'utf8')),
      }));
      let scanned = 0;
      for (const n of nodes) {
        await n.close();
        for (const { file, text } of readableContents(
          n.paths.root,
          (rel) => rel.startsWith('keys/') || rel.startsWith('keys\\'),
        )) {
          scanned++;
          for (const s of secrets) {
            // The whole body, and a slice of it (a key cut across lines or columns).
            if (text.includes(s.body) || text.includes(s.body.slice(16, 48))) {
              tally.fail('forgeriesAccepted', `private key of ${s.code} found in ${n.identity.code}/${file}`);
            }
          }
        }
        expect(statSync(join(n.paths.root, 'keys')).mode & 0o077).toBe(0);
        expect(statSync(n.paths.privateKey).mode & 0o077).toBe(0);
      }
      expect(scanned).toBeGreaterThan(10);
      tally.accepted();
    } finally {
      await close().catch(() => {});
    }
  });
});
