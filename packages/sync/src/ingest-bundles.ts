import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { type Hierarchy, loadHierarchy } from '@oise/catalog';
import { OiseError, formatDateTimeFr } from '@oise/core';
import type { Node } from '@oise/node';
import { type Database, SYNCED_TABLES, type SyncedTable } from '@oise/schema';
import { type Kysely, sql } from 'kysely';
import { advanceAck } from './ack-ranges.js';
import { applyRows } from './apply-rows.js';
import {
  type BundleDirection,
  type BundleLimits,
  type BundleManifest,
  type BundleRow,
  DEFAULT_LIMITS,
  oversizedBundle,
} from './bundle-format.js';
import { type Announced, announced, logBundle } from './bundle-log.js';
import { type ScannedBundle, scanBundleFile, streamRows } from './bundle-stream.js';
import { materializeDocuments } from './documents.js';
import {
  type BundleCandidate,
  type IgnoredFile,
  fileAway,
  namedCandidate,
  scanInbox,
} from './inbox-files.js';
import { recordReceptions, recordSenderReceptions } from './quarter-reception.js';
import { enforceRejectedQuota, isNetworkName } from './rejected-quota.js';
import { rowLabel, rowScopeProblem } from './row-scope.js';
import { changeCounter, readPeer, writePeer } from './sync-peer.js';
import { type TableShape, tableShape } from './table-columns.js';
import { addressedKey, signedByEnrolledKey, verifyManifest } from './verify-manifest.js';

export interface IngestOptions {
  now: string;
  /** Files to ingest; default: every bundle waiting in `inbox/`. */
  files?: readonly string[];
  limits?: BundleLimits;
  /** Called after each bundle file is handled: `done` of `total`, and the file just handled. */
  onProgress?: (progress: { done: number; total: number; file: string }) => void;
  /**
   * The files came over the network (HTTP inbox, the pages' drop) from this address: a refused
   * one that is not signed by a key enrolled here is deleted, not kept (only its log line
   * stays, with its size, address and time), and the refused ones kept count against the quota
   * of `inbox/rejected/` (rejected-quota.ts), oldest dropped first.
   */
  network?: { address: string | null };
}

/** What happened to one bundle file (SPEC §5). */
export interface IngestFileResult {
  file: string;
  /** `ignored`: a file of the inbox that is not a bundle, left where it is (SPEC [B7]). */
  status: 'applied' | 'duplicate' | 'rejected' | 'ignored';
  /** Stable error code of a rejection (`BUNDLE_BAD_SIGNATURE` …). */
  code: string | null;
  /** French reason of a rejection, or why a file of the inbox was not taken. */
  reason: string | null;
  sender: string | null;
  direction: BundleDirection | null;
  sequence: number | null;
  quarters: string[];
  rows: number;
  /** Rows that replaced or added a stored row (higher revision or new). */
  changed: number;
  /** Where the file went: `inbox/applied/…` or `inbox/rejected/…`; null when not kept. */
  movedTo: string | null;
  /** A refusal signed by a key enrolled here: the sender's own (counted against it in status). */
  signed: boolean;
  /** Documents written under `reports/`. */
  documents: string[];
  /** Rows of newer tables this node does not know, left out as the sender allowed (SPEC [C4]). */
  skipped: { table: string; rows: number }[];
}

/** Order of application: reference data first, then the figures, then statuses. */
const APPLY_ORDER = Object.keys(SYNCED_TABLES) as SyncedTable[];

/**
 * Verifies and applies bundles one by one. Each is applied whole in one transaction or not at
 * all; refused ones go to `inbox/rejected/` with a `.motif.txt` (within its quota, see
 * `network`), applied and duplicate ones to `inbox/applied/`. Never throws for a bad bundle: the result says what happened to each.
 */
