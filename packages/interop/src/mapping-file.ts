import { existsSync, readFileSync } from 'node:fs';
import { listIndicators } from '@oise/catalog';
import {
  type Finding,
  OiseError,
  columnLetter,
  decodeTextFile,
  describeFinding,
  makeFinding,
  readExcelCsv,
} from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { Dhis2Mapping, type OiseCategory, adxOptionsKey } from './code-mapping.js';
import { type IdScheme, type IdSchemes, isDhis2Uid } from './dhis2-ids.js';
import { foldHeader } from './fold-header.js';

/** What a mapping file is checked against: the catalog's codes, the territory's P-codes, the id schemes. */
export interface MappingContext {
  indicators: ReadonlySet<string>;
  units: ReadonlySet<string>;
  schemes: IdSchemes;
}

type Kind = 'indicateur' | 'categorie' | 'collectivite' | 'jeu';

const KIND_WORDS: Record<string, Kind> = {
  indicateur: 'indicateur',
  indicator: 'indicateur',
  dataelement: 'indicateur',
  categorie: 'categorie',
  category: 'categorie',
  categoryoptioncombo: 'categorie',
  collectivite: 'collectivite',
  orgunit: 'collectivite',
  jeu: 'jeu',
  jeu_de_donnees: 'jeu',
  dataset: 'jeu',
};

const COLUMNS = {
  kind: ['type', 'kind'],
  oise: ['code_oise', 'oise', 'oise_code'],
  dhis2: ['code_dhis2', 'dhis2', 'dhis2_id', 'id_dhis2'],
  label: ['libelle', 'label', 'commentaire'],
  // ADX: the category (attribute name) and its option (attribute value) of F and M. Optional.
  adxCategory: ['categorie_dhis2', 'category', 'categorie_adx'],
  adxOption: ['option_dhis2', 'category_option', 'option_adx'],
};

const CATEGORY_WORDS: Record<string, OiseCategory> = { '': '', total: '', t: '', f: 'F', m: 'M' };

const KIND_LABEL: Record<Kind, { what: string; scheme: keyof IdSchemes; dhis2: string }> = {
  indicateur: { what: "l'indicateur", scheme: 'dataElement', dhis2: "l'élément de données (dataElement)" },
  categorie: {
    what: 'la catégorie',
    scheme: 'categoryOptionCombo',
    dhis2: 'la combinaison de catégories (categoryOptionCombo)',
  },
  collectivite: { what: 'la collectivité', scheme: 'orgUnit', dhis2: "l'unité d'organisation (orgUnit)" },
  jeu: { what: 'le jeu de données', scheme: 'categoryOptionCombo', dhis2: 'le jeu de données (dataSet)' },
};

/** An XML attribute name as ADX category codes must be: a letter or `_`, then letters, digits, `_`, `-`, `.`. */
function isXmlName(text: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(text);
}

/**
 * Reads a mapping file (`type;code_oise;code_dhis2;libelle`, `;` or `,`, `#` comment lines):
 * rows `indicateur` (catalog code ↔ dataElement), `categorie` (empty/total, F, M ↔
 * categoryOptionCombo), `collectivite` (P-code ↔ orgUnit), and for ADX one `jeu` (the DHIS2
 * data set) and, on the F and M `categorie` rows, the optional columns `categorie_dhis2` and
 * `option_dhis2` (the category code and category option code ADX writes as an attribute).
 * Every problem is a finding naming its line; the mapping is returned only when there is none.
 */
