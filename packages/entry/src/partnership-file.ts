import type { Hierarchy, HierarchyUnit } from '@oise/catalog';
import { type Finding, type OrgUnitLevel, type Severity, foldText, makeFinding } from '@oise/core';
import { type ColumnMap, PARTNERSHIP_COLUMNS, cellOf, mapColumns } from './columns.js';
import type { EntryScope } from './entry-scope.js';
import type { CheckedRecord, RecordRow } from './record-check.js';
import { naturalId } from './record-check.js';
import { PARTNERSHIPS } from './record-kinds.js';
import type { TableFile } from './table-file.js';
import { foldName } from './text-normalize.js';

/** Country named by a section of the guide's list (« COMMUNES DE FRANCE » → France …). */
const SECTION_COUNTRIES: [RegExp, string][] = [
  [/france|departements|conseils generaux|conseils regionaux/, 'France'],
  [/espagne/, 'Espagne'],
  [/italie/, 'Italie'],
  [/allemagne/, 'Allemagne'],
  [/canada/, 'Canada'],
  [/usa|etats unis/, 'États-Unis'],
];

/** Country names written in brackets after a partner, as the guide spells them. */
const BRACKET_COUNTRIES: Record<string, string> = {
  rci: "Côte d'Ivoire",
  'cote d ivoire': "Côte d'Ivoire",
  'burkina fasso': 'Burkina Faso',
  'ex urss': 'URSS (ex-)',
  usa: 'États-Unis',
};

function partnerLevel(section: string): string {
  if (/departement/.test(section)) return 'departement';
  if (/^regions|conseils regionaux/.test(section)) return 'region';
  if (/etat/.test(section)) return 'etat';
  if (/^communes de|villes/.test(section)) return 'commune';
  return 'collectivite';
}

/** Reads the region column: `3è`, `1ere`, `2 eme` → ML03…; `D`/`District` → Bamako (ML09). */
export function regionHint(text: string): { code?: string; district?: boolean } | 'unreadable' {
  const folded = foldName(text);
  if (folded === '') return {};
  if (folded === 'd' || folded === 'district') return { code: 'ML09', district: true };
  const numbers = folded.match(/\d+/g) ?? [];
  if (numbers.length === 1 && /^\d+\s*(e|er|ere|eme|ee|eree)?$/.test(folded)) {
    const n = Number(numbers[0]);
    if (n >= 1 && n <= 8) return { code: `ML0${n}` };
  }
  return 'unreadable';
}

interface MalianSide {
  name: string;
  level?: OrgUnitLevel;
  cercle?: string;
}

