import type { IndicatorDefinition } from '@oise/catalog';
import fc from 'fast-check';

/**
 * Data-value CSV files as people and broken PCs make them: the design's columns in French or
 * English, `;` `,` or tab (or a wrong separator), BOMs, CRLF or CR, quotes, numbers in every
 * format Excel and hands produce, wrong codes and periods, huge fields, truncated lines,
 * random unicode, and files that are not text at all.
 */
export interface CsvCase {
  name: string;
  bytes: Uint8Array;
  partial: boolean;
  dryRun: boolean;
  /** What the case is, for the failure list. */
  describe: string;
}

const FR = ['code_collectivite', 'code_indicateur', 'periode', 'categorie', 'valeur', 'commentaire'];
const EN = ['org_unit', 'indicator', 'period', 'category', 'value', 'comment'];

const junk = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    '',
    ' ',
    '"',
    '""',
    '\u0000',
    '\u00a0',
    '=1+1',
    '@SUM(A1)',
    '-',
    'NULL',
    'null',
    'undefined',
  ),
);

function numberText(): fc.Arbitrary<string> {
  const frThousands = (n: number, sep: string) =>
    Math.trunc(n)
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: 0, max: 2000 }).map(String) },
    fc.integer({ min: 0, max: 5_000_000 }).map((n) => frThousands(n, ' ')),
    fc.integer({ min: 0, max: 5_000_000 }).map((n) => frThousands(n, '\u00a0')),
    fc.integer({ min: 0, max: 5_000_000 }).map((n) => frThousands(n, '\u202f')),
    fc.integer({ min: 0, max: 5_000_000 }).map((n) => frThousands(n, '.')),
    fc.integer({ min: 0, max: 5_000_000 }).map((n) => frThousands(n, ',')),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((d) => String(d).replace('.', ',')),
    fc.double().map(String),
    fc.double({ min: 0, max: 100 }).map((d) => `${d.toFixed(2).replace('.', ',')} %`),
    fc.integer({ min: 0, max: 999 }).map((n) => `${n}e3`),
    fc.integer({ min: 0, max: 999 }).map((n) => `0x${n.toString(16)}`),
    fc.integer({ min: 0, max: 999 }).map((n) => `+${n}`),
    fc.integer({ min: 0, max: 999 }).map((n) => `  ${n}  `),
    fc
      .integer({ min: 0, max: 999 })
      .map((n) => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))),
    fc.integer({ min: 1, max: 400 }).map((n) => '9'.repeat(n)),
    fc.constantFrom(
      'NaN',
      'Infinity',
      '-Infinity',
      '-0',
      '1,2,3',
      '1.2.3',
      '1 2',
      ',5',
      '5,',
      '1e309',
      'oui',
      'non',
      'VRAI',
      'x',
    ),
  );
}

/** A line that should go in: an entered indicator of the commune, a value of its type within bounds. */
function cleanRowArb(communes: readonly string[], indicators: readonly IndicatorDefinition[]) {
  const entered = indicators.filter((d) => d.aggregation !== 'ratio');
  return fc
    .record({
      def: fc.constantFrom(...entered),
      unit: fc.constantFrom(...communes),
      period: fc.constantFrom('2025Q1', '2025T1', '2025q1'),
      sex: fc.constantFrom('F', 'M'),
      share: fc.double({ min: 0, max: 0.05, noNaN: true }),
      comma: fc.boolean(),
      comment: fc.option(fc.string({ unit: 'grapheme', maxLength: 20 }), { nil: undefined }),
    })
    .map((r): (string | undefined)[] => {
      const min = r.def.min ?? 0;
      const max = r.def.max ?? min + 100;
      let value = min + (max - min) * r.share;
      if (r.def.valueType === 'integer' || r.def.valueType === 'boolean') value = Math.round(value);
      const text =
        r.def.valueType === 'text'
          ? 'Texte libre'
          : r.def.valueType === 'boolean'
            ? String(Math.min(1, value))
            : String(value).replace('.', r.comma ? ',' : '.');
      return [r.unit, r.def.code, r.period, r.def.disaggregation === 'sex' ? r.sex : '', text, r.comment];
    });
}

function rowArb(communes: readonly string[], indicators: readonly IndicatorDefinition[]) {
  return fc.oneof(
    { weight: 3, arbitrary: cleanRowArb(communes, indicators) },
    dirtyRowArb(communes, indicators),
  );
}

function dirtyRowArb(communes: readonly string[], indicators: readonly IndicatorDefinition[]) {
  const codes = indicators.map((d) => d.code);
  return fc.tuple(
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...communes) },
      fc.constantFrom('ML040201', 'ML0401', 'ML04', 'ML', ' ML040101 ', 'ml040101', 'ML04010', 'ML03010199'),
      junk,
    ),
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...codes) },
      fc.constantFrom(...codes).map((c) => c.toLowerCase()),
      junk,
    ),
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('2025Q1', '2025T1') },
      fc.constantFrom(
        '2025q1',
        '2024Q4',
        '2025Q2',
        '2025Q3',
        '2030Q1',
        '2025',
        'Q1 2025',
        '2025-01',
        '1999Q1',
        '2025Q5',
        '',
      ),
      junk,
    ),
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('', 'F', 'M') },
      fc.constantFrom('f', 'X', 'Total', 'H'),
      junk,
    ),
    fc.oneof({ weight: 6, arbitrary: numberText() }, junk),
    fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    ),
  );
}

