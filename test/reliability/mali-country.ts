import { type IndicatorDefinition, listIndicators } from '@oise/catalog';
import { demoValues } from '@oise/pipelines/demo';
import type { Database } from '@oise/schema';
import { FIXTURES, SHARED_DATA } from '@oise/testkit';
import type { Kysely } from 'kysely';

/** Mali's real territory when the shared data is there (it is on CI), else the demo territory. */
export const TERRITORY = SHARED_DATA.available ? SHARED_DATA.communes : FIXTURES.demoTerritory;

export interface Commune {
  code: string;
  cercle: string;
}

export async function communesOf(db: Kysely<Database>): Promise<Commune[]> {
  const rows = await db
    .selectFrom('org_unit')
    .select(['code', 'parent_code'])
    .where('level', '=', 'commune')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ code: r.code, cercle: r.parent_code ?? '' }));
}

/** The unit (cercle or region, by code length) with the most communes. */
export function largest(communes: readonly Commune[], codeLength: 4 | 6): string {
  const counts = new Map<string, number>();
  for (const c of communes)
    counts.set(c.code.slice(0, codeLength), (counts.get(c.code.slice(0, codeLength)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

export async function catalogOf(db: Kysely<Database>): Promise<IndicatorDefinition[]> {
  return listIndicators(db);
}

/** A quarter's plausible figures for the communes (the demo's generator), as `data_value` rows. */
export function quarterRows(
  catalog: readonly IndicatorDefinition[],
  communes: readonly Commune[],
  period: string,
  index: number,
  now: string,
) {
  return communes.flatMap((c) =>
    demoValues(catalog, c.code, index, 20_250_101).map((v) => ({
      org_unit_code: v.commune,
      indicator_code: v.indicator,
      period,
      category: v.category,
      value: v.value,
      value_text: null,
      comment: null,
      author: 'ccc',
      channel: 'csv',
      deleted: 0,
      revision: 1,
      updated_at: now,
      owner: c.cercle,
    })),
  );
}

/** The same figures as the data-value CSV an adviser would import. */
export function quarterCsv(rows: ReturnType<typeof quarterRows>): string {
  const lines = rows.map(
    (r) =>
      `${r.org_unit_code};${r.indicator_code};${r.period};${r.category};${String(r.value).replace('.', ',')}`,
  );
  return `\ufeffcode_collectivite;code_indicateur;periode;categorie;valeur\r\n${lines.join('\r\n')}\r\n`;
}

export async function insertRows(db: Kysely<Database>, rows: ReturnType<typeof quarterRows>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 2000)
      await trx
        .insertInto('data_value')
        .values(rows.slice(i, i + 2000))
        .execute();
  });
}
