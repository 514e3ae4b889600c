import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { type Hierarchy, loadHierarchy } from '@oise/catalog';
import { OiseError, formatDateTimeFr } from '@oise/core';
import type { Node } from '@oise/node';
import { SYNCED_TABLES, type SyncedTable } from '@oise/schema';
import { advanceAck, readAhead, writeAhead } from './ack-ranges.js';
import { applyRows } from './apply-rows.js';
import { type ParsedBundle, parseBundle, readRows } from './bundle-codec.js';
import { type BundleDirection, type BundleLimits, DEFAULT_LIMITS } from './bundle-format.js';
import { materializeDocuments } from './documents.js';
import { type BundleCandidate, fileAway, inboxCandidates, namedCandidate } from './inbox-files.js';
import { recordReceptions } from './quarter-reception.js';
import { rowLabel, rowScopeProblem } from './row-scope.js';
import { changeCounter, readPeer, writePeer } from './sync-peer.js';
import { type TableShape, tableShape } from './table-columns.js';
import { verifyManifest } from './verify-manifest.js';

export interface IngestOptions {
  now: string;
  /** Files to ingest; default: every bundle waiting in `inbox/`. */
  files?: readonly string[];
  limits?: BundleLimits;
}

/** What happened to one bundle file (SPEC §5). */
export interface IngestFileResult {
  file: string;
  status: 'applied' | 'duplicate' | 'rejected';
  /** Stable error code of a rejection (`BUNDLE_BAD_SIGNATURE` …). */
  code: string | null;
  /** French reason of a rejection. */
  reason: string | null;
  sender: string | null;
  direction: BundleDirection | null;
  sequence: number | null;
  quarters: string[];
  rows: number;
  /** Rows that replaced or added a stored row (higher revision or new). */
  changed: number;
  /** Where the file went: `inbox/applied/…` or `inbox/rejected/…`. */
  movedTo: string | null;
  /** Documents written under `reports/`. */
  documents: string[];
}

/** Order of application: reference data first, then the figures, then statuses. */
const APPLY_ORDER = Object.keys(SYNCED_TABLES) as SyncedTable[];

class Rejection extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly bundle?: ParsedBundle,
  ) {
    super(message);
  }
}

/**
 * Verifies and applies bundles one by one. Each is applied whole in one transaction or not at
 * all; refused ones go to `inbox/rejected/` with a `.motif.txt`, applied and duplicate ones to
 * `inbox/applied/`. Never throws for a bad bundle: the result says what happened to each.
 */
export async function ingestBundles(node: Node, options: IngestOptions): Promise<IngestFileResult[]> {
  const candidates = options.files?.length
    ? options.files.map((f) => namedCandidate(node.paths, f))
    : inboxCandidates(node.paths);
  const results: IngestFileResult[] = [];
  for (const candidate of candidates) {
    results.push(await ingestOne(node, candidate, options));
  }
  return results;
}

