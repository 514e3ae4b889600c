import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Finding, OiseError, columnLetter, decodeTextFile, makeFinding, readExcelCsv } from '@oise/core';
import { foldHeader } from './fold-header.js';
import { CSV_FIELDS, type Dhis2DataValue, type Dhis2Field, type ValueSetEntry } from './value-set.js';

/** A DHIS2 data value set as read: its format, its entries, and what could not be read. */
export interface ReadValueSet {
  file: string;
  format: 'json' | 'csv';
  entries: ValueSetEntry[];
  findings: Finding[];
  /** The CSV header (empty for JSON), for a rejects file with the input's own columns. */
  header: string[];
  /** The cells of each CSV line by line number (the rejects file copies them). */
  cells: Map<number, string[]>;
}

const HEADER_NAMES = new Map<string, Dhis2Field>([
  ['dataelement', 'dataElement'],
  ['period', 'period'],
  ['orgunit', 'orgUnit'],
  ['catoptcombo', 'categoryOptionCombo'],
  ['categoryoptioncombo', 'categoryOptionCombo'],
  ['attroptcombo', 'attributeOptionCombo'],
  ['attributeoptioncombo', 'attributeOptionCombo'],
  ['value', 'value'],
  ['storedby', 'storedBy'],
  ['lastupdated', 'lastUpdated'],
  ['comment', 'comment'],
  ['followup', 'followup'],
  ['deleted', 'deleted'],
]);

/**
 * Reads a DHIS2 data value set file, JSON (`{"dataValues":[…]}`, with the set-level `period`,
 * `orgUnit` and `attributeOptionCombo` as defaults) or CSV (DHIS2's columns, with or without
 * header), told apart by its first character. A file that is not readable at all is an
 * OiseError `DHIS2_UNREADABLE`; a bad entry is a finding.
 */
export function readValueSetFile(path: string): ReadValueSet {
  if (!existsSync(path))
    throw new OiseError('FILE_NOT_FOUND', `le fichier « ${path} » est introuvable : vérifiez le chemin.`, {
      file: path,
    });
  return parseValueSet(decodeTextFile(readFileSync(path)).text, path);
}

export function parseValueSet(text: string, path: string): ReadValueSet {
  const body = text.replace(/^\ufeff/, '');
  return body.trimStart().startsWith('{') || body.trimStart().startsWith('[')
    ? parseJson(body, path)
    : parseCsv(body, path);
}

function str(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v.trim() : String(v);
}

function bool(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
}

function parseJson(text: string, path: string): ReadValueSet {
  const file = basename(path);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new OiseError(
      'DHIS2_UNREADABLE',
      `${file} n'est pas un JSON lisible (${(error as Error).message}) : exportez de nouveau le jeu de valeurs depuis DHIS2 (Import/Export → Data export, format JSON).`,
      { file },
      { cause: error },
    );
  }
  const set = doc as Record<string, unknown> | null;
  const list = set && !Array.isArray(set) ? set.dataValues : undefined;
  if (!Array.isArray(list))
    throw new OiseError(
      'DHIS2_UNREADABLE',
      `${file} n'a pas de tableau « dataValues » : ce n'est pas un jeu de valeurs DHIS2 (dataValueSet).`,
      { file },
    );
  const defaults = {
    period: str(set!.period),
    orgUnit: str(set!.orgUnit),
    aoc: str(set!.attributeOptionCombo),
  };
  const entries: ValueSetEntry[] = [];
  const findings: Finding[] = [];
  list.forEach((item, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      findings.push(
        makeFinding(
          { file, index, column: '' },
          'error',
          'DHIS2_ENTRY_INVALID',
          "cette entrée n'est pas un objet data value.",
        ),
      );
      return;
    }
    const o = item as Record<string, unknown>;
    const value: Dhis2DataValue = {
      dataElement: str(o.dataElement),
      period: str(o.period) || defaults.period,
      orgUnit: str(o.orgUnit) || defaults.orgUnit,
      categoryOptionCombo: str(o.categoryOptionCombo),
      attributeOptionCombo: str(o.attributeOptionCombo) || defaults.aoc,
      value: str(o.value),
      storedBy: str(o.storedBy),
      lastUpdated: str(o.lastUpdated),
      comment: str(o.comment),
      followup: bool(o.followup),
      deleted: bool(o.deleted),
    };
    const fields = Object.fromEntries(CSV_FIELDS.map((f) => [f, f])) as Record<Dhis2Field, string>;
    entries.push({ ref: { index }, value, fields });
  });
  return { file, format: 'json', entries, findings, header: [], cells: new Map() };
}

function parseCsv(text: string, path: string): ReadValueSet {
  const table = readExcelCsv(text, path, { comments: true });
  const file = table.file;
  const findings = table.unreadable.map((u) =>
    makeFinding(
      { file, line: u.line, column: '' },
      'error',
      'CSV_MALFORMED',
      `ligne illisible (${u.reason}) : corrigez-la ou exportez de nouveau depuis DHIS2.`,
    ),
  );
  const named = table.header.map((h) => HEADER_NAMES.get(foldHeader(h)));
  const hasHeader = named[0] !== undefined;
  // DHIS2 reads a headerless CSV by position; so do we.
  const positions: (Dhis2Field | undefined)[] = hasHeader ? named : CSV_FIELDS;
  const rows = hasHeader ? table.rows : [{ line: table.headerLine, cells: table.header }, ...table.rows];
  if (hasHeader) {
    for (const required of ['dataElement', 'period', 'orgUnit', 'value'] as const)
      if (!positions.includes(required))
        throw new OiseError(
          'DHIS2_UNREADABLE',
          `${file} : la colonne ${required.toLowerCase()} manque à l'en-tête. Colonnes d'un CSV DHIS2 : dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment,followup,deleted.`,
          { file, line: table.headerLine },
        );
  }
  const fields = Object.fromEntries(CSV_FIELDS.map((f) => [f, f])) as Record<Dhis2Field, string>;
  positions.forEach((f, i) => {
    if (f) fields[f] = columnLetter(i + 1);
  });
  const entries: ValueSetEntry[] = [];
  const cells = new Map<number, string[]>();
  for (const row of rows) {
    const get = (field: Dhis2Field) => {
      const i = positions.indexOf(field);
      return i < 0 ? '' : (row.cells[i] ?? '').trim();
    };
    cells.set(
      row.line,
      row.cells.map((c) => c.trim()),
    );
    entries.push({
      ref: { line: row.line },
      value: {
        dataElement: get('dataElement'),
        period: get('period'),
        orgUnit: get('orgUnit'),
        categoryOptionCombo: get('categoryOptionCombo'),
        attributeOptionCombo: get('attributeOptionCombo'),
        value: get('value'),
        storedBy: get('storedBy'),
        lastUpdated: get('lastUpdated'),
        comment: get('comment'),
        followup: bool(get('followup')),
        deleted: bool(get('deleted')),
      },
      fields,
    });
  }
  const header = hasHeader ? table.header : [...CSV_FIELDS].map((f) => f.toLowerCase());
  return { file, format: 'csv', entries, findings, header, cells };
}
