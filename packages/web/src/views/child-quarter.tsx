import { levelOfPcode } from '@oise/core';
import type { ChildQuarter, QuarterState } from '@oise/workflow';
import type { Lang } from '../messages/lang.js';
import { text } from '../messages/lang.js';
import { trimestresText } from '../messages/trimestres.js';
import { formatDate, formatDateTime } from './format.js';

/** A child's quarter in the workflow's own word (« non transmis », « transmis »…); the colour only repeats it. */
export function ChildStateBadge(props: { state: QuarterState; lang: Lang }) {
  // « non transmis » is not the child's « ouvert »: its own, plainer look.
  const look = props.state === 'open' ? 'not-sent' : props.state;
  return (
    <span class={`state state-${look}`}>{text(props.lang, trimestresText).childStatus(props.state)}</span>
  );
}

/** « reçu le 17 avril 2025 à 08:00, en retard », « attendu le 15 avril 2025 ». */
export function receptionText(cell: ChildQuarter, lang: Lang): string {
  const t = text(lang, trimestresText);
  if (cell.receivedAt)
    return t.receivedOn(formatDateTime(cell.receivedAt, lang), t.reception(cell.reception));
  if (cell.reception === 'overdue')
    return t.nothingReceived(t.reception('overdue'), formatDate(cell.due, lang));
  return t.expectedOn(t.reception('expected'), formatDate(cell.due, lang));
}

/** « 41 / 45 communes »: communes with values out of those expected. */
export function completenessText(cell: Pick<ChildQuarter, 'completeness'>, lang: Lang): string {
  const { reporting, expected } = cell.completeness;
  return text(lang, trimestresText).communesOf(reporting, expected);
}

/** « transmission n° 2, 3 saisies manquantes » (what `oise status` says of it). */
export function submissionText(cell: ChildQuarter, lang: Lang): string | undefined {
  const t = text(lang, trimestresText);
  const s = cell.status;
  if (s.submissionNumber === null) return undefined;
  // A region's submission counts its cercles not validated; a cercle's, its entries missing.
  const missing =
    levelOfPcode(cell.unit) === 'region'
      ? t.cerclesNotValidated(s.missingCount ?? 0)
      : t.entriesMissing(s.missingCount ?? 0);
  return `${t.submissionNo(s.submissionNumber)}${s.missingCount ? `, ${missing}` : ''}`;
}

/** The board cell's lines under the status word: reception and lateness, completeness, submission. */
export function ChildQuarterLines(props: { cell: ChildQuarter; lang: Lang }) {
  const { cell, lang } = props;
  const t = text(lang, trimestresText);
  const late = cell.reception === 'late' || cell.reception === 'overdue';
  const submission = submissionText(cell, lang);
  return (
    <ul class="cell-facts">
      <li class={late ? 'late' : undefined}>
        <span class="visually-hidden">{t.receptionHidden}</span>
        {receptionText(cell, lang)}
      </li>
      <li>
        <span class="visually-hidden">{t.completenessHidden}</span>
        {completenessText(cell, lang)}
      </li>
      {submission ? <li>{submission}</li> : null}
    </ul>
  );
}
