import { basename } from 'node:path';
import { quarterLabel } from '@oise/core';
import type {
  BlockingFinding,
  HandedOver,
  MissingEntry,
  SubmissionCheck,
  SubmitResult,
} from '@oise/workflow';
import { accueilText } from '../messages/accueil.js';
import { type Lang, text } from '../messages/lang.js';
import { sentence } from './cell-state.js';

/** Names to write a finding with: communes as the territory spells them, indicators as the catalog labels them. */
export interface SubmissionNames {
  unit: (code: string) => string;
  indicator: (code: string) => string;
  /** « filles », « hommes »…; '' for the total. */
  category: (indicator: string, category: string) => string;
}

/** The « Transmettre le trimestre » part of the Accueil (cercle): the check first, then the button. */
export interface SubmissionView {
  check: SubmissionCheck;
  names: SubmissionNames;
  /** The viewer's role may submit (`entry`). */
  canSubmit: boolean;
  /** What the last « Transmettre le trimestre » gave, when the page comes back from it. */
  outcome: HandedOver<SubmitResult> | undefined;
}

/** Where the form of « Transmettre le trimestre » goes. */
export const SUBMIT_PATH = '/transmettre';

function findingText(b: BlockingFinding, names: SubmissionNames, lang: Lang): string {
  const category = names.category(b.indicator, b.category);
  const where = `${names.unit(b.orgUnit)}, ${names.indicator(b.indicator)}${category ? ` (${category})` : ''}`;
  return text(lang, accueilText).finding(where, b.message);
}

function BlockingList(props: { blocking: BlockingFinding[]; names: SubmissionNames; lang: Lang }) {
  return (
    <ul class="findings">
      {props.blocking.map((b) => (
        <li key={`${b.orgUnit}|${b.indicator}|${b.category}|${b.code}`}>
          {findingText(b, props.names, props.lang)}
        </li>
      ))}
    </ul>
  );
}

/** The missing entries, per commune: how many, and which (folded). */
function MissingList(props: {
  missing: MissingEntry[];
  expected: number;
  names: SubmissionNames;
  lang: Lang;
}) {
  const { missing, names } = props;
  const t = text(props.lang, accueilText);
  if (missing.length === 0) return <p>{t.noMissing}</p>;
  const byUnit = new Map<string, string[]>();
  for (const m of missing)
    byUnit.set(m.orgUnit, [
      ...(byUnit.get(m.orgUnit) ?? []),
      m.indicator ? names.indicator(m.indicator) : '',
    ]);
  return (
    <>
      <p>{t.missingIntro(missing.length, props.expected)}</p>
      <details>
        <summary>{t.missingDetails}</summary>
        <ul class="findings">
          {[...byUnit].map(([unit, indicators]) => (
            <li key={unit}>
              {t.missingOfUnit(names.unit(unit), indicators.length, indicators.filter(Boolean).join(', '))}
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}

/** What « Transmettre le trimestre » just gave: transmitted with its package, or refused with why. */
function Outcome(props: { outcome: HandedOver<SubmitResult>; names: SubmissionNames; lang: Lang }) {
  const { outcome, names, lang } = props;
  const t = text(lang, accueilText);
  const { written, notEnrolled } = outcome.bundles;
  return (
    <div class={`message ${outcome.submitted ? '' : 'error'}`} role={outcome.submitted ? 'status' : 'alert'}>
      {outcome.submitted ? (
        <>
          <p>
            {t.submitted(
              quarterLabel(outcome.period, lang),
              outcome.number ?? 0,
              outcome.missingCount,
              outcome.expected,
            )}
          </p>
          {written.map((b) => (
            <p key={b.file}>
              {t.bundleInOutbox(b.recipient, basename(b.file))}
              <a href="/paquets">{t.bundlesLink}</a>
              {t.bundleForUsb}
            </p>
          ))}
          {notEnrolled.map((code) => (
            <p key={code}>{t.notEnrolled(code)}</p>
          ))}
        </>
      ) : (
        <>
          <p>
            {t.refusedIntro(outcome.blocking.length)}
            <a href={`/saisie?trimestre=${outcome.period}`}>{t.entryLink}</a>
            {t.submitAgain}
          </p>
          <BlockingList blocking={outcome.blocking} names={names} lang={lang} />
        </>
      )}
    </div>
  );
}

export function SubmissionPanel(props: { view: SubmissionView; csrfToken: string; lang: Lang }) {
  const { check, names, canSubmit, outcome } = props.view;
  const { lang } = props;
  const t = text(lang, accueilText);
  const blocked = check.blocking.length > 0;
  return (
    <section class="panel" aria-labelledby="transmettre">
      <h2 id="transmettre">{t.submitTitle}</h2>
      {outcome ? <Outcome outcome={outcome} names={names} lang={lang} /> : null}
      {check.refusal ? (
        <p class="empty">{sentence(check.refusal.message)}</p>
      ) : (
        <>
          <p>{t.recheck(quarterLabel(check.period, lang))}</p>
          {blocked ? (
            <div class="message error" role="alert">
              <p>
                {t.blockingIntro(check.blocking.length)}
                <a href={`/saisie?trimestre=${check.period}`}>{t.entryLink}</a>.
              </p>
              <BlockingList blocking={check.blocking} names={names} lang={lang} />
            </div>
          ) : (
            <p>{t.noBlocking}</p>
          )}
          <MissingList missing={check.missing} expected={check.expected} names={names} lang={lang} />
          {canSubmit && !blocked ? (
            <form method="post" action={SUBMIT_PATH}>
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <input type="hidden" name="trimestre" value={check.period} />
              <p class="hint">{t.afterSubmit}</p>
              <button type="submit">{t.submitTitle}</button>
            </form>
          ) : null}
        </>
      )}
    </section>
  );
}
