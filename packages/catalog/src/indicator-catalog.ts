import { readFileSync } from 'node:fs';
import { OiseError, readExcelCsv } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import {
  AGGREGATIONS,
  type Aggregation,
  DOMAINS,
  type IndicatorDefinition,
  KINDS,
  VALUE_TYPES,
  definitionFromRow,
} from './indicator-definition.js';

const COLUMNS = [
  'code',
  'label_fr',
  'label_en',
  'domain',
  'kind',
  'value_type',
  'unit',
  'disaggregation',
  'aggregation',
  'time_aggregation',
  'numerator_code',
  'denominator_code',
  'ratio_factor',
  'min_value',
  'max_value',
  'part_of_code',
  'description',
] as const;

/** The catalog shipped with OISE (`fixtures/indicateurs.csv`). */
export const DEFAULT_CATALOG_PATH = new URL('../../../fixtures/indicateurs.csv', import.meta.url);

/**
 * Reads and checks a catalog file (`;`-separated, the columns of `fixtures/indicateurs.csv`).
 * Every problem is reported with its line; a catalog with any problem is refused whole.
 */
export function readIndicatorCatalog(path: string | URL = DEFAULT_CATALOG_PATH): IndicatorDefinition[] {
  const file = String(path instanceof URL ? path.pathname : path);
  // The one reader of Excel's CSV (encoding, separator, blank lines, true line numbers).
  const table = readExcelCsv(readFileSync(path), file);
  const records = table.rows.map(({ line, cells }) => ({
    line,
    record: Object.fromEntries(table.header.map((name, i) => [name, cells[i]])) as Record<
      (typeof COLUMNS)[number],
      string
    >,
  }));
  const problems: string[] = table.unreadable.map((u) => `${file}, ligne ${u.line} : ${u.reason}`);
  const defs: IndicatorDefinition[] = [];
  const seen = new Set<string>();
  const num = (v: string): number | null => (v.trim() === '' ? null : Number(v.replace(',', '.')));
  records.forEach(({ record: r, line }, index) => {
    const bad = (msg: string) => problems.push(`${file}, ligne ${line} : ${msg}`);
    for (const column of COLUMNS) if (r[column] === undefined) bad(`colonne « ${column} » absente`);
    if (seen.has(r.code)) bad(`code « ${r.code} » en double`);
    seen.add(r.code);
    if (!(DOMAINS as readonly string[]).includes(r.domain)) bad(`domaine « ${r.domain} » inconnu`);
    if (!(KINDS as readonly string[]).includes(r.kind)) bad(`type « ${r.kind} » inconnu`);
    if (!(VALUE_TYPES as readonly string[]).includes(r.value_type))
      bad(`type de valeur « ${r.value_type} » inconnu`);
    for (const col of ['aggregation', 'time_aggregation'] as const)
      if (!(AGGREGATIONS as readonly string[]).includes(r[col])) bad(`règle « ${r[col]} » inconnue (${col})`);
    if (r.disaggregation !== 'none' && r.disaggregation !== 'sex')
      bad(`ventilation « ${r.disaggregation} » inconnue`);
    for (const ref of ['numerator_code', 'denominator_code', 'part_of_code'] as const)
      if (r[ref] && !seen.has(r[ref]))
        bad(`${ref} « ${r[ref]} » doit désigner un indicateur défini plus haut`);
    if (r.aggregation === 'ratio' && (!r.numerator_code || !r.denominator_code))
      bad('un ratio doit avoir un numérateur et un dénominateur');
    defs.push({
      code: r.code,
      labelFr: r.label_fr,
      labelEn: r.label_en,
      domain: r.domain,
      kind: r.kind as IndicatorDefinition['kind'],
      valueType: r.value_type as IndicatorDefinition['valueType'],
      unit: r.unit,
      disaggregation: r.disaggregation as 'none' | 'sex',
      aggregation: r.aggregation as Aggregation,
      timeAggregation: r.time_aggregation as Aggregation,
      numeratorCode: r.numerator_code || null,
      denominatorCode: r.denominator_code || null,
      ratioFactor: num(r.ratio_factor),
      min: num(r.min_value),
      max: num(r.max_value),
      partOfCode: r.part_of_code || null,
      description: r.description || null,
      sortOrder: index + 1,
    });
  });
  if (problems.length > 0) {
    throw new OiseError('CATALOG_INVALID', `Catalogue d'indicateurs refusé :\n${problems.join('\n')}`, {
      file,
    });
  }
  return defs;
}

/**
 * Writes the catalog into a node's database as rows owned by `owner` (the national node).
 * A definition that changed gets the next revision; unchanged ones are left alone.
 */
export async function installCatalog(
  db: Kysely<Database>,
  defs: IndicatorDefinition[],
  options: { owner: string; now: string },
): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  let updated = 0;
  await db.transaction().execute(async (trx) => {
    const existing = new Map(
      (await trx.selectFrom('indicator').selectAll().execute()).map((r) => [r.code, r]),
    );
    for (const d of defs) {
      const row = {
        code: d.code,
        label_fr: d.labelFr,
        label_en: d.labelEn,
        domain: d.domain,
        kind: d.kind,
        value_type: d.valueType,
        unit: d.unit,
        disaggregation: d.disaggregation,
        aggregation: d.aggregation,
        time_aggregation: d.timeAggregation,
        numerator_code: d.numeratorCode,
        denominator_code: d.denominatorCode,
        ratio_factor: d.ratioFactor,
        min_value: d.min,
        max_value: d.max,
        part_of_code: d.partOfCode,
        description: d.description,
        sort_order: d.sortOrder,
      };
      const before = existing.get(d.code);
      if (!before) {
        await trx
          .insertInto('indicator')
          .values({ ...row, owner: options.owner, revision: 1, updated_at: options.now })
          .execute();
        inserted++;
      } else if (JSON.stringify(definitionFromRow(before)) !== JSON.stringify(d) || before.deleted) {
        await trx
          .updateTable('indicator')
          .set({ ...row, deleted: 0, revision: before.revision + 1, updated_at: options.now })
          .where('code', '=', d.code)
          .execute();
        updated++;
      }
    }
  });
  return { inserted, updated };
}

/** The catalog a node holds, in catalog order (deleted indicators left out). */
export async function listIndicators(db: Kysely<Database>): Promise<IndicatorDefinition[]> {
  const rows = await db
    .selectFrom('indicator')
    .selectAll()
    .where('deleted', '=', 0)
    .orderBy('sort_order')
    .execute();
  return rows.map(definitionFromRow);
}
