import { type Hierarchy, listIndicators, loadHierarchy } from '@oise/catalog';
import { addQuarters, formatQuarter, parseQuarter, quarterDeadlines, quarterStart } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Insertable, Kysely } from 'kysely';

/** Deterministic pseudo-random numbers (mulberry32), so seeded data are the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedOptions {
  /** Root of the subtree to fill (a cercle, a region or the country). */
  root: string;
  /** Last quarter; earlier quarters get data too (`quarters` in all). */
  quarter: string;
  quarters?: number;
  owner: string;
  now: string;
  seed?: number;
}

/**
 * Fills a node with raw rows for reports, as imports and the workflow would: commune values for
 * most indicators (some left empty, so completeness is below 100 %), elected officials,
 * trainings, CCC activities, partnerships, submissions, decisions and CSR notes.
 */
export async function seedReportData(db: Kysely<Database>, options: SeedOptions): Promise<Hierarchy> {
  const rand = seededRandom(options.seed ?? 42);
  const last = parseQuarter(options.quarter);
  const hierarchy = await loadHierarchy(db, last);
  const communes = hierarchy.descendantsAt(options.root, 'commune');
  const cercles = hierarchy.descendantsAt(options.root, 'cercle');
  const defs = (await listIndicators(db)).filter((d) => d.aggregation !== 'ratio' && d.valueType !== 'text');
  const sync = { owner: options.owner, revision: 1, updated_at: options.now };
  const base = { ...sync, author: 'seed' };
  const values = [];
  for (let back = (options.quarters ?? 8) - 1; back >= 0; back--) {
    const period = formatQuarter(addQuarters(last, -back));
    for (const c of communes)
      for (const d of defs) {
        if (rand() < 0.15) continue; // not entered: completeness below 100 %
        const hi = Math.min(
          d.max ?? 1000,
          d.valueType === 'boolean' ? 1 : d.unit === 'FCFA' ? 5_000_000 : 400,
        );
        const draw = () =>
          d.valueType === 'number'
            ? Math.round(rand() * hi * 10) / 10
            : Math.round(rand() * hi * (0.5 + back / 16));
        for (const category of d.disaggregation === 'sex' ? ['F', 'M'] : [''])
          values.push({
            ...base,
            org_unit_code: c.code,
            indicator_code: d.code,
            period,
            category,
            value: draw(),
            channel: 'seed',
          });
      }
  }
  for (let i = 0; i < values.length; i += 500)
    await db
      .insertInto('data_value')
      .values(values.slice(i, i + 500))
      .execute();

  const period = formatQuarter(last);
  const schooling = ['aucune', 'primaire', 'secondaire', 'supérieur', 'coranique'];
  const officials = communes.flatMap((c, ci) =>
    Array.from({ length: 5 + (ci % 4) }, (_, i) => ({
      ...base,
      id: `elu-${c.code}-${i}`,
      org_unit_code: c.code,
      period,
      full_name: `Élu ${i} de ${c.name}`,
      role: i === 0 ? 'maire' : 'conseiller',
      sex: (rand() < 0.3 ? 'F' : 'M') as 'F' | 'M',
      birth_year: 1960 + Math.floor(rand() * 30),
      schooling: schooling[Math.floor(rand() * schooling.length)]!,
      literate: rand() < 0.7 ? 1 : 0,
      mandate_start: 2016,
      mandate_end: 2026,
    })),
  );
  await insertChunks(db, 'elected_official', officials);
  const start = quarterStart(last);
  const themes = [
    'Maîtrise d’ouvrage communale',
    'Élaboration du PDESC',
    'Gestion budgétaire et fiscalité locale',
  ];
  const trainings = communes
    .filter((_, i) => i % 3 === 0)
    .map((c, i) => ({
      ...base,
      id: `formation-${c.code}`,
      org_unit_code: c.code,
      period,
      theme: themes[i % themes.length]!,
      start_date: start,
      end_date: start,
      days: 1 + (i % 3),
      participants_f: 3 + Math.floor(rand() * 12),
      participants_m: 5 + Math.floor(rand() * 20),
      target_group: 'élus',
      funder: 'ANICT',
      cost: 250_000 + i * 10_000,
    }));
  await insertChunks(db, 'training_action', trainings);
  const kinds = ['mission', 'session', 'pdesc'];
  const activities = communes.flatMap((c, ci) =>
    Array.from({ length: 1 + (ci % 3) }, (_, i) => ({
      ...base,
      id: `activite-${c.code}-${i}`,
      org_unit_code: c.code,
      period,
      kind: kinds[(ci + i) % kinds.length]!,
      activity_date: start,
      days: 1 + ((ci + i) % 2),
      description: `Appui à la commune de ${c.name} (${kinds[(ci + i) % kinds.length]})`,
      participants: 10 + ci,
    })),
  );
  await insertChunks(db, 'ccc_activity', activities);
  const countries = ['France', 'Belgique', 'Allemagne', 'Canada', 'france'];
  const partnerships = communes
    .filter((_, i) => i % 2 === 0)
    .map((c, i) => ({
      ...base,
      id: `partenariat-${c.code}`,
      org_unit_code: c.code,
      malian_name: c.name,
      partner_name: `Ville partenaire ${i}`,
      partner_country: countries[i % countries.length]!,
      partner_level: 'commune',
      since_year: 1990 + i,
      status: 'actif',
      sectors: i % 2 ? 'Éducation; Santé' : 'Hydraulique, Éducation',
    }));
  await insertChunks(db, 'partnership', partnerships);
  const due = quarterDeadlines(last);
  for (const c of cercles) {
    // By rank within the region: validated, returned, submitted, not submitted.
    const i = hierarchy.childrenOf(c.parentCode!).findIndex((x) => x.code === c.code);
    if (i % 4 === 3) continue; // the fourth has not submitted
    await db
      .insertInto('quarter_submission')
      .values({
        ...sync,
        owner: c.code,
        org_unit_code: c.code,
        period,
        number: 1,
        submitted_at: `${i % 2 ? due.cercleDue : due.ends}T10:00:00.000Z`,
        submitted_by: 'ccc',
        missing_count: 3,
      })
      .execute();
    await db
      .insertInto('quarter_reception')
      .values({
        ...sync,
        owner: c.parentCode!,
        org_unit_code: c.code,
        period,
        submission_number: 1,
        received_at: `${i % 2 ? due.cercleDue : due.ends}T16:00:00.000Z`,
      })
      .execute();
    if (i % 4 === 2) continue; // the third: submitted, no decision yet
    await db
      .insertInto('quarter_decision')
      .values({
        ...sync,
        owner: c.parentCode!,
        org_unit_code: c.code,
        period,
        submission_number: 1,
        decision: i % 4 === 1 ? 'returned' : 'validated',
        reason: i % 4 === 1 ? 'Données de santé incomplètes pour deux communes.' : null,
        decided_at: `${due.cercleDue}T12:00:00.000Z`,
        decided_by: 'csr',
      })
      .execute();
    await db
      .insertInto('quarter_note')
      .values({
        ...sync,
        owner: c.parentCode!,
        org_unit_code: c.code,
        period,
        author: 'CSR',
        text: `Le cercle de ${c.name} a bien progressé ce trimestre ; la saisie de l'hydraulique reste à compléter.`,
      })
      .execute();
  }
  return hierarchy;
}

/** Inserts rows a few hundred at a time (SQLite caps the variables of one statement). */
async function insertChunks<
  T extends 'data_value' | 'elected_official' | 'training_action' | 'ccc_activity' | 'partnership',
>(db: Kysely<Database>, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 400) as never)
      .execute();
}
