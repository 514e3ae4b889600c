import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runCliCaptured } from '@oise/cli';
import { withNode } from '@oise/node';
import { SYNCED_TABLES, type SyncedTable } from '@oise/schema';
import { NEWEST_SCHEMA, READABLE_FROM, SYNCED_ADDITIONS, tableShape } from '@oise/sync';
import { FIXTURES, REPO_ROOT, test } from '@oise/testkit';
import { describe, expect } from 'vitest';

/**
 * SPEC §8: nodes never all upgrade on the same day. The bundles of `fixtures/previous-version/`
 * were written by the previous version (commit 7b826f9, schema 0004, see its README); today's
 * code applies them. The other way, the bundles today's code writes are checked against the
 * rules that version's reader applies (`previous-reader.json`, written by that version).
 */

const PREVIOUS = join(REPO_ROOT, 'fixtures', 'previous-version');
const fixture = (name: string) => join(PREVIOUS, name);

interface PreviousReader {
  commit: string;
  formatVersion: number;
  schemaVersions: string[];
  tables: Record<string, string[]>;
}
const reader = JSON.parse(readFileSync(fixture('previous-reader.json'), 'utf8')) as PreviousReader;

function cli(args: string[], now: string) {
  return runCliCaptured(args, { OISE_NOW: now });
}

async function ok(args: string[], now: string) {
  const r = await cli(args, now);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code, args.join(' ')).toBe(0);
  return r;
}

interface Decoded {
  manifest: Record<string, unknown> & { schemaVersion: string; counts: Record<string, number> };
  rows: { table: string; row: Record<string, unknown> }[];
}

/** A bundle's manifest and rows, read with nothing but gunzip and JSON (as `zcat` shows it). */
function decode(file: string): Decoded {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').slice(0, -1);
  return {
    manifest: JSON.parse(lines[0] as string),
    rows: lines.slice(1, -1).map((l) => JSON.parse(l)),
  };
}

/**
 * What the previous version's reader (parseBundle, verifyManifest, checkRows of 7b826f9)
 * refuses before trust: format, schema version, the tables counted, each row's table and
 * columns. Null when it reads the bundle.
 */
function previousReaderRefusal({ manifest, rows }: Decoded): string | null {
  if (manifest.format !== 'oise-bundle' || manifest.formatVersion !== reader.formatVersion)
    return 'BUNDLE_FORMAT';
  if (!reader.schemaVersions.includes(manifest.schemaVersion))
    return `BUNDLE_SCHEMA ${manifest.schemaVersion}`;
  for (const table of Object.keys(manifest.counts))
    if (!reader.tables[table]) return `BUNDLE_SEQUENCE counts ${table}`;
  for (const { table, row } of rows) {
    const columns = reader.tables[table];
    if (!columns) return `BUNDLE_SCOPE table ${table}`;
    for (const column of Object.keys(row))
      if (!columns.includes(column)) return `BUNDLE_SCOPE ${table}.${column}`;
  }
  return null;
}

