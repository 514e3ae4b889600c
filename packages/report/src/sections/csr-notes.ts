import { quarterLabel } from '@oise/core';
import { readNotes } from '@oise/workflow';
import type { BuiltSection } from '../built-report.js';
import { type ReportContext, childUnits, unitTitle } from '../report-context.js';
import type { SectionDefinition } from '../report-definition.js';

type Definition = Extract<SectionDefinition, { type: 'csr-notes' }>;

/** The CSR's qualitative note on each cercle's quarter (a line per cercle, empty when none). */
export async function buildCsrNotes(ctx: ReportContext, s: Definition): Promise<BuiltSection> {
  const units = childUnits(ctx);
  const notes = await readNotes(
    ctx.db,
    units.map((u) => u.code),
    ctx.period,
  );
  const byUnit = new Map(notes.map((n) => [n.unit, n]));
  return {
    title: s.title,
    sheetName: s.title,
    notes: [
      `Analyse qualitative du chargé de suivi régional, ${unitTitle(ctx.unit)}, ${quarterLabel(ctx.quarter)} : ${notes.length} note(s) sur ${units.length} cercle(s).`,
    ],
    tables: [
      {
        columns: [
          { header: 'Code', format: 'text', width: 12 },
          { header: 'Cercle', format: 'text', width: 20 },
          { header: 'Auteur', format: 'text', width: 18 },
          { header: 'Mise à jour', format: 'date', width: 13 },
          { header: 'Note du CSR', format: 'text', width: 90 },
        ],
        rows: units.map((u) => {
          const n = byUnit.get(u.code);
          return {
            cells: [
              u.code,
              u.name,
              n?.author ?? null,
              n?.updatedAt.slice(0, 10) ?? null,
              n?.text ?? 'Pas de note.',
            ],
          };
        }),
        emptyText: 'Aucun cercle.',
      },
    ],
    images: [],
  };
}
