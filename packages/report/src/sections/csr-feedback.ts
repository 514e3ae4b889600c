import { quarterLabel } from '@oise/core';
import { decisionWord, describeFeedback, quarterFeedback } from '@oise/workflow';
import type { BuiltSection } from '../built-report.js';
import { type ReportContext, unitTitle } from '../report-context.js';
import type { SectionDefinition } from '../report-definition.js';

type Definition = Extract<SectionDefinition, { type: 'csr-feedback' }>;

/**
 * The CCC's report: what the region decided on the cercle's quarter (validated, or returned
 * and why) and the CSR's note, in the words of `oise status` and of the entry workbook.
 */
export async function buildCsrFeedback(ctx: ReportContext, s: Definition): Promise<BuiltSection> {
  const [feedback] = await quarterFeedback(ctx.db, ctx.unit.code, [ctx.period]);
  const described = feedback ? describeFeedback(feedback) : { decision: null, note: null };
  const notes = [
    `Décision de la région et note du chargé de suivi régional (CSR), ${unitTitle(ctx.unit)}, ${quarterLabel(ctx.quarter)}.`,
    described.decision ?? "La région n'a pas encore rendu de décision sur ce trimestre.",
    described.note ?? "Le CSR n'a pas encore écrit de note sur ce trimestre.",
  ];
  return {
    title: s.title,
    sheetName: s.title,
    notes,
    tables: [
      {
        columns: [
          { header: 'Trimestre', format: 'text', width: 12 },
          { header: 'Décision', format: 'text', width: 16 },
          { header: 'Date', format: 'date', width: 13 },
          { header: 'Motif du renvoi', format: 'text', width: 50 },
          { header: 'Note du CSR', format: 'text', width: 80 },
        ],
        rows: feedback
          ? [
              {
                cells: [
                  feedback.period.replace('Q', 'T'),
                  decisionWord(feedback),
                  feedback.decision?.decidedAt.slice(0, 10) ?? null,
                  feedback.decision?.decision === 'returned' ? (feedback.decision.reason ?? null) : null,
                  feedback.note?.text ?? null,
                ],
              },
            ]
          : [],
        emptyText: 'Ni décision ni note de la région pour ce trimestre.',
      },
    ],
    images: [],
  };
}
