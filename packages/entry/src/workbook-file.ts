import { writeFileAtomic } from '@oise/core';
import type { Database } from '@oise/schema';
import type ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { workbookBytes } from './xlsx-column-breaks.js';

/** A builder of a workbook from the node's database, with the summary the command prints. */
export type WorkbookBuilder<O, S> = (
  db: Kysely<Database>,
  options: O,
) => Promise<{ workbook: ExcelJS.Workbook; summary: S }>;

/**
 * The writer of a builder's workbook: builds it, then writes it to `out` whole or not at all
 * (`writeFileAtomic`), so a power cut never leaves half a workbook under the adviser's file name.
 */
export function workbookWriter<O, S>(
  build: WorkbookBuilder<O, S>,
): (db: Kysely<Database>, options: O & { out: string }) => Promise<S> {
  return async (db, options) => {
    const { workbook, summary } = await build(db, options);
    writeFileAtomic(options.out, await workbookBytes(workbook));
    return summary;
  };
}
