import { createHash } from 'node:crypto';
import type { Hierarchy } from '@oise/catalog';
import { levelOfPcode } from '@oise/core';
import type { NodeIdentity } from '@oise/node';
import type { SyncedTable } from '@oise/schema';
import { BINARY_COLUMNS } from './bundle-codec.js';
import { type BundleDirection, DOWN_TABLES, UP_TABLES } from './bundle-format.js';
import type { TableShape } from './table-columns.js';

/** Who receives from whom: what the scope of every row is checked against (SPEC [V12]). */
export interface ScopeContext {
  me: NodeIdentity;
  sender: string;
  direction: BundleDirection;
  shapes: ReadonlyMap<SyncedTable, TableShape>;
  /** The territory this node holds, for units whose P-code does not show their parent. */
  hierarchy: () => Hierarchy;
}

const UP = new Set(UP_TABLES);
const DOWN = new Set(DOWN_TABLES);
const COUNTRY_OWNED = new Set<SyncedTable>(['org_unit', 'org_unit_boundary', 'indicator', 'aggregate_value']);
const PERIOD = /^\d{4}(Q[1-4])?$/;
const PLAIN_FILE_NAME = /^[^/\\:*?"<>|\0]+$/;

function isWithin(ctx: ScopeContext, code: string, ancestor: string): boolean {
  if (code.startsWith(ancestor)) return true;
  return ctx.hierarchy().isWithin(code, ancestor);
}

/**
 * Checks one incoming row; returns a French reason when it is out of scope, or null.
 * `line` is the row's line in the bundle, named in the reason.
 */
export function rowScopeProblem(
  ctx: ScopeContext,
  table: string,
  row: Record<string, unknown>,
): string | null {
  const { me, sender, direction } = ctx;
  const shape = ctx.shapes.get(table as SyncedTable);
  if (!shape) return `la table « ${table} » n'est pas une table synchronisée.`;
  const allowed = direction === 'up' ? UP : DOWN;
  if (!allowed.has(shape.table)) {
    return `la table « ${table} » ne voyage pas dans un paquet ${direction === 'up' ? 'montant' : 'descendant'}.`;
  }
  const binary = BINARY_COLUMNS[table] ?? [];
  const known = new Set(shape.columns);
  for (const [column, value] of Object.entries(row)) {
    if (!known.has(column)) return `colonne « ${column} » inconnue dans la table ${table}.`;
    const ok =
      value === null ||
      typeof value === 'string' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      (binary.includes(column) && Buffer.isBuffer(value));
    if (!ok) return `valeur illisible dans la colonne « ${column} ».`;
  }
  for (const column of shape.primaryKey) {
    if (row[column] === null || row[column] === undefined) return `clé « ${column} » absente.`;
  }
  const owner = row.owner;
  if (typeof owner !== 'string' || !levelOfPcode(owner)) return 'propriétaire (owner) absent ou illisible.';
  const revision = row.revision;
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 1) {
    return 'révision absente ou invalide (entier ≥ 1 attendu).';
  }
  if (owner === me.code) {
    return `la ligne appartient à ce nœud (${me.code}) : seul ce nœud peut l'écrire.`;
  }
  const unit = typeof row.org_unit_code === 'string' ? row.org_unit_code : undefined;
  if (direction === 'up') {
    if (!owner.startsWith(sender)) {
      return `la ligne appartient à ${owner}, hors du territoire de l'expéditeur ${sender}.`;
    }
    if (shape.columns.includes('org_unit_code')) {
      if (!unit) return 'collectivité (org_unit_code) absente.';
      if (!isWithin(ctx, unit, owner)) {
        return `la collectivité ${unit} n'est pas dans le territoire de ${owner} (expéditeur ${sender}).`;
      }
      if (
        (table === 'quarter_decision' || table === 'quarter_note' || table === 'quarter_reception') &&
        unit === owner
      ) {
        return `une décision, une note ou une réception porte sur une collectivité sous son auteur, pas sur ${owner} lui-même.`;
      }
    }
  } else {
    if (owner.startsWith(me.code)) {
      return `la ligne appartient à ${owner}, sous ce nœud : elle ne peut pas venir d'en haut.`;
    }
    if (!(me.code.startsWith(owner) && owner !== me.code)) {
      return `la ligne appartient à ${owner}, qui n'est pas au-dessus de ce nœud (${me.code}).`;
    }
    if (COUNTRY_OWNED.has(shape.table) && owner !== me.nationalCode) {
      return `les données de référence et les agrégats appartiennent au national (${me.nationalCode}), pas à ${owner}.`;
    }
    if (table === 'aggregate_value' && row.source !== 'published') {
      return 'un agrégat reçu doit être marqué « published » (publié par le national).';
    }
  }
  if (shape.columns.includes('period') && (typeof row.period !== 'string' || !PERIOD.test(row.period))) {
    return `période « ${String(row.period)} » illisible (attendu 2025Q1 ou 2025).`;
  }
  if (table === 'document') return documentProblem(row);
  return null;
}

function documentProblem(row: Record<string, unknown>): string | null {
  const content = row.content;
  const name = row.file_name;
  if (!Buffer.isBuffer(content)) return 'document sans contenu.';
  if (
    typeof name !== 'string' ||
    !PLAIN_FILE_NAME.test(name) ||
    name.startsWith('.') ||
    name.includes('..')
  ) {
    return `nom de fichier de document « ${String(name)} » refusé (un nom simple, sans dossier, est attendu).`;
  }
  const sha = createHash('sha256').update(content).digest('hex');
  if (sha !== row.sha256 || content.length !== row.size) {
    return `le contenu du document « ${name} » ne correspond pas à son empreinte SHA-256 ou à sa taille : il a été abîmé.`;
  }
  return null;
}

/** A short name for a row in messages: `data_value ML040101|SAN_CSCOM|2025Q1|F`. */
export function rowLabel(shape: TableShape | undefined, table: string, row: Record<string, unknown>): string {
  if (!shape) return table;
  return `${table} ${shape.primaryKey.map((c) => String(row[c] ?? '')).join('|')}`;
}
