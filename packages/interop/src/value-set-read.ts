import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Finding, OiseError, columnLetter, decodeTextFile, makeFinding, readExcelCsv } from '@oise/core';
import { dhis2Flag } from './dhis2-values.js';
import { foldHeader } from './fold-header.js';
import { parseXmlValueSet } from './value-set-xml.js';
import {
  CSV_FIELDS,
  DHIS2_CSV_HEADER,
  type Dhis2DataValue,
  type Dhis2Field,
  type ReadSetFields,
  type ValueSetEntry,
  type ValueSetField,
} from './value-set.js';

/** The formats a data value set is read from and written to. */
export type ValueSetFormat = 'json' | 'csv' | 'xml' | 'adx';

/** A DHIS2 data value set as read: its format, its entries, and what could not be read. */
export interface ReadValueSet {
  file: string;
  format: ValueSetFormat;
  entries: ValueSetEntry[];
  findings: Finding[];
  /** What the set says once for all its values (JSON properties, XML/ADX attributes). */
  setFields: ReadSetFields;
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
 * `orgUnit` and `attributeOptionCombo` as defaults), CSV (DHIS2's columns, with or without
 * header), XML (DXF2 `<dataValueSet>`) or ADX (`<adx>`), told apart by their content, never by
 * the file's extension (`detectValueSetFormat`). A file that is not readable at all is an
 * OiseError `DHIS2_UNREADABLE` (`DHIS2_XML_UNSAFE` for a DOCTYPE or an entity); a bad entry is
 * a finding.
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
  const format = detectValueSetFormat(body, basename(path));
  const set =
    format === 'json'
      ? parseJson(body, path)
      : format === 'csv'
        ? parseCsv(body, path)
        : parseXml(body, path);
  set.findings.push(...applySetFields(set));
  return set;
}

function parseXml(body: string, path: string): ReadValueSet {
  const file = basename(path);
  const xml = parseXmlValueSet(body, file);
  return {
    file,
    format: xml.format,
    entries: xml.entries,
    findings: xml.findings,
    setFields: xml.setFields,
    header: [],
    cells: new Map(),
  };
}

/**
 * The format of a value set from its first characters: `{` or `[` JSON, `<` XML (DXF2 or ADX,
 * told by the root element when parsed), otherwise CSV, the rows of which have DHIS2's commas.
 * Anything else (a PDF, a ZIP or Excel workbook, a binary file, a `;` or one-column text) is an
 * OiseError `DHIS2_UNREADABLE` naming what was found.
 */
export function detectValueSetFormat(body: string, file: string): 'json' | 'csv' | 'xml' {
  const start = body.trimStart();
  const refuse = (found: string) =>
    new OiseError(
      'DHIS2_UNREADABLE',
      `${file} est ${found} : ce n'est pas un jeu de valeurs DHIS2. OISE lit le JSON, le CSV, le XML (DXF2) et l'ADX qu'exporte DHIS2 (Import/Export → Data export).`,
      { file },
    );
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  if (start.startsWith('<')) return 'xml';
  if (start.startsWith('%PDF')) throw refuse('un document PDF');
  if (start.startsWith('PK')) throw refuse('une archive ZIP (un classeur Excel .xlsx ?)');
  if (start.includes('\u0000')) throw refuse('un fichier binaire');
  const first = start
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));
  if (first === undefined) return 'csv';
  if (!first.includes(',')) {
    const shown = first.length > 60 ? `${first.slice(0, 60)}…` : first;
    throw refuse(
      first.includes(';')
        ? `un texte séparé par des points-virgules (première ligne « ${shown} ») : DHIS2 sépare les colonnes de son CSV par des virgules`
        : `un texte sans virgule (première ligne « ${shown} »)`,
    );
  }
  return 'csv';
}

/** The entry fields a set-level field stands in for. */
const DEFAULTED: readonly (ValueSetField & Dhis2Field)[] = ['orgUnit', 'period', 'attributeOptionCombo'];

/**
 * Applies a set's own fields to its entries, as DHIS2 does: `orgUnit`, `period` and
 * `attributeOptionCombo` fill the entries that lack them (the entry's field then names the
 * set-level one, for findings); an entry that has its own keeps it, as DHIS2's
 * `DefaultDataEntryService` does. `dataSet` and `completeDate`/`completedDate` are reported (warnings): OISE stores
 * values one by one and has no data set completion. Every reader (JSON, CSV, XML, ADX) fills
 * `setFields` and lets this do the rest; it changes `set.entries` in place and returns the findings.
 */
