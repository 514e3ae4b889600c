import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Node, enroll, writePublicIdentity } from '@oise/node';
import { SYNCED_TABLES, type SyncedTable } from '@oise/schema';
import { type IngestFileResult, exportBundles, ingestBundles, markQuarterDue } from '@oise/sync';
import { makeTestNode } from '@oise/testkit';

/** Shared helpers of the cross-node sync tests: a small country, data entry, courier. */

export const NOW = '2025-04-20T08:00:00.000Z';

export interface Country {
  national: Node;
  nodes: Map<string, Node>;
  all: Node[];
  close(): Promise<void>;
}

/** National, the given regions and cercles, each enrolled at its parent and the parent at it. */
export async function makeCountry(root: string, layout: Record<string, string[]>): Promise<Country> {
  const national = await makeTestNode(root, 'national', 'ML');
  const nodes = new Map<string, Node>([['ML', national]]);
  for (const [region, cercles] of Object.entries(layout)) {
    const r = await makeTestNode(root, 'region', region);
    nodes.set(region, r);
    await link(root, national, r);
    for (const c of cercles) {
      const n = await makeTestNode(root, 'cercle', c);
      nodes.set(c, n);
      await link(root, r, n);
    }
  }
  const all = [...nodes.values()];
  return { national, nodes, all, close: () => closeAll(all) };
}

export async function closeAll(nodes: readonly Node[]): Promise<void> {
  for (const n of nodes) await n.close();
}

export async function link(root: string, parent: Node, child: Node): Promise<void> {
  const keys = join(root, 'public-keys');
  mkdirSync(keys, { recursive: true });
  const p = join(keys, `${parent.identity.code}.json`);
  const c = join(keys, `${child.identity.code}.json`);
  writePublicIdentity(parent, p);
  writePublicIdentity(child, c);
  await enroll(parent, c, NOW);
  await enroll(child, p, NOW);
}

export interface Entry {
  unit: string;
  indicator: string;
  period: string;
  category: string;
  /** null: delete (tombstone). */
  value: number | null;
}

/** Writes values as the cercle's entry would: revision + 1 on change, tombstone on delete. */
export async function enterValues(cercle: Node, entries: readonly Entry[], now = NOW): Promise<void> {
  const owner = cercle.identity.code;
  await cercle.db.transaction().execute(async (trx) => {
    for (const e of entries) {
      const before = await trx
        .selectFrom('data_value')
        .select(['revision', 'deleted'])
        .where('org_unit_code', '=', e.unit)
        .where('indicator_code', '=', e.indicator)
        .where('period', '=', e.period)
        .where('category', '=', e.category)
        .executeTakeFirst();
      if (!before && e.value === null) continue;
      const row = {
        value: e.value,
        value_text: null,
        comment: null,
        author: 'awa',
        channel: 'csv',
        deleted: e.value === null ? 1 : 0,
        revision: (before?.revision ?? 0) + 1,
        updated_at: now,
        owner,
      };
      if (before) {
        await trx
          .updateTable('data_value')
          .set(row)
          .where('org_unit_code', '=', e.unit)
          .where('indicator_code', '=', e.indicator)
          .where('period', '=', e.period)
          .where('category', '=', e.category)
          .execute();
      } else {
        await trx
          .insertInto('data_value')
          .values({
            org_unit_code: e.unit,
            indicator_code: e.indicator,
            period: e.period,
            category: e.category,
            ...row,
          })
          .execute();
      }
    }
  });
}

/** The cercle submits a quarter (submission n + 1). */
export async function submit(cercle: Node, period: string, now = NOW): Promise<number> {
  const code = cercle.identity.code;
  const last = await cercle.db
    .selectFrom('quarter_submission')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('org_unit_code', '=', code)
    .where('period', '=', period)
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  await cercle.db
    .insertInto('quarter_submission')
    .values({
      org_unit_code: code,
      period,
      number,
      submitted_at: now,
      submitted_by: 'awa',
      missing_count: 0,
      owner: code,
      revision: 1,
      updated_at: now,
    })
    .execute();
  return number;
}

/** The CSR validates the cercle's latest submission of the quarter, which makes it due to national. */
export async function validate(region: Node, cercle: string, period: string, now = NOW): Promise<void> {
  const latest = await region.db
    .selectFrom('quarter_submission')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('org_unit_code', '=', cercle)
    .where('period', '=', period)
    .executeTakeFirst();
  const number = Number(latest?.n ?? 0);
  if (number === 0) throw new Error(`no submission of ${cercle} ${period} at ${region.identity.code}`);
  await region.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('quarter_decision')
      .values({
        org_unit_code: cercle,
        period,
        submission_number: number,
        decision: 'validated',
        reason: null,
        decided_at: now,
        decided_by: 'moussa',
        owner: region.identity.code,
        revision: 1,
        updated_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await markQuarterDue(trx, cercle, period);
  });
}

/**
 * The courier: `from` exports its bundle for `to`, the files travel from `outbox/<to>/` into
 * `to`'s inbox, and `to` ingests them. Copies of the files carried are kept in `keep`.
 */
export async function send(
  from: Node,
  to: Node,
  options: { now?: string; keep?: string; full?: boolean } = {},
): Promise<{ carried: string[]; results: IngestFileResult[] }> {
  const now = options.now ?? NOW;
  await exportBundles(from, { now, to: to.identity.code, full: options.full ?? false });
  const carried = carry(from, to, options.keep);
  const results = await ingestBundles(to, { now });
  return { carried, results };
}

/** Moves every file of `from`'s outbox for `to` into `to`'s inbox (copies into `keep`). */
export function carry(from: Node, to: Node, keep?: string): string[] {
  const outbox = join(from.paths.outbox, to.identity.code);
  const carried: string[] = [];
  if (!existsSync(outbox)) return carried;
  for (const name of readdirSync(outbox).sort()) {
    if (keep) {
      mkdirSync(keep, { recursive: true });
      copyFileSync(join(outbox, name), join(keep, name));
      carried.push(join(keep, name));
    }
    copyFileSync(join(outbox, name), join(to.paths.inbox, name));
    rmSync(join(outbox, name));
  }
  return carried;
}

/** A table's rows without the node-local change counter, in a stable order: for comparisons. */
export async function dumpTable(node: Node, table: string): Promise<Record<string, unknown>[]> {
  // biome-ignore lint/suspicious/noExplicitAny: dynamic table name in a test helper
  const rows = (await (node.db as any).selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
  const clean = rows.map((r) => {
    const { local_seq, ...rest } = r;
    return rest;
  });
  return clean.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export const SYNCED = Object.keys(SYNCED_TABLES) as SyncedTable[];

/** Every synced table, the journal and the sync bookkeeping: "nothing changed" means equal. */
export async function dumpNode(node: Node): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const t of [...SYNCED, 'journal', 'sync_peer', 'change_counter']) out[t] = await dumpTable(node, t);
  return out;
}

/** Sum of live values per indicator|period|category. */
export async function totals(nodes: readonly Node[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const node of nodes) {
    const rows = await node.db
      .selectFrom('data_value')
      .select(['indicator_code', 'period', 'category', 'value'])
      .where('deleted', '=', 0)
      .execute();
    for (const r of rows) {
      const k = `${r.indicator_code}|${r.period}|${r.category}`;
      out.set(k, (out.get(k) ?? 0) + (r.value ?? 0));
    }
  }
  return out;
}
