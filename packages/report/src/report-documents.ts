import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import type { GeneratedFile, PreviousWorkbook } from './generate-reports.js';

export interface RegisterDocumentsOptions {
  period: string;
  /** The national node's code: owner of published documents. */
  owner: string;
  now: string;
}

export interface RegisterDocumentsResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Earlier report files of the same quarter and unit no longer produced (tombstoned). */
  removed: number;
}

/**
 * Workbooks already published for a quarter, by file name: their generation date (the row's
 * `updated_at`) and hash, for `generateReports({ previous })`.
 */
export async function publishedWorkbooks(
  db: Kysely<Database>,
  period: string,
): Promise<Map<string, PreviousWorkbook>> {
  const rows = await db
    .selectFrom('document')
    .select(['file_name', 'updated_at', 'sha256'])
    .where('period', '=', period)
    .where('kind', '=', 'report-workbook')
    .where('deleted', '=', 0)
    .execute();
  return new Map(rows.map((r) => [r.file_name, { generatedAt: r.updated_at, sha256: r.sha256 }]));
}

/** The stable id of a published report file: the same file name gives the same row. */
export function documentId(period: string, fileName: string): string {
  return `rapport:${period}:${fileName}`;
}

/**
 * Registers generated report files as `document` rows so they travel down in DOWN bundles.
 * A row changes (revision + 1) only when its content hash changed; re-running on the same data
 * changes nothing. Files of the same quarter and units that are no longer produced get a
 * tombstone. One transaction.
 */
export async function registerReportDocuments(
  db: Kysely<Database>,
  files: GeneratedFile[],
  options: RegisterDocumentsOptions,
): Promise<RegisterDocumentsResult> {
  const result: RegisterDocumentsResult = { inserted: 0, updated: 0, unchanged: 0, removed: 0 };
  await db.transaction().execute(async (trx) => {
    const ids = new Set<string>();
    for (const f of files) {
      const id = documentId(options.period, f.fileName);
      ids.add(id);
      const existing = await trx
        .selectFrom('document')
        .select(['sha256', 'revision', 'deleted', 'title'])
        .where('id', '=', id)
        .executeTakeFirst();
      const content = Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength);
      if (!existing) {
        await trx
          .insertInto('document')
          .values({
            id,
            period: options.period,
            org_unit_code: f.unitCode,
            kind: f.kind,
            title: f.title,
            file_name: f.fileName,
            media_type: f.mediaType,
            sha256: f.sha256,
            size: f.size,
            content,
            created_at: options.now,
            owner: options.owner,
            revision: 1,
            updated_at: options.now,
            deleted: 0,
          })
          .execute();
        result.inserted++;
      } else if (existing.sha256 !== f.sha256 || existing.deleted !== 0 || existing.title !== f.title) {
        await trx
          .updateTable('document')
          .set({
            kind: f.kind,
            title: f.title,
            media_type: f.mediaType,
            sha256: f.sha256,
            size: f.size,
            content,
            revision: existing.revision + 1,
            updated_at: options.now,
            deleted: 0,
          })
          .where('id', '=', id)
          .execute();
        result.updated++;
      } else result.unchanged++;
    }
    const units = [...new Set(files.map((f) => f.unitCode))];
    if (units.length === 0) return;
    const stale = await trx
      .selectFrom('document')
      .select(['id', 'revision'])
      .where('period', '=', options.period)
      .where('owner', '=', options.owner)
      .where('deleted', '=', 0)
      .where('kind', 'in', ['report-workbook', 'report-chart', 'report-map', 'report-print'])
      .where('org_unit_code', 'in', units)
      .execute();
    for (const s of stale.filter((d) => !ids.has(d.id))) {
      await trx
        .updateTable('document')
        .set({ deleted: 1, revision: s.revision + 1, updated_at: options.now })
        .where('id', '=', s.id)
        .execute();
      result.removed++;
    }
  });
  return result;
}