export async function ingestBundles(node: Node, options: IngestOptions): Promise<IngestFileResult[]> {
  if (options.files?.length) {
    const results: IngestFileResult[] = [];
    for (const f of options.files) {
      const result = await ingestOne(node, namedCandidate(node.paths, f), options);
      results.push(result);
      options.onProgress?.({ done: results.length, total: options.files.length, file: result.file });
    }
    return results;
  }
  const { candidates, ignored } = await scanInbox(node.paths);
  const results = new Map<string, IngestFileResult>();
  for (const candidate of candidates) {
    results.set(candidate.name, await ingestOne(node, candidate, options));
    options.onProgress?.({ done: results.size, total: candidates.length, file: candidate.name });
  }
  for (const file of ignored) results.set(file.name, ignoredResult(file));
  // In the inbox's name order, as a person sees the folder.
  return [...results.keys()].sort().map((name) => results.get(name) as IngestFileResult);
}

function ignoredResult(file: IgnoredFile): IngestFileResult {
  return {
    ...emptyResult(file.name),
    status: 'ignored',
    reason: file.reason,
  };
}

function emptyResult(file: string): IngestFileResult {
  return {
    file,
    status: 'rejected',
    code: null,
    reason: null,
    sender: null,
    direction: null,
    sequence: null,
    quarters: [],
    rows: 0,
    changed: 0,
    movedTo: null,
    signed: false,
    documents: [],
    skipped: [],
  };
}

async function ingestOne(
  node: Node,
  candidate: BundleCandidate,
  options: IngestOptions,
): Promise<IngestFileResult> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const base = emptyResult(candidate.name);
  let bundle: ScannedBundle | undefined;
  // The manifest as soon as line 1 is read: a refusal names who it claims to come from.
  let manifest: BundleManifest | undefined;
  let size = 0;
  const logLine = {
    direction: 'in' as const,
    file: candidate.name,
    reason: null,
    at: options.now,
    remoteAddress: options.network?.address ?? null,
  };
  // A body the HTTP inbox or the pages received and left for the next pass is still one from the network.
  const network = options.network ?? (isNetworkName(candidate.name) ? { address: null } : undefined);
  try {
    if (candidate.pathProblem) throw new OiseError('BUNDLE_PATH', candidate.pathProblem);
    size = statSync(candidate.path).size;
    // Measured before reading, so an absurd file is never inflated.
    if (size > limits.maxCompressedBytes) throw oversizedBundle(size, limits.maxCompressedBytes);
    // One streaming pass verifies; the rows are read again, as a stream, to be applied.
    bundle = await scanBundleFile(candidate.path, {
      limits,
      onManifest: async (first) => {
        manifest = first;
        const claimed = announced(first);
        Object.assign(base, {
          sender: claimed.sender,
          direction: claimed.direction,
          sequence: claimed.sequence,
          quarters: claimed.quarters,
          rows: claimed.rowCount,
        });
        await addressedKey(node, first);
      },
    });
    const m = bundle.manifest;
    const said = announced(m);
    await verifyManifest(node, bundle);
    base.signed = true;
    const log = (status: 'applied' | 'duplicate', db = node.db) =>
      logBundle(db, { ...logLine, status, bundle: said, sha256: m.contentSha256, bytes: size });
    const seen = await node.db
      .selectFrom('bundle_log')
      .select('id')
      .where('direction', '=', 'in')
      .where('sender', '=', m.sender)
      .where('sequence', '=', m.sequence)
      .where('sha256', '=', m.contentSha256)
      .where('status', 'in', ['applied', 'duplicate'])
      .executeTakeFirst();
    if (seen) {
      await log('duplicate');
      return { ...base, status: 'duplicate', movedTo: fileAway(candidate, node.paths.applied) };
    }
    const context = await rowContext(node, bundle);
    const { changed, documentIds, skipped } = await node.db.transaction().execute(async (trx) => {
      const applied = await applyStreamed(trx, context, bundle as ScannedBundle, options);
      const peer = await readPeer(trx, m.sender);
      const counter = await changeCounter(trx);
      // The acknowledgement only moves over a contiguous range of the sender's changes; ranges
      // applied beyond a gap are remembered until the gap is filled (SPEC [A2], [A3]).
      const ack = advanceAck(peer.applied_peer_local_seq, peer.applied_ahead, m.changes);
      await writePeer(
        trx,
        {
          ...peer,
          applied_peer_sequence: Math.max(peer.applied_peer_sequence, m.sequence),
          applied_peer_local_seq: ack.applied,
          applied_ahead: ack.ahead,
          acked_local_seq: Math.max(peer.acked_local_seq, Math.min(m.ack.localSeq, counter)),
          peer_acked_sequence: Math.max(
            peer.peer_acked_sequence,
            Math.min(m.ack.sequence, peer.last_sent_sequence),
          ),
          ack_due: m.rowCount > 0 ? 1 : peer.ack_due,
        },
        options.now,
      );
      await log('applied', trx);
      return applied;
    });
    const documents = await materializeDocuments(node, documentIds);
    return {
      ...base,
      status: 'applied',
      changed,
      documents,
      skipped,
      movedTo: fileAway(candidate, node.paths.applied),
    };
  } catch (error) {
    // Every refusal is an OiseError with its stable code; anything else failed while applying.
    const rejection =
      error instanceof OiseError
        ? error
        : new OiseError(
            'BUNDLE_APPLY_FAILED',
            `l'application a échoué et rien n'a été enregistré (${(error as Error).message}). Signalez ce paquet à l'équipe OISE.`,
            {},
            { cause: error },
          );
    const said = announced(bundle?.manifest ?? manifest);
    const signed = await signedByEnrolledKey(node, bundle);
    await logBundle(node.db, {
      ...logLine,
      status: 'rejected',
      reason: `[${rejection.code}] ${rejection.message}`,
      bundle: { ...said, recipient: said.recipient || node.identity.code },
      sha256: said.contentSha256 ?? bundle?.fileSha256 ?? '',
      bytes: size,
      signed,
    });
    const refused = {
      ...base,
      status: 'rejected' as const,
      code: rejection.code,
      reason: rejection.message,
      signed,
    };
    if (network && !signed) {
      // A stranger's body: its log line is all that is kept.
      if (candidate.inInbox) rmSync(candidate.path, { force: true });
      return refused;
    }
    mkdirSync(node.paths.rejected, { recursive: true });
    const movedTo = fileAway(candidate, node.paths.rejected);
    if (movedTo) writeFileSync(`${movedTo}.motif.txt`, motif(candidate, said, rejection, options.now));
    await enforceRejectedQuota(node);
    return { ...refused, movedTo: movedTo && existsSync(movedTo) ? movedTo : null };
  }
}

