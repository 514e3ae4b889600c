/*
 * Full consolidation against the hand-written GROUP BY in the sqlite3 CLI, in one run, on fresh
 * copies of a generated national node (`pnpm bench --keep --work DIR` leaves one):
 *
 *   node --import tsx test/bench/consolidate-ratio.ts SEED_ROOT WORK_DIR [scale] [--profile]
 *
 * SEED_ROOT holds `scale-N/national-base`; WORK_DIR is emptied and used for the copies. Prints
 * both times, the ratio, both national figures of SAN_CONSULT_CURATIVES 2024Q4 and, with
 * `--profile`, the slowest statements of consolidateAll.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { consolidateAll } from '@oise/consolidate';
import type { Database } from '@oise/schema';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { openRaw } from './raw-sqlite.js';
import { BENCH_NOW } from './seed-country.js';
import { DASHBOARD } from './steps/national-steps.js';
import { sqlite3Peer } from './steps/peer-steps.js';

const [seedRoot, work, scaleText = '1', ...flags] = process.argv.slice(2);
if (!seedRoot || !work) throw new Error('usage: consolidate-ratio.ts SEED_ROOT WORK_DIR [scale] [--profile]');
const scale = Number(scaleText);
const profile = flags.includes('--profile');

function freshCopy(to: string): string {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(join(to, '..'), { recursive: true });
  cpSync(join(seedRoot as string, `scale-${scale}`, 'national-base'), to, { recursive: true });
  const file = join(to, 'node.sqlite');
  execFileSync('sqlite3', [file, 'pragma wal_checkpoint(truncate)']);
  return file;
}

rmSync(work, { recursive: true, force: true });
const peerBase = freshCopy(join(work, `scale-${scale}`, 'national-base'));
const peer = sqlite3Peer(work, scale);
rmSync(join(peerBase, '..'), { recursive: true, force: true });

const file = freshCopy(join(work, 'oise'));
const times = new Map<string, { ms: number; n: number }>();
const db = new Kysely<Database>({
  dialect: new SqliteDialect({ database: openRaw(file) }),
  log: profile
    ? (event) => {
        const key = event.query.sql.replace(/\s+/g, ' ').slice(0, 150);
        const t = times.get(key) ?? { ms: 0, n: 0 };
        t.ms += event.queryDurationMillis;
        t.n += 1;
        times.set(key, t);
      }
    : undefined,
});
const t0 = performance.now();
const result = await consolidateAll(db, { nodeCode: 'ML', now: BENCH_NOW });
const seconds = (performance.now() - t0) / 1000;
const national = await sql<{ value: number }>`select value from aggregate_value where org_unit_code = 'ML'
  and period = '2024Q4' and indicator_code = ${DASHBOARD.indicator} and category = ''`.execute(db);
await db.destroy();
rmSync(work, { recursive: true, force: true });

if (profile) {
  for (const [q, t] of [...times].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
    console.log(`${(t.ms / 1000).toFixed(2).padStart(7)} s ×${t.n}  ${q}`);
}
console.log(
  JSON.stringify({
    scale,
    oiseSeconds: Number(seconds.toFixed(2)),
    sqlite3Seconds: Number(peer.seconds.toFixed(2)),
    ratio: Number((seconds / peer.seconds).toFixed(2)),
    computed: result.computed,
    inserted: result.inserted,
    nationalOise: national.rows[0]?.value,
    nationalPeer: peer.national2024Q4,
  }),
);
