import { type Finding, OiseError, makeFinding } from '@oise/core';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { adxToDhis2Period, dhis2ToAdxPeriod } from './adx-period.js';
import { type Dhis2Mapping, type OiseCategory, adxOptionsKey } from './code-mapping.js';
import { dhis2Flag, dhis2Number } from './dhis2-values.js';
import {
  CSV_FIELDS,
  type Dhis2DataValue,
  type Dhis2Field,
  type ReadSetFields,
  type ValueSetEntry,
  type ValueSetField,
} from './value-set.js';

export const DXF2_NAMESPACE = 'http://dhis2.org/schema/dxf/2.0';
export const ADX_NAMESPACE = 'urn:ihe:qrph:adx:2015';

/** The set-level attributes of a DXF2 `<dataValueSet>` or of one ADX `<group>`. */
export interface XmlSetLevel {
  line: number;
  dataSet: string;
  orgUnit: string;
  period: string;
  attributeOptionCombo: string;
  completeDate: string;
}

export interface XmlValueSet {
  format: 'xml' | 'adx';
  entries: ValueSetEntry[];
  findings: Finding[];
  /** The `<dataValueSet>` (one) or the ADX `<group>`s, in file order. */
  groups: XmlSetLevel[];
  /**
   * For `applySetFields`: DXF2's `<dataValueSet>` attributes (its defaults are applied there);
   * for ADX, whose groups' keys are applied here value by value, the first group's `dataSet`
   * and `completeDate`, to be reported.
   */
  setFields: ReadSetFields;
}

/** Attributes of an ADX `<dataValue>` that are not category = option pairs (DHIS2's list, and what DXF2 shares). */
const ADX_VALUE_FIELDS = new Set([
  'dataElement',
  'value',
  'comment',
  'followup',
  'followUp',
  'deleted',
  'categoryOptionCombo',
  'attributeOptionCombo',
  'period',
  'orgUnit',
  'storedBy',
  'lastUpdated',
  'created',
]);
/** Attributes of an ADX `<group>` that are not attribute category = option pairs. */
const ADX_GROUP_FIELDS = new Set(['orgUnit', 'period', 'dataSet', 'completeDate', 'attributeOptionCombo']);

function unsafe(file: string, line: number, what: string): OiseError {
  return new OiseError(
    'DHIS2_XML_UNSAFE',
    `${file}, ligne ${line} : ${what} ; OISE refuse les déclarations DOCTYPE et les entités XML, qu'un jeu de valeurs DHIS2 n'a jamais (elles peuvent lire des fichiers du poste ou gonfler sans fin). Exportez de nouveau le fichier depuis DHIS2, sans le retoucher.`,
    { file, line },
  );
}

/**
 * Reads a DHIS2 XML data value set (DXF2 `<dataValueSet>`) or an ADX message (`<adx>`) with
 * saxes, a strict, streaming parser that never expands a DTD entity nor fetches anything: a
 * `<!DOCTYPE>` is refused as soon as it is seen (OiseError `DHIS2_XML_UNSAFE`), an undefined
 * entity or malformed XML is `DHIS2_UNREADABLE` with its line. Set-level attributes
 * (`dataSet`, `orgUnit`, `period`, `attributeOptionCombo`, `completeDate`) are returned per set
 * and applied as defaults to the values that lack them; ADX periods become DHIS2 periods
 * (`2025-01-01/P1M` → `202501`) and ADX category attributes a combo key (`adxOptionsKey`).
 * Every entry is the line of its `<dataValue>`.
 */
