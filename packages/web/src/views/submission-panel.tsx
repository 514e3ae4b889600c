import { basename } from 'node:path';
import { quarterLabel } from '@oise/core';
import type {
  BlockingFinding,
  HandedOver,
  MissingEntry,
  SubmissionCheck,
  SubmitResult,
} from '@oise/workflow';
import { sentence } from './cell-state.js';
import { formatCount } from './format.js';

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

function findingText(b: BlockingFinding, names: SubmissionNames): string {
  const category = names.category(b.indicator, b.category);
  return `${names.unit(b.orgUnit)}, ${names.indicator(b.indicator)}${category ? ` (${category})` : ''} : ${b.message}`;
}

function BlockingList(props: { blocking: BlockingFinding[]; names: SubmissionNames }) {
  return (
    <ul class="findings">
      {props.blocking.map((b) => (
        <li key={`${b.orgUnit}|${b.indicator}|${b.category}|${b.code}`}>{findingText(b, props.names)}</li>
      ))}
    </ul>
  );
}

/** The missing entries, per commune: how many, and which (folded). */
function MissingList(props: { missing: MissingEntry[]; expected: number; names: SubmissionNames }) {
  const { missing, names } = props;
  if (missing.length === 0)
    return <p>Aucune saisie manquante : toutes les valeurs attendues sont enregistrées.</p>;
  const byUnit = new Map<string, string[]>();
  for (const m of missing)
    byUnit.set(m.orgUnit, [
      ...(byUnit.get(m.orgUnit) ?? []),
      m.indicator ? names.indicator(m.indicator) : '',
    ]);
  return (
    <>
      <p>
        {formatCount(missing.length)} saisie{missing.length > 1 ? 's' : ''} manquante
        {missing.length > 1 ? 's' : ''} sur {formatCount(props.expected)} attendue
        {props.expected > 1 ? 's' : ''} : le trimestre peut être transmis incomplet, les manques sont comptés.
      </p>
      <details>
        <summary>Voir les saisies manquantes, commune par commune</summary>
        <ul class="findings">
          {[...byUnit].map(([unit, indicators]) => (
            <li key={unit}>
              {names.unit(unit)} : {formatCount(indicators.length)} indicateur
              {indicators.length > 1 ? 's' : ''} sans valeur ({indicators.filter(Boolean).join(', ')})
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}

/** What « Transmettre le trimestre » just gave: transmitted with its package, or refused with why. */
function Outcome(props: { outcome: HandedOver<SubmitResult>; names: SubmissionNames }) {
  const { outcome, names } = props;
  const { written, notEnrolled } = outcome.bundles;
  const many = outcome.blocking.length > 1;
  return (
    <div class={`message ${outcome.submitted ? '' : 'error'}`} role={outcome.submitted ? 'status' : 'alert'}>
      {outcome.submitted ? (
        <>
          <p>
            {sentence(quarterLabel(outcome.period))} transmis (transmission n°{' '}
            {formatCount(outcome.number ?? 0)}) ; {formatCount(outcome.missingCount)} saisie
            {outcome.missingCount > 1 ? 's' : ''} manquante
            {outcome.missingCount > 1 ? 's' : ''} sur {formatCount(outcome.expected)}.
          </p>
          {written.map((b) => (
            <p key={b.file}>
              Le paquet pour {b.recipient} ({basename(b.file)}) est dans la boîte d'envoi, prêt à télécharger
              dans <a href="/paquets">Paquets</a> pour une clé USB ou un courriel.
            </p>
          ))}
          {notEnrolled.map((code) => (
            <p key={code}>
              Pas de paquet pour {code} : ce voisin n'est pas enrôlé ici ; la transmission partira dans son
              premier paquet.
            </p>
          ))}
        </>
      ) : (
        <>
          <p>
            Transmission refusée : {formatCount(outcome.blocking.length)} problème
            {many ? 's bloquants' : ' bloquant'}. Corrigez-{many ? 'les' : 'le'} dans la{' '}
            <a href={`/saisie?trimestre=${outcome.period}`}>Saisie</a>, puis transmettez de nouveau.
          </p>
          <BlockingList blocking={outcome.blocking} names={names} />
        </>
      )}
    </div>
  );
}

export function SubmissionPanel(props: { view: SubmissionView; csrfToken: string }) {
  const { check, names, canSubmit, outcome } = props.view;
  const blocked = check.blocking.length > 0;
  return (
    <section class="panel" aria-labelledby="transmettre">
      <h2 id="transmettre">Transmettre le trimestre</h2>
      {outcome ? <Outcome outcome={outcome} names={names} /> : null}
      {check.refusal ? (
        <p class="empty">{sentence(check.refusal.message)}</p>
      ) : (
        <>
          <p>
            Avant la transmission, les valeurs enregistrées du {quarterLabel(check.period)} sont revérifiées
            comme à la commande « oise quarter submit » (bornes, F + M = total, partie ≤ tout).
          </p>
          {blocked ? (
            <div class="message error" role="alert">
              <p>
                {formatCount(check.blocking.length)} problème
                {check.blocking.length > 1 ? 's bloquants' : ' bloquant'} : la transmission est refusée tant
                qu'{check.blocking.length > 1 ? 'ils restent' : 'il reste'}. Corrigez dans la{' '}
                <a href={`/saisie?trimestre=${check.period}`}>Saisie</a>.
              </p>
              <BlockingList blocking={check.blocking} names={names} />
            </div>
          ) : (
            <p>Aucun problème bloquant.</p>
          )}
          <MissingList missing={check.missing} expected={check.expected} names={names} />
          {canSubmit && !blocked ? (
            <form method="post" action={SUBMIT_PATH}>
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <input type="hidden" name="trimestre" value={check.period} />
              <p class="hint">
                Ensuite le trimestre est en lecture seule jusqu'à un renvoi de la région ; le paquet pour la
                région est écrit aussitôt dans la boîte d'envoi.
              </p>
              <button type="submit">Transmettre le trimestre</button>
            </form>
          ) : null}
        </>
      )}
    </section>
  );
}