describe('bundles across one schema version (SPEC §8)', () => {
  test('a region and a national node of today apply the UP and DOWN bundles of the previous version', async ({
    tmp,
  }) => {
    const now = '2025-04-21T08:00:00.000Z';
    for (const name of readdirSync(PREVIOUS).filter((f) => f.endsWith('.oise.gz')))
      expect(decode(fixture(name)).manifest.schemaVersion).toBe(READABLE_FROM);

    // The region: national's key as parent, the cercle's as child, then the previous version's
    // DOWN (territory, catalog, aggregates) and the cercle's UP.
    const region = join(tmp, 'oise-segou');
    await ok(['init', '--dir', region, '--level', 'region', '--code', 'ML04', '--parent', 'ML'], now);
    await ok(['enroll', '--dir', region, fixture('cle-ML.json')], now);
    await ok(
      ['enroll', '--dir', region, fixture('cle-ML0401.json'), '--out', join(tmp, 'demarrage-ML0401.oise')],
      now,
    );
    const down = fixture('ML-ML04-000002.oise.gz');
    const up = fixture('ML0401-ML04-000002.oise.gz');
    const ingested = await ok(['ingest', '--dir', region, '--json', down, up], now);
    expect(JSON.parse(ingested.stdout).results).toMatchObject([
      { status: 'applied', sender: 'ML', direction: 'down', rows: 207, skipped: [] },
      { status: 'applied', sender: 'ML0401', direction: 'up', rows: 7, skipped: [] },
    ]);
    await withNode(region, async (node) => {
      const units = await node.db.selectFrom('org_unit').select('code').execute();
      expect(units).toHaveLength(58);
      const aggregates = await node.db
        .selectFrom('aggregate_value')
        .select(['source', 'owner'])
        .distinct()
        .execute();
      expect(aggregates).toEqual([{ source: 'published', owner: 'ML' }]);
      expect(
        await node.db
          .selectFrom('quarter_decision')
          .select(['org_unit_code', 'decision'])
          .where('owner', '=', 'ML')
          .execute(),
      ).toEqual([{ org_unit_code: 'ML04', decision: 'consolidated' }]);
      const values = await node.db
        .selectFrom('data_value')
        .select(['org_unit_code', 'indicator_code', 'category', 'value', 'comment'])
        .where('owner', '=', 'ML0401')
        .orderBy('org_unit_code')
        .orderBy('indicator_code')
        .orderBy('category')
        .execute();
      expect(values).toHaveLength(6);
      expect(values.at(-1)).toEqual({
        org_unit_code: 'ML040112',
        indicator_code: 'HYD_FORAGES',
        category: '',
        value: 17,
        comment: 'forages réhabilités en mars',
      });
      // Today's rule applies to the older cercle too: the region records when it received it.
      expect(await node.db.selectFrom('quarter_reception').selectAll().execute()).toMatchObject([
        { org_unit_code: 'ML0401', period: '2025Q1', submission_number: 1, received_at: now, owner: 'ML04' },
      ]);
    });
    const status = await ok(['status', '--dir', region, '--json'], now);
    expect(JSON.parse(status.stdout).bundles.counts).toMatchObject({ applied: 2, rejected: 0 });

    // National: the region's UP of the previous version, which forwards the cercle's validated
    // quarter without the region's reception of it (that version had none).
    const national = join(tmp, 'oise-national');
    await ok(['init', '--dir', national, '--level', 'national', '--code', 'ML'], now);
    await ok(['territory', 'import', '--dir', national, FIXTURES.demoTerritory], now);
    await ok(
      ['enroll', '--dir', national, fixture('cle-ML04.json'), '--out', join(tmp, 'demarrage-ML04.oise')],
      now,
    );
    const forwarded = await ok(['ingest', '--dir', national, fixture('ML04-ML-000002.oise.gz')], now);
    expect(forwarded.stdout).toMatch(/ML04-ML-000002\.oise\.gz : appliqué \(ML04, n° 2\) — 10 lignes reçues/);
    await withNode(national, async (node) => {
      expect(
        await node.db
          .selectFrom('data_value')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('owner', '=', 'ML0401')
          .executeTakeFirstOrThrow(),
      ).toEqual({ n: 6 });
      // National's own reception of the region, and the region's reception of the cercle as the
      // region's migration 0005 will record it: at the cercle's submission time (SPEC [C5]).
      const receptions = await node.db
        .selectFrom('quarter_reception')
        .select(['org_unit_code', 'submission_number', 'received_at', 'owner', 'revision'])
        .orderBy('org_unit_code')
        .execute();
      expect(receptions).toEqual([
        { org_unit_code: 'ML04', submission_number: 1, received_at: now, owner: 'ML', revision: 1 },
        {
          org_unit_code: 'ML0401',
          submission_number: 1,
          received_at: '2025-04-10T08:00:00.000Z',
          owner: 'ML04',
          revision: 1,
        },
      ]);
    });
    const consolidated = await ok(['consolidate', '--dir', national, '--quarter', '2025T1', '--json'], now);
    expect(JSON.parse(consolidated.stdout).inserted).toBeGreaterThan(0);
  });

  test("today's synced tables are the previous reader's, plus exactly what SYNCED_ADDITIONS declares", async ({
    tmp,
  }) => {
    const dir = join(tmp, 'n');
    await ok(
      ['init', '--dir', dir, '--level', 'region', '--code', 'ML04', '--parent', 'ML'],
      '2025-04-01T08:00:00.000Z',
    );
    expect(reader.schemaVersions.at(-1)).toBe(READABLE_FROM);
    const added = Object.keys(SYNCED_ADDITIONS.tables).sort();
    expect(
      Object.keys(SYNCED_TABLES)
        .filter((t) => !reader.tables[t])
        .sort(),
    ).toEqual(added);
    await withNode(dir, async (node) => {
      for (const table of Object.keys(SYNCED_TABLES) as SyncedTable[]) {
        if (!reader.tables[table]) continue;
        const newer = Object.keys(SYNCED_ADDITIONS.columns[table] ?? {});
        const shape = await tableShape(node.db, table);
        expect(shape.columns, table).toEqual([...(reader.tables[table] as string[]), ...newer]);
      }
    });
  });

  test("today's bundles that carry nothing newer are read by the previous version; one that does names the schema it needs", async ({
    tmp,
  }) => {
    const t0 = '2025-04-01T08:00:00.000Z';
    const national = join(tmp, 'nat');
    const region = join(tmp, 'reg');
    const cercle = join(tmp, 'ccc');
    await ok(['init', '--dir', national, '--level', 'national', '--code', 'ML'], t0);
    await ok(['territory', 'import', '--dir', national, FIXTURES.demoTerritory], t0);
    await ok(['init', '--dir', region, '--level', 'region', '--code', 'ML04', '--parent', 'ML'], t0);
    await ok(['init', '--dir', cercle, '--level', 'cercle', '--code', 'ML0401', '--parent', 'ML04'], t0);
    for (const [dir, code] of [
      [national, 'ML'],
      [region, 'ML04'],
      [cercle, 'ML0401'],
    ] as const)
      await ok(['key', 'export', '--dir', dir, '--out', join(tmp, `${code}.json`)], t0);
    await ok(['enroll', '--dir', national, join(tmp, 'ML04.json')], t0);
    await ok(['enroll', '--dir', region, join(tmp, 'ML.json')], t0);
    await ok(['enroll', '--dir', region, join(tmp, 'ML0401.json')], t0);
    await ok(['enroll', '--dir', cercle, join(tmp, 'ML04.json')], t0);

    const exported = async (dir: string, to: string, now: string) => {
      const r = await ok(['export', '--dir', dir, '--to', to, '--json'], now);
      return JSON.parse(r.stdout).written as { file: string; schemaVersion: string }[];
    };
    // National's first DOWN: territory and catalog (the starter package's bundle was written at
    // enrolment; a full export writes the same rows again).
    const territory = (
      JSON.parse((await ok(['export', '--dir', national, '--to', 'ML04', '--full', '--json'], t0)).stdout)
        .written as { file: string; schemaVersion: string }[]
    )[0];
    expect(territory?.schemaVersion).toBe(READABLE_FROM);
    expect(previousReaderRefusal(decode(territory?.file as string))).toBeNull();
    await ok(['ingest', '--dir', region, territory?.file as string], t0);
    const [toCercle] = await exported(region, 'ML0401', t0);
    await ok(['ingest', '--dir', cercle, toCercle?.file as string], t0);

    // The cercle enters and submits its quarter: its UP bundle is read by the previous region.
    const t1 = '2025-04-10T08:00:00.000Z';
    const csv = join(tmp, 'valeurs.csv');
    writeFileSync(
      csv,
      'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire\nML040101;SAN_CSCOM;2025Q1;;4;\nML040109;EDU_ELEVES_INSCRITS;2025Q1;F;812;\nML040109;EDU_ELEVES_INSCRITS;2025Q1;M;790;\n',
    );
    await ok(['import', '--dir', cercle, csv], t1);
    const submitted = await ok(['quarter', 'submit', '--dir', cercle, '--quarter', '2025T1', '--json'], t1);
    const [cercleUp] = JSON.parse(submitted.stdout).bundles.written as { file: string }[];
    const cercleBundle = decode(cercleUp?.file as string);
    expect(cercleBundle.manifest).toMatchObject({
      schemaVersion: READABLE_FROM,
      writer: { schemaVersion: NEWEST_SCHEMA },
    });
    expect(cercleBundle.rows.map((r) => r.table).sort()).toEqual([
      'data_value',
      'data_value',
      'data_value',
      'quarter_submission',
    ]);
    expect(previousReaderRefusal(cercleBundle)).toBeNull();

    // The region received it, so its DOWN to the cercle carries its reception: that needs
    // schema 0005, which the previous version refuses by name.
    await ok(['ingest', '--dir', region, cercleUp?.file as string], t1);
    const returned = await ok(
      [
        'quarter',
        'return',
        '--dir',
        region,
        '--quarter',
        '2025T1',
        '--unit',
        'ML0401',
        '--reason',
        'HYD manquant',
        '--json',
      ],
      t1,
    );
    const [regionDown] = JSON.parse(returned.stdout).bundles.written as {
      file: string;
      schemaVersion: string;
    }[];
    expect(regionDown?.schemaVersion).toBe('0005-quarter-reception');
    const regionBundle = decode(regionDown?.file as string);
    expect(regionBundle.manifest.counts.quarter_reception).toBe(1);
    expect(previousReaderRefusal(regionBundle)).toBe('BUNDLE_SCHEMA 0005-quarter-reception');
    // Today's cercle reads it, of course.
    const applied = await ok(['ingest', '--dir', cercle, regionDown?.file as string], t1);
    expect(applied.stdout).toMatch(/appliqué \(ML04/);
  });
});