export function parseXmlValueSet(text: string, file: string): XmlValueSet {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const entries: ValueSetEntry[] = [];
  const findings: Finding[] = [];
  const groups: XmlSetLevel[] = [];
  let format: 'xml' | 'adx' | undefined;
  let depth = 0;
  let tagLine = 1;
  let current: { entry: ValueSetEntry; annotation: string | undefined } | undefined;
  let inAnnotation = false;
  let group: XmlSetLevel | undefined;

  parser.on('doctype', () => {
    throw unsafe(file, parser.line, 'le fichier déclare un DOCTYPE');
  });
  parser.on('error', (error) => {
    const undefinedEntity = error.message.includes('undefined entity');
    if (undefinedEntity) throw unsafe(file, parser.line, 'le fichier utilise une entité XML non standard');
    throw new OiseError(
      'DHIS2_UNREADABLE',
      `${file}, ligne ${parser.line} : XML mal formé (${error.message}) : exportez de nouveau le jeu de valeurs depuis DHIS2.`,
      { file, line: parser.line },
      { cause: error },
    );
  });
  parser.on('opentagstart', () => {
    tagLine = parser.line;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    const attrs = plainAttributes(tag);
    const name = tag.local;
    if (depth === 1) {
      if (name === 'dataValueSet') format = 'xml';
      else if (name === 'adx') format = 'adx';
      else
        throw new OiseError(
          'DHIS2_UNREADABLE',
          `${file} est un fichier XML dont l'élément racine est <${tag.name}>${tag.uri ? ` (espace de noms ${tag.uri})` : ''} : ni un jeu de valeurs DHIS2 (<dataValueSet xmlns="${DXF2_NAMESPACE}">) ni un message ADX (<adx xmlns="${ADX_NAMESPACE}">). Exportez de DHIS2 au format XML ou ADX.`,
          { file, line: tagLine },
        );
      if (format === 'xml') {
        group = setLevel(attrs, tagLine);
        // DHIS2 writes the set's period as ADX does (`2025-01-01/P1M`) and reads it as its own.
        const converted = group.period.includes('/') ? adxToDhis2Period(group.period) : undefined;
        if (converted && 'period' in converted) group.period = converted.period;
        groups.push(group);
      }
      return;
    }
    if (format === 'adx' && depth === 2 && name === 'group') {
      group = setLevel(attrs, tagLine);
      const period = attrs.get('period') ?? '';
      if (period !== '') {
        const converted = adxToDhis2Period(period);
        if ('period' in converted) group.period = converted.period;
        else {
          group.period = period;
          findings.push(
            makeFinding(
              { file, line: tagLine, column: 'period' },
              'error',
              'DHIS2_PERIOD_INVALID',
              converted.error,
            ),
          );
        }
      }
      const aoc = [...attrs].filter(([k]) => !ADX_GROUP_FIELDS.has(k));
      if (!attrs.has('attributeOptionCombo') && aoc.length > 0)
        group.attributeOptionCombo = adxOptionsKey(aoc);
      groups.push(group);
      return;
    }
    const valueDepth = format === 'xml' ? 2 : 3;
    if (depth === valueDepth && name === 'dataValue' && group) {
      current = {
        entry: dataValueEntry(attrs, format === 'adx' ? group : undefined, format!, {
          line: tagLine,
          index: entries.length,
        }),
        annotation: undefined,
      };
      return;
    }
    if (format === 'adx' && depth === valueDepth + 1 && name === 'annotation' && current) {
      inAnnotation = true;
      current.annotation = '';
    }
  });
  parser.on('text', (t) => {
    if (inAnnotation && current) current.annotation += t;
  });
  parser.on('closetag', (tag) => {
    const name = tag.local;
    if (name === 'annotation') inAnnotation = false;
    else if (name === 'dataValue' && current) {
      // DHIS2 reads an ADX annotation as the value (it writes non-numeric values there).
      if (current.annotation !== undefined) {
        current.entry.value.value = current.annotation.trim();
        current.entry.fields.value = 'annotation';
      }
      entries.push(current.entry);
      current = undefined;
    } else if (name === 'group' && format === 'adx') group = undefined;
    depth--;
  });
  parser.write(text).close();
  if (!format)
    throw new OiseError('DHIS2_UNREADABLE', `${file} : aucun élément XML (fichier vide ?).`, { file });
  return { format, entries, findings, groups, setFields: xmlSetFields(format, groups) };
}

function xmlSetFields(format: 'xml' | 'adx', groups: XmlSetLevel[]): ReadSetFields {
  const fields: ValueSetField[] =
    format === 'xml'
      ? ['dataSet', 'orgUnit', 'period', 'attributeOptionCombo', 'completeDate']
      : ['dataSet', 'completeDate'];
  const values: ReadSetFields['values'] = {};
  const names: ReadSetFields['names'] = {};
  const first = groups.find((g) => g.dataSet !== '' || g.completeDate !== '') ?? groups[0];
  if (!first) return { values, names };
  for (const f of fields)
    if (first[f] !== '') {
      values[f] = first[f];
      names[f] = format === 'xml' ? f : `${f} de <group>`;
    }
  return { values, names, line: first.line };
}

