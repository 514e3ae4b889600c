import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { OiseError, type OrgUnitLevel, columnLetter, levelOfPcode, readExcelCsv } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/** One org unit read from a territory file. */
export interface TerritoryUnit {
  code: string;
  name: string;
  level: OrgUnitLevel;
  parentCode: string | null;
  line: number;
}

export interface TerritoryFinding {
  file: string;
  line: number;
  column: string;
  message: string;
}

export interface TerritoryImportResult {
  units: number;
  inserted: number;
  updated: number;
  unchanged: number;
  byLevel: Record<OrgUnitLevel, number>;
}

const FLAT_COLUMNS = [
  'region_code',
  'region_name',
  'cercle_code',
  'cercle_name',
  'commune_code',
  'commune_name',
];
const LIST_COLUMNS = ['code', 'name', 'level', 'parent_code'];

/**
 * Reads a territory CSV. Two shapes are accepted: the flat one of `mali-communes.csv` (one line
 * per commune with its cercle and region), or a list `code,name,level,parent_code`.
 * Every problem is collected; if there is any, an OiseError lists them all, line by line.
 */
export function readTerritoryFile(path: string, countryCode = 'ML', countryName = 'Mali'): TerritoryUnit[] {
  const file = basename(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new OiseError(
      'FILE_UNREADABLE',
      `Impossible de lire « ${path} ». Vérifiez le chemin du fichier.`,
      { file },
      { cause },
    );
  }
  // The one reader of Excel's CSV (encoding, separator, blank lines, true line numbers).
  const table = readExcelCsv(bytes, path);
  const unreadable = table.unreadable[0];
  if (unreadable)
    throw new OiseError(
      'TERRITORY_CSV_INVALID',
      `le fichier n'est pas un CSV lisible (ligne ${unreadable.line} : ${unreadable.reason}). Enregistrez-le depuis Excel au format « CSV UTF-8 ».`,
      { file, line: unreadable.line },
    );
  const header = table.header.map((h) => h.toLowerCase());
  const findings: TerritoryFinding[] = [];
  const flat = FLAT_COLUMNS.every((c) => header.includes(c));
  const list = LIST_COLUMNS.every((c) => header.includes(c));
  if (!flat && !list) {
    const missing = FLAT_COLUMNS.filter((c) => !header.includes(c));
    throw new OiseError(
      'TERRITORY_COLUMNS_MISSING',
      `colonne(s) manquante(s) : ${missing.join(', ')}. L'en-tête doit contenir ${FLAT_COLUMNS.join(', ')} (ou bien code, name, level, parent_code).`,
      { file, line: 1 },
    );
  }
  const col = (name: string) => header.indexOf(name);
  const units = new Map<string, TerritoryUnit>();
  const letter = (index: number) => columnLetter(index + 1);
  const add = (unit: TerritoryUnit, column: string) => {
    const known = units.get(unit.code);
    if (!known) {
      units.set(unit.code, unit);
      return;
    }
    if (unit.level === 'commune' || known.name !== unit.name || known.parentCode !== unit.parentCode) {
      findings.push({
        file,
        line: unit.line,
        column,
        message: `code « ${unit.code} » en double (déjà à la ligne ${known.line} : ${known.name}). Chaque code doit être unique ; corrigez ou supprimez l'une des deux lignes.`,
      });
    }
  };
  units.set(countryCode, { code: countryCode, name: countryName, level: 'pays', parentCode: null, line: 1 });
  table.rows.forEach(({ line, cells }) => {
    const cell = (name: string) => (cells[col(name)] ?? '').trim();
    if (flat) {
      const levels: [OrgUnitLevel, string, string, string | null][] = [
        ['region', 'region_code', 'region_name', countryCode],
        ['cercle', 'cercle_code', 'cercle_name', cell('region_code')],
        ['commune', 'commune_code', 'commune_name', cell('cercle_code')],
      ];
      for (const [level, codeCol, nameCol, parent] of levels) {
        const code = cell(codeCol);
        const name = cell(nameCol);
        const problem = checkCode(code, name, level, parent);
        if (problem) {
          findings.push({ file, line, column: `${letter(col(codeCol))} (${codeCol})`, message: problem });
          return;
        }
        add({ code, name, level, parentCode: parent, line }, letter(col(codeCol)));
      }
    } else {
      const code = cell('code');
      const level = cell('level') as OrgUnitLevel;
      const parent = cell('parent_code') || null;
      const problem = checkCode(code, cell('name'), level, parent);
      if (problem) {
        findings.push({ file, line, column: `${letter(col('code'))} (code)`, message: problem });
        return;
      }
      add({ code, name: cell('name'), level, parentCode: parent, line }, letter(col('code')));
    }
  });
  for (const unit of units.values()) {
    if (unit.parentCode && !units.has(unit.parentCode)) {
      findings.push({
        file,
        line: unit.line,
        column: 'parent_code',
        message: `le parent « ${unit.parentCode} » de « ${unit.code} » est inconnu. Ajoutez une ligne pour ce parent ou corrigez le code.`,
      });
    }
  }
  if (findings.length > 0) throw territoryError(findings);
  return [...units.values()];
}

