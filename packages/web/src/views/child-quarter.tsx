import { countFr, formatNumberFr, levelOfPcode } from '@oise/core';
import { CHILD_STATUS_LABELS, type ChildQuarter, type QuarterState, RECEPTION_LABELS } from '@oise/workflow';
import { formatDate, formatDateTime } from './format.js';

/** A child's quarter in the workflow's own word (« non transmis », « transmis »…); the colour only repeats it. */
export function ChildStateBadge(props: { state: QuarterState }) {
  // « non transmis » is not the child's « ouvert »: its own, plainer look.
  const look = props.state === 'open' ? 'not-sent' : props.state;
  return <span class={`state state-${look}`}>{CHILD_STATUS_LABELS[props.state]}</span>;
}

/** « reçu le 17 avril 2025 à 08:00, en retard », « attendu le 15 avril 2025 ». */
export function receptionText(cell: ChildQuarter): string {
  if (cell.receivedAt)
    return `reçu le ${formatDateTime(cell.receivedAt)}, ${RECEPTION_LABELS[cell.reception]}`;
  if (cell.reception === 'overdue')
    return `rien reçu, ${RECEPTION_LABELS.overdue} (attendu le ${formatDate(cell.due)})`;
  return `${RECEPTION_LABELS.expected} le ${formatDate(cell.due)}`;
}

/** « 41 / 45 communes »: communes with values out of those expected. */
export function completenessText(cell: Pick<ChildQuarter, 'completeness'>): string {
  const { reporting, expected } = cell.completeness;
  return `${formatNumberFr(reporting)} / ${countFr(expected, 'commune')}`;
}

/** « transmission n° 2, 3 saisies manquantes » (what `oise status` says of it). */
export function submissionText(cell: ChildQuarter): string | undefined {
  const s = cell.status;
  if (s.submissionNumber === null) return undefined;
  // A region's submission counts its cercles not validated; a cercle's, its entries missing.
  const missing =
    levelOfPcode(cell.unit) === 'region'
      ? countFr(s.missingCount ?? 0, 'cercle non validé', 'cercles non validés')
      : countFr(s.missingCount ?? 0, 'saisie manquante', 'saisies manquantes');
  return `transmission n° ${s.submissionNumber}${s.missingCount ? `, ${missing}` : ''}`;
}

/** The board cell's lines under the status word: reception and lateness, completeness, submission. */
export function ChildQuarterLines(props: { cell: ChildQuarter }) {
  const { cell } = props;
  const late = cell.reception === 'late' || cell.reception === 'overdue';
  const submission = submissionText(cell);
  return (
    <ul class="cell-facts">
      <li class={late ? 'late' : undefined}>
        <span class="visually-hidden">Réception : </span>
        {receptionText(cell)}
      </li>
      <li>
        <span class="visually-hidden">Complétude : </span>
        {completenessText(cell)}
      </li>
      {submission ? <li>{submission}</li> : null}
    </ul>
  );
}