async function ingestOne(
  node: Node,
  candidate: BundleCandidate,
  options: IngestOptions,
): Promise<IngestFileResult> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const base: IngestFileResult = {
    file: candidate.name,
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
    documents: [],
  };
  let bundle: ParsedBundle | undefined;
  let fileSha = '';
  let size = 0;
  try {
    if (candidate.pathProblem) throw new Rejection('BUNDLE_PATH', candidate.pathProblem);
    size = statSync(candidate.path).size;
    if (size > limits.maxCompressedBytes) {
      throw new Rejection(
        'BUNDLE_TOO_LARGE',
        `le fichier pèse ${size} octets, au-delà de la limite de ${limits.maxCompressedBytes} : ce n'est pas un paquet OISE normal.`,
      );
    }
    const bytes = readFileSync(candidate.path);
    fileSha = createHash('sha256').update(bytes).digest('hex');
    bundle = parseBundle(bytes, { limits });
    const m = bundle.manifest;
    Object.assign(base, {
      sender: typeof m.sender === 'string' ? m.sender : null,
      direction: m.direction === 'up' || m.direction === 'down' ? m.direction : null,
      sequence: Number.isInteger(m.sequence) ? m.sequence : null,
      quarters: Array.isArray(m.quarters) ? m.quarters.map(String) : [],
      rows: Number.isInteger(m.rowCount) ? m.rowCount : 0,
    });
    await verifyManifest(node, bundle);
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
      await logIn(node, candidate, bundle, 'duplicate', null, size, options.now);
      return { ...base, status: 'duplicate', movedTo: fileAway(candidate, node.paths.applied) };
    }
    const { byTable, documentIds } = await checkRows(node, bundle);
    const changed = await node.db.transaction().execute(async (trx) => {
      let n = 0;
      for (const table of APPLY_ORDER) {
        const rows = byTable.get(table);
        if (rows?.length) n += await applyRows(trx, await tableShape(trx, table), rows, options.now);
      }
      await recordReceptions(trx, node.identity, m, byTable.get('quarter_submission') ?? [], options.now);
      const peer = await readPeer(trx, m.sender);
      const counter = await changeCounter(trx);
      // The acknowledgement only moves over a contiguous range of the sender's changes; ranges
      // applied beyond a gap are remembered until the gap is filled (SPEC [A2], [A3]).
      const ahead = await readAhead(trx, m.sender);
      const ack = advanceAck(peer.applied_peer_seq, ahead, m.changes);
      if (ack.ahead.length > 0 || ahead.length > 0) await writeAhead(trx, m.sender, ack.ahead);
      await writePeer(
        trx,
        {
          ...peer,
          applied_peer_sequence: Math.max(peer.applied_peer_sequence, m.sequence),
          applied_peer_seq: ack.applied,
          acked_local_seq: Math.max(peer.acked_local_seq, Math.min(m.ack.localSeq, counter)),
          peer_acked_sequence: Math.max(
            peer.peer_acked_sequence,
            Math.min(m.ack.sequence, peer.last_sent_sequence),
          ),
          ack_due: m.rowCount > 0 ? 1 : peer.ack_due,
        },
        options.now,
      );
      await logIn(node, candidate, bundle as ParsedBundle, 'applied', null, size, options.now, trx);
      return n;
    });
    const documents = await materializeDocuments(node, documentIds);
    return {
      ...base,
      status: 'applied',
      changed,
      documents,
      movedTo: fileAway(candidate, node.paths.applied),
    };
  } catch (error) {
    const rejection =
      error instanceof Rejection
        ? error
        : error instanceof OiseError
          ? new Rejection(error.code, error.message)
          : new Rejection(
              'BUNDLE_APPLY_FAILED',
              `l'application a échoué et rien n'a été enregistré (${(error as Error).message}). Signalez ce paquet à l'équipe OISE.`,
            );
    await logRejected(node, candidate, bundle, fileSha, rejection, size, options.now);
    mkdirSync(node.paths.rejected, { recursive: true });
    const movedTo = fileAway(candidate, node.paths.rejected);
    if (movedTo) writeFileSync(`${movedTo}.motif.txt`, motif(candidate, bundle, rejection, options.now));
    return { ...base, status: 'rejected', code: rejection.code, reason: rejection.message, movedTo };
  }
}