/** What checking a row's scope needs (SPEC [V12]). */
async function rowContext(node: Node, bundle: ScannedBundle) {
  const m = bundle.manifest;
  const shapes = new Map<SyncedTable, TableShape>();
  for (const table of APPLY_ORDER) shapes.set(table, await tableShape(node.db, table));
  let hierarchy: Hierarchy | undefined;
  if (m.direction === 'up') hierarchy = await loadHierarchy(node.db);
  return {
    me: node.identity,
    sender: m.sender,
    direction: m.direction,
    shapes,
    hierarchy: () => hierarchy as Hierarchy,
  };
}

/** Rows held before they are applied: a slice, whatever the size of the bundle. */
const SLICE_ROWS = 2_000;
const SLICE_BYTES = 8 * 1024 * 1024;

/**
 * Reads the rows of a verified bundle as a stream and applies them in slices inside the caller's
 * transaction: scope of every row (SPEC [V12]), then the manifest's counts. A problem stops the
 * applying (the rest is only counted, to name it) and throws at the end, so the caller's
 * transaction rolls back and nothing of the bundle is kept. Foreign keys are checked at commit,
 * since a slice may hold a row whose parent comes in a later one.
 */
async function applyStreamed(
  trx: Kysely<Database>,
  ctx: Awaited<ReturnType<typeof rowContext>>,
  bundle: ScannedBundle,
  options: IngestOptions,
) {
  const m = bundle.manifest;
  await sql`pragma defer_foreign_keys = on`.execute(trx);
  const slice = new Map<SyncedTable, Record<string, unknown>[]>();
  let sliceRows = 0;
  let sliceBytes = 0;
  const counts = new Map<string, number>();
  const problems: string[] = [];
  let problemCount = 0;
  let rowCount = 0;
  let changed = 0;
  const documentIds: string[] = [];
  // Rows of a newer table this node lacks, which the sender says a reader may leave out.
  const skippable = new Set(Array.isArray(m.skippable) ? m.skippable.map(String) : []);
  const skipped = new Map<string, number>();
  const flush = async () => {
    for (const table of APPLY_ORDER) {
      const rows = slice.get(table);
      if (!rows?.length) continue;
      changed += await applyRows(trx, ctx.shapes.get(table) as TableShape, rows, options.now);
      if (table === 'quarter_submission') {
        await recordReceptions(trx, ctx.me, m, rows, options.now);
        await recordSenderReceptions(trx, m, rows);
      }
    }
    slice.clear();
    sliceRows = 0;
    sliceBytes = 0;
  };
  for await (const rows of streamRows(bundle, { limits: options.limits })) {
    for (const { table, row, line } of rows as (BundleRow & { line: number })[]) {
      rowCount++;
      if (!Object.hasOwn(SYNCED_TABLES, table) && skippable.has(table)) {
        skipped.set(table, (skipped.get(table) ?? 0) + 1);
        continue;
      }
      const problem = rowScopeProblem(ctx, table, row);
      if (problem) {
        problemCount++;
        if (problems.length < 3)
          // Each problem is a sentence: its full stop goes, the message ends with one of its own.
          problems.push(
            `ligne ${line} (${rowLabel(ctx.shapes.get(table), table, row)}) : ${problem.replace(/\.$/, '')}`,
          );
        continue;
      }
      counts.set(table, (counts.get(table) ?? 0) + 1);
      if (table === 'document') documentIds.push(String(row.id));
      if (problemCount > 0) continue;
      const list = slice.get(table) ?? [];
      list.push(row);
      slice.set(table, list);
      sliceRows++;
      sliceBytes += rowBytes(row);
    }
    if (problemCount === 0 && (sliceRows >= SLICE_ROWS || sliceBytes >= SLICE_BYTES)) await flush();
  }
  if (problemCount > 0) {
    const more = problemCount > problems.length ? ` (et ${problemCount - problems.length} autre(s))` : '';
    throw new OiseError(
      'BUNDLE_SCOPE',
      `des lignes sortent de ce que ${m.sender} peut envoyer à ce nœud — ${problems.join(' ; ')}${more}. Rien n'a été appliqué.`,
    );
  }
  const mismatch =
    rowCount !== m.rowCount ||
    APPLY_ORDER.some((t) => (counts.get(t) ?? 0) !== (m.counts[t] ?? 0)) ||
    [...skipped].some(([t, n]) => n !== (m.counts as Record<string, number>)[t]);
  if (mismatch) {
    throw new OiseError(
      'BUNDLE_SEQUENCE',
      `le paquet annonce ${m.rowCount} lignes mais en contient ${rowCount} (ou les comptes par table diffèrent) : il est incohérent.`,
    );
  }
  await flush();
  return {
    changed,
    documentIds,
    skipped: [...skipped]
      .map(([table, n]) => ({ table, rows: n }))
      .sort((a, b) => a.table.localeCompare(b.table)),
  };
}

/** About what a row weighs in memory: its binary columns dominate (documents). */
function rowBytes(row: Record<string, unknown>): number {
  let n = 200;
  for (const v of Object.values(row)) {
    if (typeof v === 'string') n += v.length;
    else if (v instanceof Uint8Array) n += v.length;
  }
  return n;
}

function motif(candidate: BundleCandidate, said: Announced, r: OiseError, now: string): string {
  return [
    `Paquet refusé : ${candidate.name}`,
    `Date : ${formatDateTimeFr(now)}`,
    `Expéditeur annoncé : ${said.sender ?? 'inconnu'}`,
    `Destinataire annoncé : ${said.recipient ?? 'inconnu'}`,
    `Séquence : ${said.sequence ?? 'inconnue'}`,
    `Code : ${r.code}`,
    `Motif : ${r.message}`,
    '',
    "Rien de ce paquet n'a été enregistré dans la base.",
    '',
  ].join('\n');
}
