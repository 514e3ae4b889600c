import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { listIndicators } from '@oise/catalog';
import { runCliCaptured } from '@oise/cli';
import {
  type ArchiveEntryName,
  type ArchiveInput,
  type BackupManifest,
  fingerprintOf,
  generateNodeKeyPair,
  openNode,
  readArchive,
  setSetting,
  withNode,
  writeArchive,
} from '@oise/node';
import { type Database, MIGRATIONS } from '@oise/schema';
import { SCHEMA_VERSION, openDatabase } from '@oise/store';
import { makeTestNode, test } from '@oise/testkit';
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { describe, expect } from 'vitest';
import { type Commune, quarterCsv, quarterRows } from './reliability/mali-country.js';
import { NOW as SYNC_NOW, enterValues, makeCountry, send } from './sync-fixtures.js';

/*
 * `oise backup` and `oise restore` as a CCC adviser uses them when the PC dies, and the daily
 * backups of `oise run`: the real command line, real SQLite files, a real second process writing.
 */
const NOW = '2025-04-10T09:00:00.000Z';
const REPO = fileURLToPath(new URL('../', import.meta.url));
const WRITER = fileURLToPath(new URL('./backup-import-loop.ts', import.meta.url));

function cli(args: string[], now = NOW) {
  return runCliCaptured(args, { OISE_NOW: now });
}

async function cercleWithCsvs(tmp: string, code = 'ML0401') {
  const node = await makeTestNode(tmp, 'cercle', code);
  const catalog = await listIndicators(node.db);
  const communes: Commune[] = (
    await node.db.selectFrom('org_unit').select('code').where('parent_code', '=', code).execute()
  ).map((c) => ({ code: c.code, cercle: code }));
  await node.close();
  const csv = (index: number) => {
    const rows = quarterRows(catalog, communes, '2025Q1', index, NOW);
    const file = join(tmp, `valeurs-${code}-${index}.csv`);
    writeFileSync(file, quarterCsv(rows));
    return { file, values: valueMap(rows) };
  };
  return { dir: join(tmp, code), csv };
}

function valueMap(
  rows: { org_unit_code: string; indicator_code: string; category: string; value: number }[],
) {
  return Object.fromEntries(
    rows.map((r) => [`${r.org_unit_code}|${r.indicator_code}|${r.category}`, r.value] as const),
  );
}

async function storedValues(db: Kysely<Database>): Promise<Record<string, number | null>> {
  const rows = await db
    .selectFrom('data_value')
    .select(['org_unit_code', 'indicator_code', 'category', 'value'])
    .where('period', '=', '2025Q1')
    .where('deleted', '=', 0)
    .execute();
  return Object.fromEntries(
    rows.map((r) => [`${r.org_unit_code}|${r.indicator_code}|${r.category}`, r.value] as const),
  );
}

async function integrity(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  return rows.map((r) => r.integrity_check);
}

/** Every file and folder under `dir` with its mode and SHA-256, then the database's SQL dump. */
function folderState(dir: string): string {
  if (!existsSync(dir)) return '(absent)';
  const lines: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const st = statSync(path);
      const mode = (st.mode & 0o777).toString(8);
      if (st.isDirectory()) {
        lines.push(`${relative(dir, path)}/ ${mode}`);
        walk(path);
      } else
        lines.push(
          `${relative(dir, path)} ${mode} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`,
        );
    }
  };
  walk(dir);
  const db = join(dir, 'node.sqlite');
  if (existsSync(db)) lines.push(execFileSync('sqlite3', [db, '.dump'], { encoding: 'utf8' }));
  return lines.join('\n');
}

/**
 * Rewrites a backup: extracts it, lets `edit` change the files or the manifest, then packs it
 * again, with the manifest's hashes recomputed (`rehash`) or left as they were.
 */
