import { type HierarchyUnit, type IndicatorDefinition, isComputed, listIndicators } from '@oise/catalog';
import { OiseError, formatNumberFr, quarterLabel, quarterShortLabel } from '@oise/core';
import type { Database } from '@oise/schema';
import type ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { cercleQuarter } from './cercle-quarter.js';
import { writeCollectionSheet } from './collection-form-sheet.js';
import type { EntryNode } from './entry-scope.js';
import { foldName } from './text-normalize.js';
import { workbookWriter } from './workbook-file.js';

export interface CollectionFormOptions {
  node: EntryNode;
  quarter: string;
  now: string;
  /** One commune (code, or name as the territory spells it, accents and case aside); default all. */
  commune?: string | undefined;
}

/** What the forms hold, for the command's summary. */
export interface CollectionFormSummary {
  cercle: string;
  quarter: string;
  /** The communes, in the order of the sheets. */
  communes: { code: string; name: string; sheet: string }[];
  indicators: number;
  /** Last quarter's figures printed beside the boxes, over all communes. */
  previousShown: number;
  /** Elected officials printed for checking, over all communes. */
  officialsShown: number;
}

/** Everything one commune's form shows. */
export interface CommuneForm {
  commune: HierarchyUnit;
  cercle: HierarchyUnit;
  region: HierarchyUnit | undefined;
  quarter: string;
  quarterLabel: string;
  previousLabel: string;
  indicators: IndicatorDefinition[];
  /** Last quarter's value by `indicator|category`, as text. */
  previous: ReadonlyMap<string, string>;
  /** The latest roster known up to the quarter (the quarter's own, else the latest before). */
  officials: Record<string, unknown>[];
}

/**
 * Builds the paper collection forms (« fiches de collecte ») of a cercle for a quarter: one
 * sheet per commune, printed on A4, with every indicator a CCC enters, its unit and bounds,
 * last quarter's value and an empty box (F, M and total for indicators by sex), then the
 * commune's elected officials to check and complete and the quarter's trainings to fill in.
 */
export async function buildCollectionForms(
  db: Kysely<Database>,
  options: CollectionFormOptions,
): Promise<{ workbook: ExcelJS.Workbook; summary: CollectionFormSummary }> {
  const { node } = options;
  const { q, quarter, previous, hierarchy, cercle } = await cercleQuarter(
    db,
    node,
    options.quarter,
    'les fiches de collecte se préparent',
  );
  const all = hierarchy.descendantsAt(node.code, 'commune');
  const communes = options.commune ? [communeNamed(all, options.commune, cercle, quarter)] : all;
  const codes = communes.map((c) => c.code);
  const indicators = (await listIndicators(db)).filter((d) => !isComputed(d));
  const byCode = new Map(indicators.map((d) => [d.code, d]));
  const values = await db
    .selectFrom('data_value')
    .select(['org_unit_code', 'indicator_code', 'category', 'value', 'value_text'])
    .where('period', '=', previous)
    .where('org_unit_code', 'in', codes.length ? codes : [''])
    .where('deleted', '=', 0)
    .execute();
  const rosters = await latestRosters(db, codes, quarter);

  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'OISE';
  wb.created = new Date(options.now);
  wb.title = `Fiches de collecte — cercle de ${cercle.name} — ${quarterLabel(q)}`;
  const summary: CollectionFormSummary = {
    cercle: node.code,
    quarter,
    communes: [],
    indicators: indicators.length,
    previousShown: 0,
    officialsShown: 0,
  };
  const used = new Set<string>();
  for (const commune of communes) {
    const shown = new Map<string, string>();
    const sums = new Map<string, number[]>();
    for (const v of values) {
      if (v.org_unit_code !== commune.code) continue;
      const def = byCode.get(v.indicator_code);
      if (!def) continue;
      shown.set(`${def.code}|${v.category}`, previousText(def, v.value, v.value_text));
      if (v.category !== '' && v.value !== null) sums.set(def.code, [...(sums.get(def.code) ?? []), v.value]);
    }
    // A total left empty last quarter is F + M, as OISE consolidates it.
    for (const [code, parts] of sums)
      if (parts.length === 2 && !shown.has(`${code}|`))
        shown.set(`${code}|`, formatNumberFr(parts[0]! + parts[1]!));
    const officials = rosters.get(commune.code) ?? [];
    const sheet = sheetName(commune.name, used);
    writeCollectionSheet(wb.addWorksheet(sheet), {
      commune,
      cercle,
      region: cercle.parentCode ? hierarchy.get(cercle.parentCode) : undefined,
      quarter,
      quarterLabel: quarterLabel(q),
      previousLabel: quarterShortLabel(previous),
      indicators,
      previous: shown,
      officials,
    });
    summary.communes.push({ code: commune.code, name: commune.name, sheet });
    summary.previousShown += shown.size;
    summary.officialsShown += officials.length;
  }
  return { workbook: wb, summary };
}

/** Writes the forms to `out` (.xlsx), whole or not at all (`oise fiches`, the pages' download). */
export const writeCollectionForms = workbookWriter(buildCollectionForms);

function communeNamed(
  communes: HierarchyUnit[],
  wanted: string,
  cercle: HierarchyUnit,
  quarter: string,
): HierarchyUnit {
  const folded = foldName(wanted);
  const found =
    communes.find((c) => c.code === wanted.trim().toUpperCase()) ??
    communes.find((c) => foldName(c.name) === folded);
  if (found) return found;
  throw new OiseError(
    'FICHE_COMMUNE_UNKNOWN',
    `la commune « ${wanted} » n'est pas dans le cercle de ${cercle.name} (${cercle.code}) ; communes du cercle : ${communes.map((c) => `${c.name} (${c.code})`).join(', ')}.`,
    { node: cercle.code, quarter },
  );
}

function previousText(def: IndicatorDefinition, value: number | null, text: string | null): string {
  if (def.valueType === 'boolean') return value === 1 ? 'oui' : value === 0 ? 'non' : '';
  if (def.valueType === 'text') return text ?? '';
  if (value === null) return '';
  return formatNumberFr(value);
}

/** Each commune's latest roster up to the quarter: its rows of the latest period entered. */
async function latestRosters(
  db: Kysely<Database>,
  communes: string[],
  quarter: string,
): Promise<Map<string, Record<string, unknown>[]>> {
  const rows = communes.length
    ? await db
        .selectFrom('elected_official')
        .selectAll()
        .where('org_unit_code', 'in', communes)
        .where('period', '<=', quarter)
        .where('deleted', '=', 0)
        .orderBy('org_unit_code')
        .orderBy('full_name')
        .execute()
    : [];
  const latest = new Map<string, string>();
  for (const r of rows)
    if ((latest.get(r.org_unit_code) ?? '') < r.period) latest.set(r.org_unit_code, r.period);
  const out = new Map<string, Record<string, unknown>[]>();
  for (const r of rows)
    if (latest.get(r.org_unit_code) === r.period)
      out.set(r.org_unit_code, [
        ...(out.get(r.org_unit_code) ?? []),
        r as unknown as Record<string, unknown>,
      ]);
  return out;
}

/** A sheet name from the commune's name: no `[]:*?/\`, at most 31 characters, unique. */
function sheetName(name: string, used: Set<string>): string {
  const base =
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || 'Commune';
  let out = base;
  for (let n = 2; used.has(out.toLowerCase()); n++) out = `${base.slice(0, 27)} (${n})`;
  used.add(out.toLowerCase());
  return out;
}
