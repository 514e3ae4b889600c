import { countFr, formatDateFr, quarterLabel } from '@oise/core';
import { readNotes } from '@oise/workflow';
import type { BuiltSection } from '../built-report.js';
import type { ReportContext } from '../report-context.js';
import type { SectionDefinition } from '../report-definition.js';

type Definition = Extract<SectionDefinition, { type: 'committee-notes' }>;

/**
 * The CSR's notes as the committee reads them (@oise/workflow's `readNotes`): at a cercle the
 * note on its own quarter, at a region its notes on its cercles, at national the regions' notes
 * on their cercles as they arrived, by region.
 */
export async function buildCommitteeNotes(ctx: ReportContext, s: Definition): Promise<BuiltSection> {
  const cercles =
    ctx.unit.level === 'cercle' ? [ctx.unit] : ctx.hierarchy.descendantsAt(ctx.unit.code, 'cercle');
  const notes = await readNotes(
    ctx.db,
    cercles.map((c) => c.code),
    ctx.period,
  );
  const byCode = new Map(cercles.map((c) => [c.code, c]));
  const national = ctx.unit.level === 'pays';
  const name = (code: string) => {
    const cercle = byCode.get(code);
    const region = national && cercle?.parentCode ? ctx.hierarchy.get(cercle.parentCode) : undefined;
    return `${cercle?.name ?? code}${region ? ` (${region.name})` : ''}`;
  };
  const about =
    ctx.unit.level === 'cercle'
      ? `la note du chargé de suivi régional (CSR) sur le ${quarterLabel(ctx.quarter)} du cercle`
      : `${countFr(notes.length, 'note')} des CSR sur ${countFr(cercles.length, 'cercle')}, ${quarterLabel(ctx.quarter)}`;
  return {
    title: s.title,
    sheetName: s.title,
    notes: [`Analyse qualitative : ${about}, telle qu'elle est parvenue.`],
    tables: [
      {
        columns: [
          { header: 'Cercle, auteur et date', format: 'text' },
          { header: 'Note du CSR', format: 'text' },
        ],
        rows: notes.map((n) => ({
          cells: [`${name(n.unit)}\n${n.author}, ${formatDateFr(n.updatedAt)}`, n.text],
        })),
        emptyText: 'Pas de note du CSR sur ce trimestre.',
      },
    ],
    images: [],
  };
}