async function repack(
  from: string,
  out: string,
  edit: (dir: string, manifest: BackupManifest) => Promise<void> | void,
  options: { rehash: boolean } = { rehash: true },
): Promise<void> {
  const dir = mkdtempSync(join(out, '..', '.repack-'));
  const archive = await readArchive(from, { extractTo: dir });
  const manifest = JSON.parse(archive.manifest) as BackupManifest;
  await edit(dir, manifest);
  if (options.rehash)
    manifest.files = manifest.files.map((f) => {
      const bytes = readFileSync(join(dir, f.name));
      return { ...f, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const names: ArchiveEntryName[] = ['manifest.json', ...manifest.files.map((f) => f.name)];
  const inputs: ArchiveInput[] = names.map((name) => ({ name, path: join(dir, name), mode: 0o644 }));
  await writeArchive(out, inputs, { mtime: 0, fileMode: 0o644 });
  rmSync(dir, { recursive: true, force: true });
}

describe('oise backup / oise restore', () => {
  test('a backup taken while another process imports restores to a whole database holding one import or the other', async ({
    tmp,
  }) => {
    const { dir, csv } = await cercleWithCsvs(tmp);
    const a = csv(0);
    const b = csv(1);
    expect(a.values).not.toEqual(b.values);
    expect(Object.keys(a.values).length).toBeGreaterThan(400);

    // The writer: a real second process running `oise import` of A, B, A … in a loop.
    const writer = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, a.file, b.file], {
      cwd: REPO,
      env: { ...process.env, OISE_NOW: NOW },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let imports = 0;
    let writerErr = '';
    writer.stdout.on('data', (d: Buffer) => {
      imports = Number(d.toString().trim().split('\n').at(-1));
    });
    writer.stderr.on('data', (d: Buffer) => {
      writerErr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => writer.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      const check = () => (imports >= 1 ? resolve() : undefined);
      writer.stdout.on('data', check);
      writer.on('exit', () => reject(new Error(`the writer stopped: ${writerErr}`)));
    });

    // Backups, one after another, for as long as it takes the writer to commit three more imports.
    const backups: { file: string; before: number; after: number }[] = [];
    const start = imports;
    while (imports < start + 3 || backups.length < 5) {
      const file = join(tmp, `pendant-${backups.length}.tar.gz`);
      const before = imports;
      const made = await cli(['backup', '--dir', dir, '--out', file]);
      expect(made.code, made.stderr).toBe(0);
      backups.push({ file, before, after: imports });
    }
    writer.stdin.end();
    expect(await exited, writerErr).toBe(0);
    // Imports were committed while backups were being taken, not only between them.
    expect(backups.some((k) => k.after > k.before)).toBe(true);

    for (const [i, backup] of backups.entries()) {
      const target = join(tmp, `restaure-${i}`);
      const restored = await cli(['restore', '--dir', target, '--from', backup.file]);
      expect(restored.code, restored.stderr).toBe(0);
      await withNode(target, async (node) => {
        expect(await integrity(node.db)).toEqual(['ok']);
        const values = await storedValues(node.db);
        // All of one import or all of the other: never half of a transaction.
        expect([a.values, b.values], `sauvegarde ${i}`).toContainEqual(values);
      });
    }
  });

  test('the private key is in a backup only with --with-keys, the file then 0600; both restore into an empty folder', async ({
    tmp,
  }) => {
    const { dir, csv } = await cercleWithCsvs(tmp);
    const privatePem = readFileSync(join(dir, 'keys', 'private.pem'), 'utf8');
    const keyBody = privatePem.split('\n')[1]!;
    expect(keyBody.length).toBeGreaterThan(40);

    const withKeys = join(tmp, 'avec-cle.tar.gz');
    expect((await cli(['backup', '--dir', dir, '--out', withKeys, '--with-keys'])).code).toBe(0);
    expect(statSync(withKeys).mode & 0o777).toBe(0o600);
    expect(gunzipSync(readFileSync(withKeys)).includes(keyBody)).toBe(true);
    // The quarter's work goes on; the daily backups, without the key, hold it.
    const entered = csv(0);
    expect((await cli(['import', '--dir', dir, entered.file])).code).toBe(0);

    const plain = join(tmp, 'sans-cle.tar.gz');
    const made = await cli(['backup', '--dir', dir, '--out', plain]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(
      /Sauvegarde du nœud cercle ML0401 écrite dans .*sans-cle\.tar\.gz \(\d+ ko, schéma/,
    );
    expect(made.stdout).toContain('Sans la clé privée');
    for (const bytes of [readFileSync(plain), gunzipSync(readFileSync(plain))]) {
      expect(bytes.includes(keyBody)).toBe(false);
      expect(bytes.includes('PRIVATE KEY')).toBe(false);
    }
    expect(execFileSync('tar', ['-tzf', plain], { encoding: 'utf8' }).split('\n').filter(Boolean)).toEqual([
      'manifest.json',
      'node.sqlite',
      'keys/public.pem',
    ]);

    // The PC died: a new, empty folder, from the backup without keys.
    const bare = join(tmp, 'nouveau-pc-1');
    const restored = await cli(['restore', '--dir', bare, '--from', plain]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(
      /Nœud cercle ML0401 restauré dans .* \(sauvegarde du 10 avril 2025 à 09:00/,
    );
    expect(restored.stderr).toMatch(/ne contient pas la clé privée.*--with-keys.*--new-keys/s);
    expect(existsSync(join(bare, 'keys', 'private.pem'))).toBe(false);
    expect(readFileSync(join(bare, 'keys', 'public.pem'), 'utf8')).toBe(
      readFileSync(join(dir, 'keys', 'public.pem'), 'utf8'),
    );
    const status = await cli(['status', '--dir', bare, '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).node.code).toBe('ML0401');

    // With the keys: the node is whole again, key included, only its owner can read it.
    const whole = join(tmp, 'nouveau-pc-2');
    const again = await cli(['restore', '--dir', whole, '--from', withKeys, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ keys: 'restored', created: true, keptAside: [] });
    expect(readFileSync(join(whole, 'keys', 'private.pem'), 'utf8')).toBe(privatePem);
    expect(statSync(join(whole, 'keys', 'private.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(join(whole, 'keys')).mode & 0o777).toBe(0o700);
    for (const folder of ['inbox/applied', 'inbox/rejected', 'outbox', 'reports'])
      expect(statSync(join(whole, folder)).isDirectory()).toBe(true);

    // The guide's order: the backup with the key, then the newest one over it.
    const latest = await cli(['restore', '--dir', whole, '--from', plain, '--force']);
    expect(latest.code, latest.stderr).toBe(0);
    expect(latest.stdout).toMatch(/Clés du dossier gardées/);
    expect(latest.stderr).toBe('');
    expect(readFileSync(join(whole, 'keys', 'private.pem'), 'utf8')).toBe(privatePem);
    await withNode(whole, async (node) => expect(await storedValues(node.db)).toEqual(entered.values));

    // No key anywhere: --new-keys makes a pair to be enrolled again.
    const rekeyed = await cli(['restore', '--dir', bare, '--from', plain, '--force', '--new-keys']);
    expect(rekeyed.code, rekeyed.stderr).toBe(0);
    expect(rekeyed.stdout).toMatch(/Nouvelle paire de clés créée .*oise key export.*oise enroll/s);
    const newPublic = readFileSync(join(bare, 'keys', 'public.pem'), 'utf8');
    expect(fingerprintOf(newPublic)).not.toBe(
      fingerprintOf(readFileSync(join(dir, 'keys', 'public.pem'), 'utf8')),
    );
    expect(statSync(join(bare, 'keys', 'private.pem')).mode & 0o777).toBe(0o600);
  });

  test('restore refuses a damaged, truncated, newer or foreign backup before it changes anything', async ({
    tmp,
  }) => {
    const { dir, csv } = await cercleWithCsvs(tmp);
    expect((await cli(['import', '--dir', dir, csv(0).file])).code).toBe(0);
    const good = join(tmp, 'bonne.tar.gz');
    expect((await cli(['backup', '--dir', dir, '--out', good])).code).toBe(0);
    const bytes = readFileSync(good);

    const flipped = join(tmp, 'abimee.tar.gz');
    const damaged = Buffer.from(bytes);
    damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
    writeFileSync(flipped, damaged);
    const truncated = join(tmp, 'tronquee.tar.gz');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const tampered = join(tmp, 'modifiee.tar.gz');
    await repack(
      good,
      tampered,
      (d) => writeFileSync(join(d, 'keys', 'public.pem'), generateNodeKeyPair().publicPem),
      {
        rehash: false,
      },
    );
    const brokenDb = join(tmp, 'base-abimee.tar.gz');
    await repack(good, brokenDb, (d) => {
      const db = readFileSync(join(d, 'node.sqlite'));
      db.fill(0x5a, 4096 * 3, 4096 * 5);
      writeFileSync(join(d, 'node.sqlite'), db);
    });
    const newer = join(tmp, 'plus-recente.tar.gz');
    await repack(good, newer, async (d, manifest) => {
      const store = await openDatabase(join(d, 'node.sqlite'), { migrate: false });
      await sql`insert into kysely_migration (name, timestamp) values ('9999-futur', '2030-01-01')`.execute(
        store.db,
      );
      await store.close();
      manifest.schemaVersion = '9999-futur';
    });
    const other = await makeTestNode(tmp, 'cercle', 'ML0402');
    await other.close();
    const foreign = join(tmp, 'autre-noeud.tar.gz');
    expect((await cli(['backup', '--dir', join(tmp, 'ML0402'), '--out', foreign])).code).toBe(0);

    const refusals: [string, string, RegExp][] = [
      [flipped, 'BACKUP_UNREADABLE', /abîmé|tronqué|somme de contrôle/],
      [truncated, 'BACKUP_UNREADABLE', /tronqué/],
      [tampered, 'BACKUP_CORRUPT', /keys\/public\.pem.*empreinte SHA-256/],
      [brokenDb, 'BACKUP_CORRUPT', /base contenue est abîmée/],
      [newer, 'BACKUP_SCHEMA_NEWER', new RegExp(`schéma « 9999-futur ».*« ${SCHEMA_VERSION} »`)],
      [foreign, 'BACKUP_WRONG_NODE', /nœud ML0402, le dossier contient le nœud ML0401/],
    ];
    const before = folderState(dir);
    for (const [file, code, message] of refusals) {
      const refused = await cli(['restore', '--dir', dir, '--from', file, '--force']);
      expect(refused.code, file).toBe(1);
      expect(refused.stderr, file).toContain(`Erreur [${code}]`);
      expect(refused.stderr, file).toMatch(message);
      expect(folderState(dir), file).toBe(before);
      // Into a folder that did not exist: it still does not.
      const fresh = join(tmp, 'vide');
      if (code !== 'BACKUP_WRONG_NODE') {
        expect((await cli(['restore', '--dir', fresh, '--from', file])).code, file).toBe(1);
        expect(existsSync(fresh), file).toBe(false);
      }
    }
    const noForce = await cli(['restore', '--dir', dir, '--from', good]);
    expect(noForce.code).toBe(1);
    expect(noForce.stderr).toMatch(/RESTORE_TARGET_EXISTS.*contient déjà un nœud.*--force/);
    expect(folderState(dir)).toBe(before);
  });

  test('--force puts the former database aside, and a database another program has open is left alone', async ({
    tmp,
  }) => {
    const { dir, csv } = await cercleWithCsvs(tmp);
    const a = csv(0);
    const b = csv(1);
    expect((await cli(['import', '--dir', dir, a.file])).code).toBe(0);
    const backup = join(tmp, 'sauvegarde.tar.gz');
    expect((await cli(['backup', '--dir', dir, '--out', backup])).code).toBe(0);
    expect((await cli(['import', '--dir', dir, b.file])).code).toBe(0);

    // `oise serve` (here a connection of this process) holds the database open: refused.
    const holder = await openNode(dir);
    const busy = await cli(['restore', '--dir', dir, '--from', backup, '--force']);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/DB_IN_USE.*ouverte par un autre programme/);
    expect(await storedValues(holder.db)).toEqual(b.values);
    await holder.close();
    expect(readdirSync(dir).filter((f) => f.includes('avant-restauration'))).toEqual([]);

    const later = '2025-04-11T15:30:00.000Z';
    const restored = await cli(['restore', '--dir', dir, '--from', backup, '--force'], later);
    expect(restored.code, restored.stderr).toBe(0);
    const aside = join(dir, 'node.sqlite.avant-restauration-2025-04-11T15-30-00');
    expect(restored.stdout).toContain(`Ancien contenu gardé à côté : ${aside}`);
    // The keys were the backup's folder's own: kept, not set aside.
    expect(restored.stdout).toMatch(/Clés du dossier gardées/);
    expect(readdirSync(dir).filter((f) => f.includes('avant-restauration'))).toEqual([
      'node.sqlite.avant-restauration-2025-04-11T15-30-00',
    ]);
    await withNode(dir, async (node) => expect(await storedValues(node.db)).toEqual(a.values));
    const former = await openDatabase(aside, { migrate: false });
    expect(await storedValues(former.db)).toEqual(b.values);
    await former.close();
  });

  test('a cercle restored on a new PC from its --with-keys backup exchanges bundles with its region again', async ({
    tmp,
  }) => {
    const country = await makeCountry(tmp, { ML04: ['ML0401'] });
    const region = country.nodes.get('ML04')!;
    let cercle = country.nodes.get('ML0401')!;
    const entry = (unit: string, value: number) => [
      { unit, indicator: 'HYD_FORAGES', period: '2025Q1', category: '', value },
    ];
    await enterValues(cercle, entry('ML040101', 5));
    expect((await send(cercle, region)).results.map((r) => r.status)).toEqual(['applied']);
    const dir = cercle.paths.root;
    const backup = join(tmp, 'cle-usb', 'sauvegarde.tar.gz');
    mkdirSync(join(tmp, 'cle-usb'));
    expect((await cli(['backup', '--dir', dir, '--out', backup, '--with-keys'], SYNC_NOW)).code).toBe(0);
    await cercle.close();
    rmSync(dir, { recursive: true });

    expect((await cli(['restore', '--dir', dir, '--from', backup], SYNC_NOW)).code).toBe(0);
    cercle = await openNode(dir);
    try {
      await enterValues(cercle, entry('ML040106', 3));
      // The region verifies the restored node's signature and applies its rows; and back down.
      expect((await send(cercle, region)).results.map((r) => [r.status, r.reason ?? null])).toEqual([
        ['applied', null],
      ]);
      expect((await send(region, cercle)).results.map((r) => r.status)).toEqual(['applied']);
      const atRegion = await region.db
        .selectFrom('data_value')
        .select(['org_unit_code', 'value'])
        .where('indicator_code', '=', 'HYD_FORAGES')
        .orderBy('org_unit_code')
        .execute();
      expect(atRegion).toEqual([
        { org_unit_code: 'ML040101', value: 5 },
        { org_unit_code: 'ML040106', value: 3 },
      ]);
    } finally {
      await cercle.close();
      await country.national.close();
      await region.close();
    }
  });

  test('a backup of an older schema is brought up to date after the restore', async ({ tmp }) => {
    const versions = Object.keys(MIGRATIONS).sort();
    const older = versions.filter((v) => v < SCHEMA_VERSION);
    const oldVersion = older.at(-1)!;
    const staging = join(tmp, 'ancienne');
    mkdirSync(join(staging, 'keys'), { recursive: true });
    const store = await openDatabase(join(staging, 'node.sqlite'), { migrate: false });
    const migrator = new Migrator({
      db: store.db,
      provider: {
        getMigrations: async (): Promise<Record<string, Migration>> =>
          Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name <= oldVersion)),
      },
    });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    await store.db
      .insertInto('node_info')
      .values({ id: 1, code: 'ML0401', level: 'cercle', parent_code: 'ML04', created_at: NOW })
      .execute();
    await store.close();
    const keys = generateNodeKeyPair();
    writeFileSync(join(staging, 'keys', 'public.pem'), keys.publicPem);
    writeFileSync(join(staging, 'keys', 'private.pem'), keys.privatePem);
    const manifest: BackupManifest = {
      format: 'oise-sauvegarde',
      version: 1,
      node: { code: 'ML0401', level: 'cercle', parentCode: 'ML04' },
      schemaVersion: oldVersion,
      createdAt: NOW,
      withKeys: true,
      fingerprint: fingerprintOf(keys.publicPem),
      files: [],
    };
    const names = ['node.sqlite', 'keys/public.pem', 'keys/private.pem'] as const;
    manifest.files = names.map((name) => {
      const b = readFileSync(join(staging, name));
      return { name, size: b.length, sha256: createHash('sha256').update(b).digest('hex') };
    });
    writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest));
    const file = join(tmp, 'ancienne.tar.gz');
    await writeArchive(
      file,
      (['manifest.json', ...names] as const).map((name) => ({
        name,
        path: join(staging, name),
        mode: 0o644,
      })),
      { mtime: 0, fileMode: 0o600 },
    );

    const target = join(tmp, 'ML0401');
    const restored = await cli(['restore', '--dir', target, '--from', file, '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout).migrations).toEqual(versions.filter((v) => v > oldVersion));
    const text = await cli(['restore', '--dir', join(tmp, 'encore'), '--from', file]);
    expect(text.stdout).toContain(`Base mise à jour du schéma ${oldVersion} vers ${SCHEMA_VERSION}.`);
    await withNode(target, async (node) => {
      const applied = await node.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      expect((applied as { name: string }[]).map((m) => m.name)).toEqual(versions);
      expect(node.identity.code).toBe('ML0401');
    });
  });

  test('oise run keeps the newest backup.keep daily backups, at most one a day', async ({ tmp }) => {
    const { dir } = await cercleWithCsvs(tmp);
    const listed = await cli(['settings', '--dir', dir]);
    expect(listed.stdout).toMatch(/^backup\.keep = \(défaut\)$/m);
    expect(listed.stdout).toMatch(/^backup\.dir = \(défaut\)$/m);
    expect((await cli(['settings', '--dir', dir, 'backup.keep', '2'])).code).toBe(0);
    const folder = join(dir, 'sauvegardes');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a-garder.tar.gz'), 'une sauvegarde faite à la main');
    const before = await cli(['status', '--dir', dir]);
    expect(before.stdout).toContain(
      `Aucune sauvegarde quotidienne dans ${folder} : oise run en fait une chaque jour.`,
    );

    const days = ['2025-04-12', '2025-04-13', '2025-04-14', '2025-04-15'];
    for (const day of days) {
      const run = await cli(['run', '--dir', dir, '--once', '--json'], `${day}T06:30:00.000Z`);
      expect(run.code, run.stderr).toBe(0);
      const step = JSON.parse(run.stdout).steps.find((s: { name: string }) => s.name === 'backup');
      expect(step.counts.sauvegardes).toBe(1);
    }
    const again = await cli(['run', '--dir', dir, '--once'], '2025-04-15T18:00:00.000Z');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Sauvegarde du jour/);
    expect(readdirSync(folder).sort()).toEqual([
      'a-garder.tar.gz',
      'sauvegarde-ML0401-2025-04-14.tar.gz',
      'sauvegarde-ML0401-2025-04-15.tar.gz',
    ]);
    // A daily backup never holds the private key, and restores.
    const latest = join(folder, 'sauvegarde-ML0401-2025-04-15.tar.gz');
    // oise status names the newest one, in French.
    const status = await cli(['status', '--dir', dir]);
    expect(status.stdout).toContain(`Dernière sauvegarde : 15 avril 2025 — ${latest} (2 gardées au plus).`);
    const json = JSON.parse((await cli(['status', '--dir', dir, '--json'])).stdout);
    expect(json.backups).toMatchObject({
      keep: 2,
      dir: folder,
      latest: { name: 'sauvegarde-ML0401-2025-04-15.tar.gz', path: latest, date: '2025-04-15' },
    });
    expect(json.backups.latest.bytes).toBe(readFileSync(latest).length);
    expect(gunzipSync(readFileSync(latest)).includes('PRIVATE KEY')).toBe(false);
    expect((await cli(['restore', '--dir', join(tmp, 'copie'), '--from', latest])).code).toBe(0);

    // 0 turns them off (and removes nothing); a relative backup.dir is read from the node folder.
    expect((await cli(['settings', '--dir', dir, 'backup.keep', '0'])).code).toBe(0);
    expect((await cli(['run', '--dir', dir, '--once'], '2025-04-16T06:30:00.000Z')).code).toBe(0);
    expect(readdirSync(folder)).toHaveLength(3);
    expect((await cli(['status', '--dir', dir])).stdout).toContain(
      `Dernière sauvegarde : 15 avril 2025 — ${latest} ; sauvegardes quotidiennes désactivées (backup.keep 0).`,
    );
    await cli(['settings', '--dir', dir, 'backup.keep', '1']);
    await cli(['settings', '--dir', dir, 'backup.dir', 'copies']);
    expect((await cli(['run', '--dir', dir, '--once'], '2025-04-17T06:30:00.000Z')).code).toBe(0);
    expect(readdirSync(join(dir, 'copies'))).toEqual(['sauvegarde-ML0401-2025-04-17.tar.gz']);

    const refused = await cli(['settings', '--dir', dir, 'backup.keep', 'sept']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/backup\.keep est un nombre entier de sauvegardes quotidiennes/);
    // A value written some other way (an older OISE) fails the step, once the rest is done.
    await withNode(dir, (node) => setSetting(node.db, 'backup.keep', '-1'));
    const wrong = await cli(['run', '--dir', dir, '--once'], '2025-04-18T06:30:00.000Z');
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/Sauvegarde du jour — le réglage backup\.keep vaut « -1 »/);
  });
});