function field(text: string, sep: string, quoteMode: number): string {
  if (quoteMode === 0) return text;
  if (quoteMode === 1) return `"${text.replaceAll('"', '""')}"`;
  // A quote left open or stuck in the middle, as hand editing produces.
  return quoteMode === 2 ? `"${text}` : `${text.slice(0, 1)}"${text.slice(1)}${sep}`;
}

export function csvCaseArb(
  communes: readonly string[],
  indicators: readonly IndicatorDefinition[],
): fc.Arbitrary<CsvCase> {
  const header = fc.oneof(
    { weight: 12, arbitrary: fc.constant(FR) },
    { weight: 6, arbitrary: fc.constant(EN) },
    fc.shuffledSubarray(FR, { minLength: 1 }),
    fc.array(junk, { minLength: 1, maxLength: 8 }),
  );
  const text = fc
    .record({
      header,
      rows: fc.array(rowArb(communes, indicators), { maxLength: 8 }),
      sep: fc.constantFrom(';', ';', ';', ';', ',', ',', '\t', '|'),
      eol: fc.constantFrom('\r\n', '\n', '\r'),
      bom: fc.constantFrom('', '\ufeff', '\ufeff\ufeff'),
      quotes: fc.array(fc.nat({ max: 12 }), { minLength: 64, maxLength: 64 }),
      trailer: fc.constantFrom('', '', ';;;;', '\r\n\r\n', ';'),
    })
    .map((c) => {
      let q = 0;
      // Mostly unquoted; sometimes quoted; rarely a stray quote.
      const mode = () => {
        const n = c.quotes[q++ % c.quotes.length] ?? 0;
        return n < 8 ? 0 : n < 11 ? 1 : n === 11 ? 2 : 3;
      };
      // The header is quoted at most (a broken header only stops the file at its first line).
      const lines = [c.header.map((h) => field(h, c.sep, Math.min(1, mode()))).join(c.sep)];
      for (const r of c.rows) {
        const cells = r.slice(0, r[5] === undefined ? 5 : 6).map((v) => v ?? '');
        lines.push(cells.map((v) => field(v, c.sep, mode())).join(c.sep));
      }
      return {
        text: `${c.bom}${lines.join(c.eol)}${c.trailer}${c.eol}`,
        describe: `sep ${JSON.stringify(c.sep)} rows ${c.rows.length}`,
      };
    });
  const mutation = fc.oneof(
    { weight: 20, arbitrary: fc.constant({ kind: 'none' as const, at: 0, bytes: new Uint8Array() }) },
    fc.record({
      kind: fc.constant('truncate' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      bytes: fc.constant(new Uint8Array()),
    }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
    }),
    fc.record({
      kind: fc.constant('random' as const),
      at: fc.constant(0),
      bytes: fc.uint8Array({ maxLength: 2048 }),
    }),
    fc.record({
      kind: fc.constant('latin1' as const),
      at: fc.constant(0),
      bytes: fc.constant(new Uint8Array()),
    }),
    fc.record({
      kind: fc.constant('utf16' as const),
      at: fc.constant(0),
      bytes: fc.constant(new Uint8Array()),
    }),
    fc.record({
      kind: fc.constant('huge' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      bytes: fc.constant(new Uint8Array()),
    }),
  );
  return fc
    .record({
      text,
      mutation,
      ext: fc.constantFrom('csv', 'csv', 'csv', 'tsv', 'txt', 'CSV'),
      partial: fc.boolean(),
      dryRun: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, fc.constant(true)),
    })
    .map(({ text, mutation, ext, partial, dryRun }) => {
      let bytes: Uint8Array = Buffer.from(text.text, 'utf8');
      const at = Math.floor(mutation.at * bytes.length);
      switch (mutation.kind) {
        case 'truncate':
          bytes = bytes.subarray(0, at);
          break;
        case 'insert':
          bytes = Buffer.concat([bytes.subarray(0, at), mutation.bytes, bytes.subarray(at)]);
          break;
        case 'random':
          bytes = mutation.bytes;
          break;
        case 'latin1':
          bytes = Buffer.from(text.text, 'latin1');
          break;
        case 'utf16':
          bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.text, 'utf16le')]);
          break;
        case 'huge':
          bytes = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(300_000, 0x37), bytes.subarray(at)]);
          break;
      }
      return {
        name: `saisie.${ext}`,
        bytes,
        partial,
        dryRun,
        describe: `${text.describe}, ${mutation.kind}, partial ${partial}, dry ${dryRun}: ${JSON.stringify(Buffer.from(bytes).toString('utf8').slice(0, 300))}`,
      };
    });
}
