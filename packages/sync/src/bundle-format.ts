import { type ErrorContext, OiseError } from '@oise/core';
import type { SyncedTable } from '@oise/schema';
import { NEWEST_SCHEMA } from './schema-compat.js';

/** The `format` field of every manifest. */
export const BUNDLE_FORMAT = 'oise-bundle';
/**
 * The manifest layout this program writes and reads. A bundle it writes also carries the
 * manifest's own signature (`manifestSigned`, SPEC [B4]), which the previous reader ignores.
 */
export const BUNDLE_FORMAT_VERSION = 1;
/** Extension of bundle files (gzip of NDJSON). */
export const BUNDLE_EXTENSION = '.oise.gz';

/**
 * The newest migration this program knows (the writer's own schema, `writer.schemaVersion`). A
 * bundle's `schemaVersion` is what its reader needs, often older (SPEC [C2]).
 */
export const BUNDLE_SCHEMA_VERSION = NEWEST_SCHEMA;

export type BundleDirection = 'up' | 'down';

/** Line 1 of a bundle (SPEC §2). */
export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  /** The oldest schema that reads this bundle: what a reader must know (SPEC [C2]). */
  schemaVersion: string;
  /** Who wrote it: OISE version and newest schema of the sender (absent before issue 13). */
  writer?: { oise: string; schemaVersion: string };
  /** Tables newer than `schemaVersion` that a reader without them may skip (SPEC [C4]). */
  skippable?: string[];
  sender: string;
  senderLevel: 'national' | 'region' | 'cercle';
  recipient: string;
  direction: BundleDirection;
  sequence: number;
  full: boolean;
  /** The sender's change-counter range the rows cover: `from < local_seq ≤ to`. */
  changes: { from: number; to: number };
  /** What the sender has applied from the recipient. */
  ack: { sequence: number; localSeq: number };
  quarters: string[];
  /** Rows per table: every table `schemaVersion` knows (0 included) and any skippable one carried. */
  counts: Partial<Record<SyncedTable, number>>;
  rowCount: number;
  contentSha256: string;
  createdAt: string;
  /**
   * True when the signature line also signs this manifest line alone (`manifestSignature`,
   * SPEC [B4]): the rows are then proved by `contentSha256`, read as a stream.
   */
  manifestSigned?: boolean;
}

/** One row line: the table and the row's columns (binary columns already base64). */
export interface BundleRow {
  table: SyncedTable;
  row: Record<string, unknown>;
}

/** The last line of a bundle. */
export interface BundleSignature {
  /** Ed25519 over every line before this one. */
  signature: string;
  algorithm: 'ed25519';
  keyFingerprint: string;
  /** Ed25519 over line 1 (the manifest, newline included), when `manifestSigned`. */
  manifestSignature?: string;
}

/** Limits that protect ingest from zip bombs and absurd files (SPEC [V3]). */
export interface BundleLimits {
  maxCompressedBytes: number;
  maxDecompressedBytes: number;
  maxLineBytes: number;
  /**
   * Decompressed limit of a bundle without `manifestSigned`, held whole to check its signature
   * (default `WHOLE_MAX_DECOMPRESSED_BYTES`).
   */
  maxWholeBytes?: number;
}

/**
 * A bundle signed only as a whole (the previous version's) is held in memory while its signature
 * is checked: 80 MiB keeps ingest under 300 MB and covers every bundle an export writes (closed
 * once its rows pass 64 MiB, [B5]).
 */
export const WHOLE_MAX_DECOMPRESSED_BYTES = 80 * 1024 * 1024;

export const DEFAULT_LIMITS: BundleLimits = {
  maxCompressedBytes: 256 * 1024 * 1024,
  maxDecompressedBytes: 512 * 1024 * 1024,
  maxLineBytes: 32 * 1024 * 1024,
  maxWholeBytes: WHOLE_MAX_DECOMPRESSED_BYTES,
};

/**
 * The refusal of a bundle file over the compressed limit (SPEC [V3]), wherever its size is
 * first known: a file in the inbox, an HTTP upload, the bytes given to `parseBundle`.
 */
export function oversizedBundle(size: number, limit: number, context: ErrorContext = {}): OiseError {
  return new OiseError(
    'BUNDLE_TOO_LARGE',
    `le paquet pèse ${size} octets, au-delà de la limite de ${limit} : ce n'est pas un paquet OISE normal. Demandez à l'expéditeur de le refaire.`,
    context,
  );
}

/** `ML0401-ML04-000003.oise.gz`: who sends, to whom, which one — readable by a courier. */
export function bundleFileName(sender: string, recipient: string, sequence: number): string {
  return `${sender}-${recipient}-${String(sequence).padStart(6, '0')}${BUNDLE_EXTENSION}`;
}

const BUNDLE_FILE_NAME = /^([A-Z]{2}[0-9]{0,6})-([A-Z]{2}[0-9]{0,6})-([0-9]{6,15})\.oise\.gz$/;

/** The parts of a name `bundleFileName` wrote, or null for any other name. */
export function parseBundleFileName(
  name: string,
): { sender: string; recipient: string; sequence: number } | null {
  const match = BUNDLE_FILE_NAME.exec(name);
  if (!match) return null;
  return { sender: match[1] as string, recipient: match[2] as string, sequence: Number(match[3]) };
}

/** Tables whose rows carry a period: a cercle's quarter gates them at the region (SPEC [S2]). */
export const PERIOD_TABLES = new Set<SyncedTable>([
  'data_value',
  'elected_official',
  'training_action',
  'ccc_activity',
  'quarter_submission',
  'document',
]);

/** Tables that travel UP (SPEC [S1]). */
export const UP_TABLES: readonly SyncedTable[] = [
  'data_value',
  'elected_official',
  'training_action',
  'ccc_activity',
  'partnership',
  'cooperation_programme',
  'quarter_submission',
  'quarter_decision',
  'quarter_reception',
  'quarter_note',
  'document',
];

/** Tables that travel DOWN (SPEC [S3]). */
export const DOWN_TABLES: readonly SyncedTable[] = [
  'org_unit',
  'org_unit_boundary',
  'indicator',
  'aggregate_value',
  'quarter_submission',
  'quarter_decision',
  'quarter_reception',
  'quarter_note',
  'document',
];
