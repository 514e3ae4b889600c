import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeFinding } from '@oise/core';
import { type EntryNode, buildEntryWorkbook, importEntryFiles } from '@oise/entry';
import { type Node, enroll, writePublicIdentity } from '@oise/node';
import { SYNCED_TABLES, type SyncedTable } from '@oise/schema';
import { type IngestFileResult, exportBundles, ingestBundles } from '@oise/sync';
import { makeTestNode } from '@oise/testkit';
import { returnQuarter, submitQuarter, validateQuarter } from '@oise/workflow';
import type ExcelJS from 'exceljs';

/**
 * Shared helpers of the cross-node sync tests: a small country, data entry through the real
 * import, the workflow's submit, validate and return, and the courier.
 */

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
  /** null: delete (the cell of a pre-filled value emptied in the workbook: a tombstone). */
  value: number | null;
}

const AWA = 'awa';
const MOUSSA = 'moussa';

/**
 * Awa enters values at her cercle through the real entry import, as `oise import` does: the
 * figures as a CSV (`code_collectivite;code_indicateur;periode;categorie;valeur`), a deletion as
 * the quarter's workbook (`oise template`) with the pre-filled cell emptied. When a key comes
 * twice, the last entry is the one she types. A refused import fails the test with its findings
 * (a closed quarter, a value out of bounds…): the fixture only enters what the cercle may enter.
 */
export async function enterValues(cercle: Node, entries: readonly Entry[], now = NOW): Promise<void> {
  const last = new Map<string, Entry>();
  for (const e of entries) last.set(`${e.unit}|${e.indicator}|${e.period}|${e.category}`, e);
  const figures = [...last.values()].filter((e) => e.value !== null);
  // Only a stored figure has a pre-filled cell to empty; deleting anything else changes nothing.
  const deletions: Entry[] = [];
  for (const e of last.values()) if (e.value === null && (await isStored(cercle, e))) deletions.push(e);
  const folder = mkdtempSync(join(tmpdir(), 'oise-saisie-'));
  try {
    if (figures.length > 0) {
      const file = join(folder, 'valeurs.csv');
      const lines = figures.map(
        (e) => `${e.unit};${e.indicator};${e.period};${e.category};${String(e.value).replace('.', ',')}`,
      );
      writeFileSync(file, `${[VALUE_HEADER, ...lines].join('\r\n')}\r\n`);
      await importOrFail(cercle, file, now);
    }
    for (const period of new Set(deletions.map((e) => e.period))) {
      const file = join(folder, `saisie-${period}.xlsx`);
      const { workbook } = await buildEntryWorkbook(cercle.db, {
        node: entryNode(cercle),
        quarter: period,
        now,
      });
      emptyCells(
        workbook,
        deletions.filter((e) => e.period === period),
      );
      await workbook.xlsx.writeFile(file);
      await importOrFail(cercle, file, now);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function isStored(cercle: Node, e: Entry): Promise<boolean> {
  const row = await cercle.db
    .selectFrom('data_value')
    .select('deleted')
    .where('org_unit_code', '=', e.unit)
    .where('indicator_code', '=', e.indicator)
    .where('period', '=', e.period)
    .where('category', '=', e.category)
    .executeTakeFirst();
  return row?.deleted === 0;
}

const VALUE_HEADER = 'code_collectivite;code_indicateur;periode;categorie;valeur';

function entryNode(cercle: Node): EntryNode {
  return { code: cercle.identity.code, level: cercle.identity.level };
}

async function importOrFail(cercle: Node, file: string, now: string): Promise<void> {
  const result = await importEntryFiles(cercle.db, {
    node: entryNode(cercle),
    files: [file],
    now,
    author: AWA,
  });
  if (!result.accepted)
    throw new Error(
      `import refused at ${cercle.identity.code}:\n${result.findings.map(describeFinding).join('\n')}`,
    );
}

/** Empties the entry cells of `entries` in an entry workbook, found through its `_oise` sheet. */
function emptyCells(wb: ExcelJS.Workbook, entries: readonly Entry[]): void {
  const columns = new Map<string, { sheet: string; letter: string }>();
  const rows = new Map<string, { sheet: string; line: number }[]>();
  wb.getWorksheet('_oise')?.eachRow((r) => {
    const v = (r.values as unknown[]).slice(1).map((x) => (x === null || x === undefined ? '' : String(x)));
    if (v[0] === 'column') columns.set(`${v[3]}|${v[4] ?? ''}`, { sheet: v[1]!, letter: v[2]! });
    if (v[0] === 'row') rows.set(v[3]!, [...(rows.get(v[3]!) ?? []), { sheet: v[1]!, line: Number(v[2]) }]);
  });
  for (const e of entries) {
    const column = columns.get(`${e.indicator}|${e.category}`);
    const row = rows.get(e.unit)?.find((r) => r.sheet === column?.sheet);
    if (!column || !row) throw new Error(`no entry cell for ${e.unit} ${e.indicator} « ${e.category} »`);
    wb.getWorksheet(column.sheet)!.getCell(`${column.letter}${row.line}`).value = null;
  }
}

/**
 * A node submits its own quarter as `oise quarter submit` does (a cercle its figures, a region
 * its forwarding): submission n + 1, whose number is returned.
 */
export async function submit(node: Node, period: string, now = NOW): Promise<number> {
  const result = await submitQuarter(node, period, { now, author: AWA });
  if (!result.submitted || result.number === null)
    throw new Error(`${node.identity.code} ${period} not submitted: ${JSON.stringify(result.blocking)}`);
  return result.number;
}

/** The CSR validates the cercle's latest submission of the quarter, which makes it due to national. */
export async function validate(region: Node, cercle: string, period: string, now = NOW): Promise<void> {
  await validateQuarter(region, cercle, period, { now, author: MOUSSA });
}

/** The CSR returns the cercle's latest submission with a reason; once it arrives, the cercle may edit again. */
export async function sendBack(
  region: Node,
  cercle: string,
  period: string,
  reason = 'Chiffres à revoir avec les communes.',
  now = NOW,
): Promise<void> {
  await returnQuarter(region, cercle, period, reason, { now, author: MOUSSA });
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
