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
import { Dhis2Mapping, type OiseCategory } from './code-mapping.js';
import { type IdScheme, type IdSchemes, isDhis2Uid } from './dhis2-ids.js';
import { foldHeader } from './fold-header.js';

/** What a mapping file is checked against: the catalog's codes, the territory's P-codes, the id schemes. */
export interface MappingContext {
  indicators: ReadonlySet<string>;
  units: ReadonlySet<string>;
  schemes: IdSchemes;
}

type Kind = 'indicateur' | 'categorie' | 'collectivite';

const KIND_WORDS: Record<string, Kind> = {
  indicateur: 'indicateur',
  indicator: 'indicateur',
  dataelement: 'indicateur',
  categorie: 'categorie',
  category: 'categorie',
  categoryoptioncombo: 'categorie',
  collectivite: 'collectivite',
  orgunit: 'collectivite',
};

const COLUMNS = {
  kind: ['type', 'kind'],
  oise: ['code_oise', 'oise', 'oise_code'],
  dhis2: ['code_dhis2', 'dhis2', 'dhis2_id', 'id_dhis2'],
  label: ['libelle', 'label', 'commentaire'],
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
};

/**
 * Reads a mapping file (`type;code_oise;code_dhis2;libelle`, `;` or `,`, `#` comment lines):
 * rows `indicateur` (catalog code ↔ dataElement), `categorie` (empty/total, F, M ↔
 * categoryOptionCombo), `collectivite` (P-code ↔ orgUnit). Every problem is a finding naming
 * its line; the mapping is returned only when there is none.
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
  const col = { kind: at(COLUMNS.kind), oise: at(COLUMNS.oise), dhis2: at(COLUMNS.dhis2) };
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
        `type « ${cell(col.kind)} » inconnu : écrivez indicateur, categorie ou collectivite.`,
      );
      continue;
    }
    const label = KIND_LABEL[kind];
    let oise = cell(col.oise).toUpperCase();
    const dhis2 = cell(col.dhis2);
    if (kind === 'categorie') {
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
    const oiseKey = `${kind}|oise|${oise}`;
    const dhis2Key = `${kind}|dhis2|${dhis2}`;
    const firstOise = seen.get(oiseKey);
    const firstDhis2 = seen.get(dhis2Key);
    if (firstOise !== undefined) {
      err(
        col.oise,
        'MAPPING_DUPLICATE',
        `${label.what} ${oise || 'total'} figure déjà à la ligne ${firstOise} : gardez une seule ligne par code OISE.`,
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
    if (kind === 'indicateur') {
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
