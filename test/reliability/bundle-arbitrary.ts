import fc from 'fast-check';

/**
 * What can happen to a bundle between two nodes: bytes lost or flipped on the way, a file
 * re-compressed by some tool, and deliberate edits — manifest fields changed, rows reordered,
 * duplicated, dropped or rewritten — re-signed with the sender's key (to reach the checks
 * behind the signature), with an impostor's key, or not re-signed at all.
 */
export type RawEdit =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'append'; bytes: Uint8Array }
  | { kind: 'recompress'; level: number }
  | { kind: 'concat' };

export type ManifestEdit = { field: string; value: unknown } | { field: string; remove: true };

export type RowEdit =
  | { kind: 'shuffle'; seed: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'drop'; at: number }
  | { kind: 'field'; at: number; field: string; value: unknown }
  | { kind: 'remove-field'; at: number; field: string }
  | { kind: 'table'; at: number; table: string }
  | { kind: 'junk-line'; at: number; text: string };

export type BundleCase =
  | { kind: 'raw'; edits: RawEdit[] }
  | {
      kind: 'resealed';
      manifest: ManifestEdit[];
      rows: RowEdit[];
      signer: 'sender' | 'impostor' | 'none';
      fixHash: boolean;
      fixCounts: boolean;
      level: number;
    };

const MANIFEST_FIELDS = [
  'format',
  'formatVersion',
  'schemaVersion',
  'sender',
  'senderLevel',
  'recipient',
  'direction',
  'sequence',
  'full',
  'changes',
  'ack',
  'quarters',
  'counts',
  'rowCount',
  'contentSha256',
  'createdAt',
  '__proto__',
  'constructor',
  'extra',
];

const ROW_FIELDS = [
  'org_unit_code',
  'indicator_code',
  'period',
  'category',
  'value',
  'value_text',
  'comment',
  'author',
  'channel',
  'owner',
  'revision',
  'updated_at',
  'deleted',
  'local_seq',
  'unknown_column',
];

const TABLES = [
  'data_value',
  'org_unit',
  'indicator',
  'aggregate_value',
  'document',
  'journal',
  'trusted_key',
  'node_info',
  '',
  'data_value; drop table journal',
];

/** Values a tamperer would try: types the reader does not expect, edges, codes from elsewhere. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    0,
    -1,
    1.5,
    1e308,
    2 ** 53 + 1,
    '',
    'ML',
    'ML04',
    'ML0401',
    'ML0402',
    'ML030101',
    'ML040101',
    'ML04010199',
    '../../etc',
    'up',
    'down',
    'oise-bundle',
    '0001-initial',
    '9999-future',
    '2025Q1',
    '2031Q9',
    true,
    false,
  ),
  fc.integer({ min: -5, max: 1_000_000 }),
  fc.string({ maxLength: 12 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant({ from: 0, to: 5 }),
  fc.constant({ from: 9, to: 1 }),
  fc.constant({ sequence: 99, localSeq: 1e9 }),
  fc.constant({ data_value: 999, journal: 1 }),
  fc.jsonValue({ maxDepth: 2 }),
);

const pick = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const rawEdit: fc.Arbitrary<RawEdit> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: pick }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('flip' as const),
      at: pick,
      bit: fc.integer({ min: 0, max: 7 }),
    }),
  },
  fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('recompress' as const), level: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant('concat' as const) }),
);

const rowEdit: fc.Arbitrary<RowEdit> = fc.oneof(
  fc.record({ kind: fc.constant('shuffle' as const), seed: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: pick }),
  fc.record({ kind: fc.constant('drop' as const), at: pick }),
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('field' as const),
      at: pick,
      field: fc.constantFrom(...ROW_FIELDS),
      value: hostileValue,
    }),
  },
  fc.record({ kind: fc.constant('remove-field' as const), at: pick, field: fc.constantFrom(...ROW_FIELDS) }),
  fc.record({ kind: fc.constant('table' as const), at: pick, table: fc.constantFrom(...TABLES) }),
  fc.record({
    kind: fc.constant('junk-line' as const),
    at: pick,
    text: fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        '{}',
        '[]',
        'null',
        '{"table":"data_value"}',
        '{"table":"data_value","row":[]}',
        '{"table":"data_value","row":null}',
      ),
    ),
  }),
);

const manifestEdit: fc.Arbitrary<ManifestEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ field: fc.constantFrom(...MANIFEST_FIELDS), value: hostileValue }) },
  fc.record({ field: fc.constantFrom(...MANIFEST_FIELDS), remove: fc.constant(true as const) }),
);

export const bundleCaseArb: fc.Arbitrary<BundleCase> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      edits: fc.array(rawEdit, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('resealed' as const),
      manifest: fc.array(manifestEdit, { maxLength: 2 }),
      rows: fc.array(rowEdit, { maxLength: 3 }),
      signer: fc.constantFrom(
        'sender' as const,
        'sender' as const,
        'sender' as const,
        'impostor' as const,
        'none' as const,
      ),
      fixHash: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, fc.constant(false)),
      fixCounts: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
      level: fc.integer({ min: 0, max: 9 }),
    }),
  },
);

/** Applies the row edits (deterministically from the case) to the row lines. */
export function editRows(rows: readonly string[], edits: readonly RowEdit[]): string[] {
  let out = [...rows];
  const index = (p: number) => Math.floor(p * Math.max(1, out.length));
  for (const e of edits) {
    if (out.length === 0 && e.kind !== 'junk-line') continue;
    switch (e.kind) {
      case 'shuffle': {
        let s = e.seed || 1;
        for (let i = out.length - 1; i > 0; i--) {
          s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
          const j = s % (i + 1);
          [out[i], out[j]] = [out[j] as string, out[i] as string];
        }
        break;
      }
      case 'duplicate': {
        const i = index(e.at);
        out.splice(i, 0, out[i] as string);
        break;
      }
      case 'drop':
        out.splice(index(e.at), 1);
        break;
      case 'field':
      case 'remove-field':
      case 'table': {
        const i = index(e.at);
        let parsed: { table: unknown; row: Record<string, unknown> };
        try {
          parsed = JSON.parse(out[i] as string);
        } catch {
          break; // a junk line stays junk
        }
        if (!parsed || typeof parsed !== 'object' || !parsed.row || typeof parsed.row !== 'object') break;
        if (e.kind === 'field') parsed.row[e.field] = e.value;
        else if (e.kind === 'remove-field') delete parsed.row[e.field];
        else parsed.table = e.table;
        out[i] = JSON.stringify(parsed);
        break;
      }
      case 'junk-line':
        out.splice(index(e.at), 0, e.text.replaceAll('\n', ' '));
        break;
    }
  }
  out = out.map((l) => l.replaceAll('\n', ' '));
  return out;
}

/** Applies the manifest edits. */
export function editManifest(
  manifest: Record<string, unknown>,
  edits: readonly ManifestEdit[],
): Record<string, unknown> {
  const out = { ...manifest };
  for (const e of edits) {
    if ('remove' in e) delete out[e.field];
    else
      Object.defineProperty(out, e.field, {
        value: e.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}