function checkCode(
  code: string,
  name: string,
  level: OrgUnitLevel,
  parent: string | null,
): string | undefined {
  if (!code) return `code vide : chaque ligne doit avoir un code (${level}).`;
  if (!name) return `nom vide pour « ${code} ».`;
  if (levelOfPcode(code) !== level)
    return `« ${code} » n'est pas un code de ${level} au format P-code (ML, ML03, ML0301, ML030101).`;
  if (parent && !code.startsWith(parent))
    return `« ${code} » ne commence pas par le code de son parent « ${parent} » : le parent est inconnu ou mal saisi.`;
  return undefined;
}

function territoryError(findings: TerritoryFinding[]): OiseError {
  const lines = findings.map((f) => `${f.file}, ligne ${f.line}, colonne ${f.column} : ${f.message}`);
  const first = findings[0]!;
  return new OiseError(
    'TERRITORY_INVALID',
    `territoire refusé, rien n'a été enregistré (${findings.length} problème(s)) :\n${lines.join('\n')}`,
    { file: first.file, findings },
  );
}

/**
 * Stores a territory in one transaction. A unit whose name or parent changed gets a new
 * version valid from `validFrom` (the old one is closed the day before), so quarters already
 * past keep the hierarchy they were consolidated with.
 */
export async function importTerritory(
  db: Kysely<Database>,
  units: TerritoryUnit[],
  options: { owner: string; now: string; validFrom?: string },
): Promise<TerritoryImportResult> {
  const validFrom = options.validFrom ?? '1999-01-01';
  const result: TerritoryImportResult = {
    units: units.length,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    byLevel: { pays: 0, region: 0, cercle: 0, commune: 0 },
  };
  await db.transaction().execute(async (trx) => {
    const current = new Map(
      (await trx.selectFrom('org_unit').selectAll().where('valid_to', 'is', null).execute()).map((r) => [
        r.code,
        r,
      ]),
    );
    for (const unit of units) {
      result.byLevel[unit.level]++;
      const before = current.get(unit.code);
      const row = { level: unit.level, name: unit.name, parent_code: unit.parentCode, deleted: 0 };
      const insertVersion = () =>
        trx
          .insertInto('org_unit')
          .values({
            code: unit.code,
            valid_from: validFrom,
            valid_to: null,
            ...row,
            owner: options.owner,
            revision: 1,
            updated_at: options.now,
          })
          .execute();
      if (!before) {
        await insertVersion();
        result.inserted++;
      } else if (before.name === unit.name && before.parent_code === unit.parentCode && !before.deleted) {
        result.unchanged++;
      } else if (before.valid_from >= validFrom) {
        await trx
          .updateTable('org_unit')
          .set({ ...row, revision: before.revision + 1, updated_at: options.now })
          .where('code', '=', unit.code)
          .where('valid_from', '=', before.valid_from)
          .execute();
        result.updated++;
      } else {
        await trx
          .updateTable('org_unit')
          .set({ valid_to: validFrom, revision: before.revision + 1, updated_at: options.now })
          .where('code', '=', unit.code)
          .where('valid_from', '=', before.valid_from)
          .execute();
        await insertVersion();
        result.updated++;
      }
    }
  });
  return result;
}
