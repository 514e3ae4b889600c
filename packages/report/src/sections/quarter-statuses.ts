import { quarterReceipts } from '@oise/consolidate';
import { quarterDeadlines, quarterLabel } from '@oise/core';
import { STATUS_LABELS, quarterStatusesOf } from '@oise/workflow';
import type { BuiltSection } from '../built-report.js';
import { LEVEL_PLURALS, type ReportContext, childUnits, ofUnit } from '../report-context.js';
import type { SectionDefinition } from '../report-definition.js';

type Definition = Extract<SectionDefinition, { type: 'quarter-statuses' }>;

/**
 * Each child unit's quarter: status, submission, due date kept or not (received by the node
 * above by its due date, the one rule of lateness), decision, reason.
 */
export async function buildQuarterStatuses(ctx: ReportContext, s: Definition): Promise<BuiltSection> {
  const units = childUnits(ctx).filter((u) => u.level !== 'commune');
  const statuses = await quarterStatusesOf(
    ctx.db,
    units.map((u) => u.code),
    ctx.period,
  );
  const receipts = await quarterReceipts(
    ctx.db,
    [ctx.period],
    ctx.calendar,
    units.map((u) => u.code),
  );
  const deadlines = quarterDeadlines(ctx.quarter, ctx.calendar);
  const counts = new Map<string, number>();
  const rows = units.map((u) => {
    const st = statuses.get(u.code)!;
    // The words of `oise status`, capitalised for a table: Ouvert, Transmis, Validé, Renvoyé, Consolidé.
    const label = STATUS_LABELS[st.status].replace(/^./, (c) => c.toUpperCase());
    counts.set(label, (counts.get(label) ?? 0) + 1);
    const due = u.level === 'region' ? deadlines.regionDue : deadlines.cercleDue;
    return {
      cells: [
        u.code,
        u.name,
        label,
        st.submissionNumber,
        st.submittedAt?.slice(0, 10) ?? null,
        due,
        onTimeCell(receipts.get(`${u.code}|${ctx.period}`)?.onTime),
        st.missingCount,
        st.decision?.decidedAt.slice(0, 10) ?? null,
        st.decision?.reason ?? null,
      ],
    };
  });
  return {
    title: s.title,
    sheetName: s.title,
    notes: [
      `${LEVEL_PLURALS[units[0]?.level ?? ''] ?? 'Collectivités'} ${ofUnit(ctx.unit)}, ${quarterLabel(ctx.quarter)} : ${[...counts].map(([k, n]) => `${k.toLowerCase()} ${n}`).join(', ') || 'aucune'}.`,
    ],
    tables: [
      {
        columns: [
          { header: 'Code', format: 'text', width: 12 },
          { header: 'Collectivité', format: 'text', width: 22 },
          { header: 'Statut', format: 'text', width: 13 },
          { header: 'Transmission n°', format: 'integer', width: 13 },
          { header: 'Transmis le', format: 'date', width: 13 },
          { header: 'Échéance', format: 'date', width: 13 },
          { header: 'Dans les délais', format: 'text', width: 14 },
          { header: 'Saisies manquantes', unit: 'nombre', format: 'integer', width: 16 },
          { header: 'Décision le', format: 'date', width: 13 },
          { header: 'Motif du renvoi', format: 'text', width: 40 },
        ],
        rows,
        emptyText: 'Aucune collectivité.',
      },
    ],
    images: [],
  };
}

/** `oui` / `non` once the quarter was received; empty before. */
function onTimeCell(onTime: boolean | undefined): string | null {
  return onTime === undefined ? null : onTime ? 'oui' : 'non';
}
