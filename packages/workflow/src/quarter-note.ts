import { loadHierarchy } from '@oise/catalog';
import { OiseError, formatQuarter, parseQuarter } from '@oise/core';
import type { ActionOptions, WorkflowNode } from './workflow-node.js';

export interface NoteResult {
  unit: string;
  period: string;
  revision: number;
  changed: boolean;
}

/**
 * The CSR's qualitative note on a cercle's quarter (one per cercle and quarter, owned by the
 * region). Writing the same text again changes nothing; a new text bumps the revision.
 */
export async function writeNote(
  node: WorkflowNode,
  unit: string,
  quarter: string,
  text: string,
  options: ActionOptions,
): Promise<NoteResult> {
  const { db, identity } = node;
  const q = parseQuarter(quarter);
  const period = formatQuarter(q);
  if (identity.level !== 'region')
    throw new OiseError(
      'NOTE_NOT_ALLOWED',
      `la note qualitative est écrite par la région ; ce nœud est de niveau ${identity.level}.`,
      {
        node: identity.code,
      },
    );
  if (!text || text.trim() === '')
    throw new OiseError('NOTE_EMPTY', 'la note est vide : écrivez son texte (--text « … »).', {
      quarter: period,
    });
  const hierarchy = await loadHierarchy(db, q);
  const target = hierarchy.get(unit);
  if (!target || target.level !== 'cercle' || !hierarchy.isWithin(unit, identity.code))
    throw new OiseError(
      'NOTE_UNIT_INVALID',
      `${unit} n'est pas un cercle de la région ${identity.code} : vérifiez --unit.`,
      {
        quarter: period,
      },
    );
  const body = text.trim();
  const existing = await db
    .selectFrom('quarter_note')
    .selectAll()
    .where('org_unit_code', '=', unit)
    .where('period', '=', period)
    .executeTakeFirst();
  if (!existing) {
    await db
      .insertInto('quarter_note')
      .values({
        org_unit_code: unit,
        period,
        author: options.author ?? identity.code,
        text: body,
        owner: identity.code,
        revision: 1,
        updated_at: options.now,
      })
      .execute();
    return { unit, period, revision: 1, changed: true };
  }
  if (existing.text === body) return { unit, period, revision: existing.revision, changed: false };
  const revision = existing.revision + 1;
  await db
    .updateTable('quarter_note')
    .set({
      text: body,
      author: options.author ?? identity.code,
      revision,
      updated_at: options.now,
      owner: identity.code,
    })
    .where('org_unit_code', '=', unit)
    .where('period', '=', period)
    .execute();
  return { unit, period, revision, changed: true };
}