export function parseMappingText(
  text: string,
  path: string,
  context: MappingContext,
): { mapping?: Dhis2Mapping; findings: Finding[] } {
  const table = readExcelCsv(text, path, { comments: true });
  const file = table.file;
  const findings: Finding[] = table.unreadable.map((u) =>
    makeFinding(
      { file, line: u.line, column: '' },
      'error',
      'MAPPING_UNREADABLE',
      `ligne illisible (${u.reason}).`,
    ),
  );
  const folded = table.header.map(foldHeader);
  const at = (names: string[]) => folded.findIndex((h) => names.map(foldHeader).includes(h));
  const col = {
    kind: at(COLUMNS.kind),
    oise: at(COLUMNS.oise),
    dhis2: at(COLUMNS.dhis2),
    adxCategory: at(COLUMNS.adxCategory),
    adxOption: at(COLUMNS.adxOption),
  };
  if (col.kind < 0 || col.oise < 0 || col.dhis2 < 0) {
    findings.push(
      makeFinding(
        { file, line: 1, column: '' },
        'error',
        'MAPPING_HEADER',
        `en-tête attendu « type;code_oise;code_dhis2;libelle » (trouvé « ${table.header.join(table.delimiter)} ») : ajoutez la ligne d'en-tête.`,
      ),
    );
    return { findings };
  }
  const mapping = new Dhis2Mapping(file, context.schemes, context.units);
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const cell = (i: number) => (row.cells[i] ?? '').trim();
    const err = (i: number, code: string, message: string) =>
      findings.push(
        makeFinding({ file, line: row.line, column: columnLetter(i + 1) }, 'error', code, message),
      );
    const kind = KIND_WORDS[foldHeader(cell(col.kind))];
    if (!kind) {
      err(
        col.kind,
        'MAPPING_KIND',
        `type « ${cell(col.kind)} » inconnu : écrivez indicateur, categorie, collectivite ou jeu.`,
      );
      continue;
    }
    const label = KIND_LABEL[kind];
    let oise = cell(col.oise).toUpperCase();
    const dhis2 = cell(col.dhis2);
    const adx = {
      category: col.adxCategory < 0 ? '' : cell(col.adxCategory),
      option: col.adxOption < 0 ? '' : cell(col.adxOption),
    };
    if (kind === 'jeu') {
      // One data set per exchange: the code_oise cell is free (usually empty).
      oise = '';
    } else if (kind === 'categorie') {
      const category = CATEGORY_WORDS[oise.toLowerCase()];
      if (category === undefined) {
        err(
          col.oise,
          'MAPPING_UNKNOWN_CODE',
          `catégorie « ${cell(col.oise)} » inconnue : laissez vide (ou total) pour le total, ou écrivez F ou M.`,
        );
        continue;
      }
      oise = category;
    } else if (oise === '') {
      err(col.oise, 'MAPPING_MISSING_CODE', `code OISE manquant : écrivez le code de ${label.what}.`);
      continue;
    } else if (kind === 'indicateur' && !context.indicators.has(oise)) {
      err(
        col.oise,
        'MAPPING_UNKNOWN_CODE',
        `l'indicateur « ${cell(col.oise)} » n'existe pas au catalogue : vérifiez son code (oise indicators list).`,
      );
      continue;
    } else if (kind === 'collectivite' && !context.units.has(oise)) {
      err(
        col.oise,
        'MAPPING_UNKNOWN_CODE',
        `la collectivité « ${cell(col.oise)} » est inconnue du territoire du nœud : vérifiez le P-code (par exemple ML040101).`,
      );
      continue;
    }
    const problem = idProblem(dhis2, context.schemes[label.scheme]);
    if (problem) {
      err(col.dhis2, 'MAPPING_BAD_ID', `${label.dhis2} de ${oise || 'total'} : ${problem}`);
      continue;
    }
    const adxProblem = adxColumnsProblem(kind, oise, adx);
    if (adxProblem) {
      err(adx.category ? col.adxCategory : col.adxOption, 'MAPPING_ADX_OPTION', adxProblem);
      continue;
    }
    const adxKey = adx.category ? `adx|${adx.category}=${adx.option}` : '';
    const firstAdx = adxKey ? seen.get(adxKey) : undefined;
    if (firstAdx !== undefined) {
      err(
        col.adxOption,
        'MAPPING_DUPLICATE',
        `l'option ADX ${adx.category}=${adx.option} est déjà celle de la ligne ${firstAdx} : F et M ont chacune leur option de catégorie.`,
      );
      continue;
    }
    const oiseKey = `${kind}|oise|${oise}`;
    const dhis2Key = `${kind}|dhis2|${dhis2}`;
    const firstOise = seen.get(oiseKey);
    const firstDhis2 = seen.get(dhis2Key);
    if (firstOise !== undefined) {
      err(
        kind === 'jeu' ? col.dhis2 : col.oise,
        'MAPPING_DUPLICATE',
        kind === 'jeu'
          ? `un jeu de données figure déjà à la ligne ${firstOise} : un échange porte sur un seul jeu de données DHIS2 ; gardez une seule ligne jeu.`
          : `${label.what} ${oise || 'total'} figure déjà à la ligne ${firstOise} : gardez une seule ligne par code OISE.`,
      );
      continue;
    }
    if (firstDhis2 !== undefined) {
      err(
        col.dhis2,
        'MAPPING_DUPLICATE',
        `l'identifiant DHIS2 ${dhis2} est déjà utilisé à la ligne ${firstDhis2} : deux codes OISE ne peuvent pas partager ${label.dhis2}, sinon l'import ne saurait lequel choisir.`,
      );
      continue;
    }
    seen.set(oiseKey, row.line);
    seen.set(dhis2Key, row.line);
    if (adxKey) {
      seen.set(adxKey, row.line);
      mapping.adxOptions.set(oise as OiseCategory, [adx.category, adx.option]);
      mapping.adxCombos.set(adxOptionsKey([[adx.category, adx.option]]), oise as OiseCategory);
    }
    if (kind === 'jeu') mapping.dataSet = dhis2;
    else if (kind === 'indicateur') {
      mapping.indicators.set(oise, dhis2);
      mapping.dataElements.set(dhis2, oise);
    } else if (kind === 'collectivite') {
      mapping.units.set(oise, dhis2);
      mapping.orgUnits.set(dhis2, oise);
    } else {
      mapping.categories.set(oise as OiseCategory, dhis2);
      mapping.combos.set(dhis2, oise as OiseCategory);
    }
  }
  return findings.length > 0 ? { findings } : { mapping, findings };
}