function plainAttributes(tag: SaxesTagNS): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of Object.values(tag.attributes)) {
    // Namespace declarations and prefixed attributes (xsi:schemaLocation …) carry no data.
    if (a.prefix !== '' || a.name === 'xmlns') continue;
    out.set(a.local, a.value);
  }
  return out;
}

function setLevel(attrs: Map<string, string>, line: number): XmlSetLevel {
  const get = (k: string) => (attrs.get(k) ?? '').trim();
  return {
    line,
    dataSet: get('dataSet'),
    orgUnit: get('orgUnit'),
    period: get('period'),
    attributeOptionCombo: get('attributeOptionCombo'),
    completeDate: get('completeDate') || get('completedDate'),
  };
}

/**
 * One `<dataValue>`. ADX values take their group's org unit, period and attribute combo here
 * (they differ from group to group); DXF2's set-level defaults are `applySetFields`'s.
 */
function dataValueEntry(
  attrs: Map<string, string>,
  adxGroup: XmlSetLevel | undefined,
  format: 'xml' | 'adx',
  ref: { line: number; index: number },
): ValueSetEntry {
  const group = adxGroup ?? { period: '', orgUnit: '', attributeOptionCombo: '' };
  const get = (k: string) => (attrs.get(k) ?? '').trim();
  const fields = Object.fromEntries(CSV_FIELDS.map((f) => [f, f])) as Record<Dhis2Field, string>;
  let period = get('period');
  if (format === 'adx' && period !== '') {
    const converted = adxToDhis2Period(period);
    period = 'period' in converted ? converted.period : period;
  }
  let combo = get('categoryOptionCombo');
  if (format === 'adx' && !attrs.has('categoryOptionCombo')) {
    const options = [...attrs].filter(([k]) => !ADX_VALUE_FIELDS.has(k));
    combo = adxOptionsKey(options);
    fields.categoryOptionCombo = options.map(([k]) => k).join(', ') || 'categoryOptionCombo';
  }
  const followup = attrs.has('followUp') ? get('followUp') : get('followup');
  if (attrs.has('followUp')) fields.followup = 'followUp';
  const value: Dhis2DataValue = {
    dataElement: get('dataElement'),
    period: period || group.period,
    orgUnit: get('orgUnit') || group.orgUnit,
    categoryOptionCombo: combo,
    attributeOptionCombo: get('attributeOptionCombo') || group.attributeOptionCombo,
    value: get('value'),
    storedBy: get('storedBy'),
    lastUpdated: get('lastUpdated'),
    comment: get('comment'),
    followup: dhis2Flag(followup),
    deleted: dhis2Flag(get('deleted')),
  };
  return { ref, value, fields };
}

function escapeAttribute(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === '\n') out += '&#10;';
    else if (ch === '\r') out += '&#13;';
    else if (ch === '\t') out += '&#9;';
    else out += ch;
  }
  return out;
}

function element(name: string, attrs: [string, string | undefined][], close = '/>'): string {
  const list = attrs
    .filter((a): a is [string, string] => a[1] !== undefined && a[1] !== '')
    .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
    .join('');
  return `<${name}${list}${close}`;
}

/**
 * DHIS2's XML data value set (DXF2), as DHIS2 writes it: `<dataValueSet
 * xmlns="http://dhis2.org/schema/dxf/2.0" dataSet=…>` with one `<dataValue dataElement period
 * orgUnit categoryOptionCombo attributeOptionCombo value storedBy lastUpdated comment
 * followUp deleted/>` each, `followUp` and `deleted` only when true. UTF-8, LF.
 */
export function valueSetXml(
  values: Dhis2DataValue[],
  options: { dataSet?: string | undefined } = {},
): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    element(
      'dataValueSet',
      [
        ['xmlns', DXF2_NAMESPACE],
        ['dataSet', options.dataSet],
      ],
      '>',
    ),
  ];
  for (const v of values)
    lines.push(
      `  ${element('dataValue', [
        ['dataElement', v.dataElement],
        ['period', v.period],
        ['orgUnit', v.orgUnit],
        ['categoryOptionCombo', v.categoryOptionCombo],
        ['attributeOptionCombo', v.attributeOptionCombo],
        ['value', v.value],
        ['storedBy', v.storedBy],
        ['lastUpdated', v.lastUpdated],
        ['comment', v.comment],
        ['followUp', v.followup ? 'true' : undefined],
        ['deleted', v.deleted ? 'true' : undefined],
      ])}`,
    );
  lines.push('</dataValueSet>', '');
  return lines.join('\n');
}