/** « C. Douentza » → cercle; « R. Koulikoro », « Rég. Kayes » → region; « Commune de X (cercle de Y) » → commune X in Y. */
export function readMalianSide(text: string): MalianSide {
  let t = foldText(text).trim();
  const out: MalianSide = { name: '' };
  const inCercle = /\(\s*cercle d[e']\s*([^)]+)\)/.exec(t);
  if (inCercle) {
    out.cercle = inCercle[1]!.trim();
    t = t.replace(inCercle[0], '').trim();
  }
  const prefixes: [RegExp, OrgUnitLevel][] = [
    [/^(c\.|cercle de |cercle d'|cercle )/, 'cercle'],
    [/^(r\.|reg\.|region de |region d'|region )/, 'region'],
    [
      /^(commune\/village de |commune rurale de |commune urbaine de |commune de |commune d'|commune )/,
      'commune',
    ],
  ];
  for (const [re, level] of prefixes) {
    if (re.test(t)) {
      out.level = level;
      t = t.replace(re, '');
      break;
    }
  }
  out.name = foldName(t);
  return out;
}

const LEVEL_PREFERENCE: OrgUnitLevel[] = ['commune', 'cercle', 'region'];

/** The unit a Malian side names, or why it cannot be told. */
export function matchMalianUnit(
  hierarchy: Hierarchy,
  side: MalianSide,
  hint: { code?: string; district?: boolean },
): HierarchyUnit | { code: string; message: string } {
  let candidates = [...hierarchy.units.values()].filter(
    (u) => u.level !== 'pays' && foldName(u.name) === side.name,
  );
  if (side.level) candidates = candidates.filter((u) => u.level === side.level);
  if (hint.code) candidates = candidates.filter((u) => hierarchy.isWithin(u.code, hint.code!));
  if (side.cercle) {
    const cercle = side.cercle;
    candidates = candidates.filter((u) =>
      hierarchy
        .ancestorsOf(u.code)
        .some((a) => a.level === 'cercle' && foldName(a.name) === foldName(cercle)),
    );
  }
  if (candidates.length === 0)
    return {
      code: 'PARTNERSHIP_UNKNOWN_COLLECTIVITY',
      message:
        'aucune collectivité de ce nom dans le territoire (ou pas dans la région indiquée) : vérifiez l’orthographe et la région.',
    };
  const order = hint.district ? [...LEVEL_PREFERENCE].reverse() : LEVEL_PREFERENCE;
  for (const level of order) {
    const at = candidates.filter((u) => u.level === level);
    if (at.length === 1) return at[0]!;
    if (at.length > 1)
      return {
        code: 'PARTNERSHIP_AMBIGUOUS',
        message: `plusieurs collectivités portent ce nom (${at.map((u) => u.code).join(', ')}) : précisez la région ou écrivez « Commune de X (cercle de Y) ».`,
      };
  }
  return { code: 'PARTNERSHIP_UNKNOWN_COLLECTIVITY', message: 'collectivité introuvable.' };
}

/**
 * Reads a partnership list in the guide's format (section, collectivite_partenaire,
 * collectivite_malienne, region_malienne, origine, adresse). Rows whose Malian side cannot be
 * told (only « Mali », shifted columns, unknown or ambiguous name) and rows outside the node's
 * territory are skipped with a warning naming line and reason; a row without names is an error.
 */
export function checkPartnerships(
  scope: EntryScope,
  table: TableFile,
  hierarchy: Hierarchy,
  map: ColumnMap = mapColumns(table.header, PARTNERSHIP_COLUMNS),
): { checked: CheckedRecord[]; skipped: { rejectRow: string[]; finding: Finding }[] } {
  const checked: CheckedRecord[] = [];
  const skipped: { rejectRow: string[]; finding: Finding }[] = [];
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const f = (field: string) => cellOf(map, r.cells, field);
    const note = (field: string, severity: Severity, code: string, message: string) =>
      makeFinding(
        { file: table.file, line: r.line, column: f(field).column || field },
        severity,
        code,
        message,
      );
    const input = {
      kind: PARTNERSHIPS,
      file: table.file,
      line: r.line,
      cells: new Map(),
      rejectRow: r.cells,
      rejectKey: `${table.file}#${r.line}`,
    };
    const c: CheckedRecord = { input, id: undefined, row: undefined, findings: [] };
    const partner = f('partner').text;
    const malian = f('malian').text;
    if (!partner || !malian) {
      c.findings.push(
        note(
          partner ? 'malian' : 'partner',
          'error',
          'REQUIRED_MISSING',
          'les deux collectivités (partenaire et malienne) sont obligatoires : complétez la ligne.',
        ),
      );
      checked.push(c);
      continue;
    }
    const skip = (field: string, code: string, message: string) =>
      skipped.push({
        rejectRow: r.cells,
        finding: note(field, 'warning', code, `« ${malian} » : ${message} Ligne ignorée.`),
      });
    if (foldName(malian) === 'mali') {
      skip(
        'malian',
        'PARTNERSHIP_MALI_ONLY',
        'seul le pays est indiqué côté malien ; écrivez la commune, le cercle ou la région partenaire.',
      );
      continue;
    }
    const hint = regionHint(f('region').text);
    if (hint === 'unreadable') {
      skip(
        'region',
        'PARTNERSHIP_SHIFTED_COLUMNS',
        `la colonne de la région contient « ${f('region').text} » au lieu d'un numéro de région (1ère … 8e, D pour Bamako) : les colonnes semblent décalées, corrigez la ligne.`,
      );
      continue;
    }
    const unit = matchMalianUnit(hierarchy, readMalianSide(malian), hint);
    if (!('level' in unit)) {
      skip('malian', unit.code, unit.message);
      continue;
    }
    if (!hierarchy.isWithin(unit.code, scope.node.code)) {
      skip(
        'malian',
        'PARTNERSHIP_OUT_OF_SCOPE',
        `${unit.name} (${unit.code}) n'est pas dans le territoire de ce nœud (${scope.node.code}) : ce partenariat est saisi par son propre nœud.`,
      );
      continue;
    }
    c.row = partnershipRow(unit.code, malian, partner, f);
    c.id = naturalId(PARTNERSHIPS, c.row);
    const first = seen.get(c.id);
    if (first !== undefined)
      c.findings.push(
        note(
          'partner',
          'error',
          'DUPLICATE_ROW',
          `ce partenariat est déjà donné à la ligne ${first} : gardez une seule ligne.`,
        ),
      );
    else seen.set(c.id, r.line);
    checked.push(c);
  }
  return { checked, skipped };
}

function partnershipRow(
  unitCode: string,
  malian: string,
  partnerText: string,
  f: (field: string) => { text: string },
): RecordRow {
  const section = foldName(f('section').text);
  let partner = partnerText;
  let country = SECTION_COUNTRIES.find(([re]) => re.test(section))?.[1];
  const bracket = /\(([^)]+)\)\s*$/.exec(partnerText);
  if (bracket) {
    const named = bracket[1]!.trim();
    if (!country) country = BRACKET_COUNTRIES[foldName(named)] ?? named;
    if (foldName(named) === foldName(country)) partner = partnerText.replace(bracket[0], '').trim();
  }
  const origin = f('origin').text;
  const year = /\b(19|20)\d{2}\b/.exec(origin)?.[0];
  const address = f('address').text;
  const isUrl = /^(https?:\/\/|www\.)/i.test(address);
  const blank = (t: string) => t === '' || t === '-' || t === '_';
  return {
    org_unit_code: unitCode,
    malian_name: malian,
    partner_name: partner,
    partner_country: country ?? 'Non précisé',
    partner_level: partnerLevel(section),
    since_year: year ? Number(year) : null,
    status: f('status').text || (/en cours/.test(foldName(origin)) ? 'en_projet' : 'actif'),
    sectors: f('sectors').text,
    contact: !isUrl && !blank(address) ? address : null,
    url: isUrl ? address : null,
  };
}