/** Scope of every row (SPEC [V12]) and the manifest's counts; rows grouped by table. */
async function checkRows(node: Node, bundle: ParsedBundle) {
  const m = bundle.manifest;
  const shapes = new Map<SyncedTable, TableShape>();
  for (const table of APPLY_ORDER) shapes.set(table, await tableShape(node.db, table));
  let hierarchy: Hierarchy | undefined;
  if (m.direction === 'up') hierarchy = await loadHierarchy(node.db);
  const ctx = {
    me: node.identity,
    sender: m.sender,
    direction: m.direction,
    shapes,
    hierarchy: () => hierarchy as Hierarchy,
  };
  const rows = readRows(bundle);
  const byTable = new Map<SyncedTable, Record<string, unknown>[]>();
  const problems: string[] = [];
  let problemCount = 0;
  const documentIds: string[] = [];
  for (const { table, row, line } of rows) {
    const problem = rowScopeProblem(ctx, table, row);
    if (problem) {
      problemCount++;
      if (problems.length < 3)
        problems.push(`ligne ${line} (${rowLabel(shapes.get(table), table, row)}) : ${problem}`);
      continue;
    }
    const list = byTable.get(table) ?? [];
    list.push(row);
    byTable.set(table, list);
    if (table === 'document') documentIds.push(String(row.id));
  }
  if (problemCount > 0) {
    const more = problemCount > problems.length ? ` (et ${problemCount - problems.length} autre(s))` : '';
    throw new Rejection(
      'BUNDLE_SCOPE',
      `des lignes sortent de ce que ${m.sender} peut envoyer à ce nœud — ${problems.join(' ; ')}${more}. Rien n'a été appliqué.`,
    );
  }
  const mismatch =
    rows.length !== m.rowCount ||
    APPLY_ORDER.some((t) => (byTable.get(t)?.length ?? 0) !== (m.counts[t] ?? 0));
  if (mismatch) {
    throw new Rejection(
      'BUNDLE_SEQUENCE',
      `le paquet annonce ${m.rowCount} lignes mais en contient ${rows.length} (ou les comptes par table diffèrent) : il est incohérent.`,
    );
  }
  return { byTable, documentIds };
}

async function logIn(
  node: Node,
  candidate: BundleCandidate,
  bundle: ParsedBundle,
  status: 'applied' | 'duplicate',
  reason: string | null,
  size: number,
  now: string,
  db = node.db,
) {
  const m = bundle.manifest;
  await db
    .insertInto('bundle_log')
    .values({
      direction: 'in',
      file_name: candidate.name,
      sender: m.sender,
      recipient: m.recipient,
      bundle_direction: m.direction,
      sequence: m.sequence,
      sha256: m.contentSha256,
      status,
      reason,
      quarters: m.quarters.join(','),
      row_count: m.rowCount,
      byte_size: size,
      at: now,
    })
    .execute();
}

async function logRejected(
  node: Node,
  candidate: BundleCandidate,
  bundle: ParsedBundle | undefined,
  fileSha: string,
  rejection: Rejection,
  size: number,
  now: string,
) {
  const m = bundle?.manifest;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  await node.db
    .insertInto('bundle_log')
    .values({
      direction: 'in',
      file_name: candidate.name,
      sender: text(m?.sender),
      recipient: text(m?.recipient) || node.identity.code,
      // Unknown when the manifest could not be read.
      bundle_direction: (m?.direction === 'up' || m?.direction === 'down' ? m.direction : '') as 'up',
      sequence: Number.isInteger(m?.sequence) ? (m?.sequence as number) : 0,
      sha256: typeof m?.contentSha256 === 'string' ? m.contentSha256 : fileSha,
      status: 'rejected',
      reason: `[${rejection.code}] ${rejection.message}`,
      quarters: Array.isArray(m?.quarters) ? m.quarters.join(',') : '',
      row_count: Number.isInteger(m?.rowCount) ? (m?.rowCount as number) : 0,
      byte_size: size,
      at: now,
    })
    .execute();
}

function motif(
  candidate: BundleCandidate,
  bundle: ParsedBundle | undefined,
  r: Rejection,
  now: string,
): string {
  const m = bundle?.manifest;
  return [
    `Paquet refusé : ${candidate.name}`,
    `Date : ${formatDateTimeFr(now)}`,
    `Expéditeur annoncé : ${typeof m?.sender === 'string' ? m.sender : 'inconnu'}`,
    `Destinataire annoncé : ${typeof m?.recipient === 'string' ? m.recipient : 'inconnu'}`,
    `Séquence : ${Number.isInteger(m?.sequence) ? m?.sequence : 'inconnue'}`,
    `Code : ${r.code}`,
    `Motif : ${r.message}`,
    '',
    "Rien de ce paquet n'a été enregistré dans la base.",
    '',
  ].join('\n');
}