export function applySetFields(set: ReadValueSet): Finding[] {
  const { values, names, line } = set.setFields;
  const file = set.file;
  const place = (field: ValueSetField) => ({
    file,
    ...(line !== undefined ? { line } : {}),
    column: names[field] ?? field,
  });
  const findings: Finding[] = [];
  for (const field of DEFAULTED) {
    const fallback = values[field]?.trim();
    if (!fallback) continue;
    const where = `${names[field] ?? field} (jeu de valeurs)`;
    for (const entry of set.entries)
      if ((entry.value[field] ?? '').trim() === '') {
        entry.value[field] = fallback;
        entry.fields[field] = where;
      }
  }
  const dataSet = values.dataSet?.trim();
  if (dataSet)
    findings.push(
      makeFinding(
        place('dataSet'),
        'warning',
        'DHIS2_SET_FIELD_IGNORED',
        `le jeu de données (${names.dataSet ?? 'dataSet'}) « ${dataSet} » n'est pas repris : OISE lit chaque valeur pour elle-même, par son élément de données.`,
      ),
    );
  const completed = values.completeDate?.trim();
  if (completed)
    findings.push(
      makeFinding(
        place('completeDate'),
        'warning',
        'DHIS2_SET_FIELD_IGNORED',
        `la date de complétude (${names.completeDate ?? 'completeDate'}) « ${completed} » n'est pas reprise : dans OISE, un trimestre est complet quand le CCC le transmet (oise quarter submit).`,
      ),
    );
  return findings;
}

/** The set-level fields of a JSON data value set: its top object's properties. */
function jsonSetFields(set: Record<string, unknown>): ReadSetFields {
  const values: ReadSetFields['values'] = {};
  const names: ReadSetFields['names'] = {};
  const take = (field: ValueSetField, name: string) => {
    const v = idOf(set[name]);
    if (v && values[field] === undefined) {
      values[field] = v;
      names[field] = name;
    }
  };
  take('dataSet', 'dataSet');
  take('orgUnit', 'orgUnit');
  take('period', 'period');
  take('attributeOptionCombo', 'attributeOptionCombo');
  take('completeDate', 'completedDate');
  take('completeDate', 'completeDate');
  return { values, names };
}

/** An identifier written as a string, or as an object `{"id": …}` (or `code`, `name`) as recent DHIS2 can emit. */
export function idOf(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const k of ['id', 'code', 'name', 'uid']) if (o[k] !== undefined && o[k] !== null) return str(o[k]);
    return '';
  }
  return str(v);
}

function str(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v.trim() : String(v);
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
      dataElement: idOf(o.dataElement),
      period: idOf(o.period),
      orgUnit: idOf(o.orgUnit),
      categoryOptionCombo: idOf(o.categoryOptionCombo),
      attributeOptionCombo: idOf(o.attributeOptionCombo),
      value: str(o.value),
      storedBy: str(o.storedBy),
      lastUpdated: str(o.lastUpdated),
      comment: str(o.comment),
      followup: dhis2Flag(o.followUp ?? o.followup),
      deleted: dhis2Flag(o.deleted),
    };
    const fields = Object.fromEntries(CSV_FIELDS.map((f) => [f, f])) as Record<Dhis2Field, string>;
    entries.push({ ref: { index }, value, fields });
  });
  return {
    file,
    format: 'json',
    entries,
    findings,
    setFields: jsonSetFields(set!),
    header: [],
    cells: new Map(),
  };
}

function parseCsv(text: string, path: string): ReadValueSet {
  const table = readExcelCsv(text, path, { comments: true, trim: true });
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
          `${file} : la colonne ${required.toLowerCase()} manque à l'en-tête. Colonnes d'un CSV DHIS2 : ${DHIS2_CSV_HEADER.join(',')}.`,
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
        followup: dhis2Flag(get('followup')),
        deleted: dhis2Flag(get('deleted')),
      },
      fields,
    });
  }
  const header = hasHeader ? table.header : [...CSV_FIELDS].map((f) => f.toLowerCase());
  return { file, format: 'csv', entries, findings, setFields: { values: {}, names: {} }, header, cells };
}