/** The ADX columns of a row: both or neither, on F and M `categorie` rows only, a valid attribute name. */
function adxColumnsProblem(
  kind: Kind,
  oise: string,
  adx: { category: string; option: string },
): string | undefined {
  if (!adx.category && !adx.option) return undefined;
  if (kind !== 'categorie' || oise === '')
    return `categorie_dhis2 et option_dhis2 ne se remplissent que sur les lignes categorie F et M (le total n'a pas d'option en ADX) : videz ces cellules.`;
  if (!adx.category || !adx.option)
    return `écrivez à la fois categorie_dhis2 (le code de la catégorie DHIS2, par exemple SEXE) et option_dhis2 (le code de l'option, par exemple F) de ${oise}.`;
  if (!isXmlName(adx.category))
    return `« ${adx.category} » ne peut pas être un attribut ADX : le code de catégorie commence par une lettre et ne contient que lettres, chiffres, _, - et . (recopiez le code de la catégorie depuis DHIS2).`;
  return undefined;
}

function idProblem(id: string, scheme: IdScheme): string | undefined {
  if (id === '') return 'identifiant DHIS2 manquant : recopiez-le depuis DHIS2 (Maintenance).';
  if (scheme === 'uid' && !isDhis2Uid(id))
    return `« ${id} » n'est pas un UID DHIS2 (11 caractères, une lettre puis lettres et chiffres, par exemple HllvX50cXC0) : recopiez l'UID depuis DHIS2, ou utilisez --id-scheme code si ce sont des codes.`;
  if (scheme === 'code' && id.length > 50)
    return `« ${id} » est trop long pour un code DHIS2 (50 caractères au plus).`;
  return undefined;
}

/** Reads a mapping file from disk (see `parseMappingText`); a missing file is an OiseError. */
export function readMappingFile(path: string, context: MappingContext) {
  if (!existsSync(path))
    throw new OiseError(
      'FILE_NOT_FOUND',
      `le fichier de correspondances « ${path} » est introuvable : vérifiez le chemin.`,
      { file: path },
    );
  return parseMappingText(decodeTextFile(readFileSync(path)).text, path, context);
}

/**
 * The mapping file checked against the node's catalog and territory. Refused (OiseError
 * `DHIS2_MAPPING_INVALID`, every problem on its own line) unless it is entirely clean.
 */
export async function loadMapping(
  db: Kysely<Database>,
  path: string,
  schemes: IdSchemes,
): Promise<Dhis2Mapping> {
  const indicators = new Set((await listIndicators(db)).map((d) => d.code));
  const units = new Set(
    (await db.selectFrom('org_unit').select('code').where('deleted', '=', 0).execute()).map((r) => r.code),
  );
  const { mapping, findings } = readMappingFile(path, { indicators, units, schemes });
  if (mapping) return mapping;
  const shown = findings.slice(0, 20).map((f) => `  ${describeFinding(f)}`);
  if (findings.length > shown.length) shown.push(`  … et ${findings.length - shown.length} autre(s).`);
  throw new OiseError(
    'DHIS2_MAPPING_INVALID',
    `le fichier de correspondances est refusé (${findings.length} problème(s)) : corrigez ces lignes puis relancez.\n${shown.join('\n')}`,
    { file: findings[0]?.file ?? path, line: findings[0]?.line },
  );
}