/** An ADX value: its DHIS2 value, its group's keys, and its category = option pairs. */
export interface AdxValue {
  value: Dhis2DataValue;
  options: [string, string][];
}

/**
 * An ADX message, as DHIS2 writes it: `<adx xmlns="urn:ihe:qrph:adx:2015">`, one `<group
 * dataSet orgUnit period>` per org unit and period (ISO 8601 periods, `2025-01-01/P3M`), each
 * `<dataValue dataElement [CATEGORY="OPTION" …] value comment>`; a value that is not a number
 * is written `value="0"` with the text in `<annotation>`, as DHIS2 does. A period ADX cannot
 * say is an OiseError.
 */
export function valueSetAdx(values: AdxValue[], dataSet: string): string {
  const groups = new Map<string, AdxValue[]>();
  for (const v of values) {
    const k = `${v.value.orgUnit}\u0000${v.value.period}`;
    groups.set(k, [...(groups.get(k) ?? []), v]);
  }
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<adx xmlns="${ADX_NAMESPACE}">`];
  for (const list of groups.values()) {
    const first = list[0]!.value;
    const period = dhis2ToAdxPeriod(first.period);
    if (!period)
      throw new OiseError('PERIOD_INVALID', `la période ${first.period} ne s'écrit pas en ADX.`, {
        column: 'period',
      });
    lines.push(
      `  ${element(
        'group',
        [
          ['dataSet', dataSet],
          ['orgUnit', first.orgUnit],
          ['period', period],
        ],
        '>',
      )}`,
    );
    for (const { value: v, options } of list) {
      const numeric = dhis2Number(v.value) !== undefined;
      const attrs: [string, string | undefined][] = [
        ['dataElement', v.dataElement],
        ...options.map(([c, o]): [string, string] => [c, o]),
        ['value', numeric ? v.value : '0'],
        ['comment', v.comment],
        ['followup', v.followup ? 'true' : undefined],
      ];
      if (numeric) lines.push(`    ${element('dataValue', attrs)}`);
      else
        lines.push(
          `    ${element('dataValue', attrs, '>')}<annotation>${escapeAttribute(v.value)}</annotation></dataValue>`,
        );
    }
    lines.push('  </group>');
  }
  lines.push('</adx>', '');
  return lines.join('\n');
}

/**
 * The ADX message of exported values through the mapping: its data set (`jeu` row) on each
 * group, each value's category option pairs (`categorie_dhis2`, `option_dhis2` of F and M;
 * none for the total). OiseError `DHIS2_ADX_MAPPING` saying which rows or columns to add when
 * the mapping lacks them.
 */
export function valueSetAdxWith(values: Dhis2DataValue[], mapping: Dhis2Mapping): string {
  const missing = new Set<OiseCategory>();
  const adx: AdxValue[] = [];
  for (const value of values) {
    const category = mapping.categoryOf(value.categoryOptionCombo) ?? '';
    const options = mapping.adxOptionsOf(category);
    if (options === undefined) missing.add(category);
    else adx.push({ value, options });
  }
  const problems: string[] = [];
  if (!mapping.dataSet)
    problems.push(
      'ajoutez une ligne « jeu;;ID_DU_JEU_DHIS2;libellé » (le jeu de données DHIS2 que chaque groupe ADX nomme)',
    );
  if (missing.size > 0)
    problems.push(
      `remplissez les colonnes categorie_dhis2 et option_dhis2 des lignes categorie ${[...missing].sort().join(' et ')} (par exemple « categorie;F;UID_COMBO;Féminin;SEXE;F »)`,
    );
  if (problems.length > 0)
    throw new OiseError(
      'DHIS2_ADX_MAPPING',
      `l'export ADX a besoin, dans ${mapping.file} : ${problems.join(' ; ')}. Ou exportez au format xml, json ou csv.`,
      { file: mapping.file },
    );
  return valueSetAdx(adx, mapping.dataSet!);
}
