import type { ConsolidationLag } from '@oise/consolidate';
import { quarterLabel } from '@oise/core';
import type { JobView } from '../jobs/job-runner.js';
import { accueilText } from '../messages/accueil.js';
import { type Lang, text } from '../messages/lang.js';
import { formatCount } from './format.js';

/** The consolidation state as a page shows it: the lag, and the running consolidation if any. */
export interface ConsolidationView {
  lag: ConsolidationLag;
  /** The consolidation started from the pages and still running. */
  running: JobView | undefined;
  /** The viewer may start one (permission 'admin'). */
  canConsolidate: boolean;
}

/** Where « Consolider maintenant » posts. */
export const CONSOLIDATE_PATH = '/consolidation';

/**
 * The state of consolidation: « à jour », or what arrived since the last one (per cercle and
 * quarter: values, submissions, receptions), with « Consolider maintenant ».
 */
export function ConsolidationSection(props: { view: ConsolidationView; csrfToken: string; lang: Lang }) {
  const { lag, running, canConsolidate } = props.view;
  const t = text(props.lang, accueilText);
  return (
    <section class="panel" id="consolidation" aria-labelledby="consolidation-titre">
      <h2 id="consolidation-titre">{t.consolidationTitle}</h2>
      {lag.upToDate ? (
        <p>
          <span class="state state-validated">{t.upToDate}</span>{' '}
          {lag.consolidatedUpTo === undefined ? t.nothingYet : t.allCounted}
        </p>
      ) : (
        <>
          <p>
            <span class="state state-late">{t.notUpToDate}</span>{' '}
            {lag.consolidatedUpTo === undefined ? t.noConsolidationYet : t.arrivedSince}
            {t.rows(lag.changedRows)}
            {lag.referenceRows > 0 ? t.referenceRows(lag.referenceRows) : ''}.
          </p>
          {lag.units.length > 0 ? <LagTable lag={lag} lang={props.lang} /> : null}
        </>
      )}
      {running ? (
        <p class="message">
          {t.consolidationRunning}
          <a href={`/travaux/${running.id}`}>{t.followProgress}</a>.
        </p>
      ) : canConsolidate ? (
        <form method="post" action={CONSOLIDATE_PATH} class="inline">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit">{t.consolidateNow}</button>
          <p class="hint">{t.consolidateHint}</p>
        </form>
      ) : null}
    </section>
  );
}

function LagTable(props: { lag: ConsolidationLag; lang: Lang }) {
  const { lang } = props;
  const t = text(lang, accueilText);
  return (
    <table>
      <caption class="hint">{t.lagCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.quarter}</th>
          <th scope="col">{t.unit}</th>
          <th scope="col">{t.values}</th>
          <th scope="col">{t.submissions}</th>
          <th scope="col">{t.receptions}</th>
        </tr>
      </thead>
      <tbody>
        {props.lag.units.map((u) => (
          <tr key={`${u.period}|${u.unit}`}>
            <td>{quarterLabel(u.period, lang)}</td>
            <th scope="row">
              {u.name} ({u.unit})
            </th>
            <td class="number">{formatCount(u.values, lang)}</td>
            <td class="number">{formatCount(u.submissions, lang)}</td>
            <td class="number">{formatCount(u.receptions, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
