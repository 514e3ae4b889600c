import type { ConsolidationLag } from '@oise/consolidate';
import { quarterLabel } from '@oise/core';
import type { JobView } from '../jobs/job-runner.js';
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
export function ConsolidationSection(props: { view: ConsolidationView; csrfToken: string }) {
  const { lag, running, canConsolidate } = props.view;
  return (
    <section class="panel" id="consolidation" aria-labelledby="consolidation-titre">
      <h2 id="consolidation-titre">État de la consolidation</h2>
      {lag.upToDate ? (
        <p>
          <span class="state state-validated">à jour</span>{' '}
          {lag.consolidatedUpTo === undefined
            ? 'rien à consolider : aucune valeur reçue pour le moment.'
            : 'les agrégats comptent tout ce que le nœud a reçu.'}
        </p>
      ) : (
        <>
          <p>
            <span class="state state-late">pas à jour</span>{' '}
            {lag.consolidatedUpTo === undefined
              ? 'aucune consolidation encore : '
              : 'arrivé depuis la dernière consolidation : '}
            {formatCount(lag.changedRows)} {lag.changedRows < 2 ? 'ligne' : 'lignes'}
            {lag.referenceRows > 0
              ? `, et ${formatCount(lag.referenceRows)} ${lag.referenceRows < 2 ? 'changement' : 'changements'} du territoire ou du catalogue (tout sera recalculé)`
              : ''}
            .
          </p>
          {lag.units.length > 0 ? <LagTable lag={lag} /> : null}
        </>
      )}
      {running ? (
        <p class="message">
          Une consolidation est en cours : <a href={`/travaux/${running.id}`}>suivre son avancement</a>.
        </p>
      ) : canConsolidate ? (
        <form method="post" action={CONSOLIDATE_PATH} class="inline">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit">Consolider maintenant</button>
          <p class="hint">Recalcule les agrégats de ce qui est arrivé, comme le passage quotidien.</p>
        </form>
      ) : null}
    </section>
  );
}

function LagTable(props: { lag: ConsolidationLag }) {
  return (
    <table>
      <caption class="hint">
        Lignes arrivées depuis la dernière consolidation, par cercle et trimestre
      </caption>
      <thead>
        <tr>
          <th scope="col">Trimestre</th>
          <th scope="col">Collectivité</th>
          <th scope="col">Valeurs</th>
          <th scope="col">Transmissions</th>
          <th scope="col">Réceptions</th>
        </tr>
      </thead>
      <tbody>
        {props.lag.units.map((u) => (
          <tr key={`${u.period}|${u.unit}`}>
            <td>{quarterLabel(u.period)}</td>
            <th scope="row">
              {u.name} ({u.unit})
            </th>
            <td class="number">{formatCount(u.values)}</td>
            <td class="number">{formatCount(u.submissions)}</td>
            <td class="number">{formatCount(u.receptions)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
