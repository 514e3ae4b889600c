import { basename } from 'node:path';
import { countFr } from '@oise/core';
import { type ExportResult, SEND_OUTCOME_LABELS, type SendResult, type SentBundle } from '@oise/sync';
import type { DropVerdict } from '../uploads/drop-bundles.js';
import { formatBytes, formatCount, formatPeriod } from './format.js';

/** What a step of the Paquets page came to: a drop, a preparation, a send. */
export type PaquetsResult =
  | { kind: 'drop'; verdicts: DropVerdict[] }
  | { kind: 'export'; result: ExportResult }
  | { kind: 'send'; result: SendResult };

const VERDICT_LABELS: Record<DropVerdict['status'], string> = {
  applied: 'appliqué',
  duplicate: 'déjà reçu',
  rejected: 'refusé',
  ignored: 'pas un paquet',
  queued: 'en attente',
};

/** The one French sentence the progress page ends on. */
export function resultSentence(result: PaquetsResult): string {
  switch (result.kind) {
    case 'drop': {
      const n = (s: DropVerdict['status']) => result.verdicts.filter((v) => v.status === s).length;
      return `${countFr(result.verdicts.length, 'fichier déposé', 'fichiers déposés')} : ${countFr(n('applied'), 'appliqué')}, ${countFr(n('duplicate'), 'déjà reçu', 'déjà reçus')}, ${countFr(n('rejected') + n('ignored'), 'refusé')}${n('queued') ? `, ${countFr(n('queued'), 'en attente', 'en attente')}` : ''}.`;
    }
    case 'export': {
      const { written, skipped } = result.result;
      if (written.length === 0)
        return skipped.length
          ? 'Rien de nouveau pour les voisins : aucun paquet écrit.'
          : 'Aucun voisin enrôlé : aucun paquet écrit.';
      const to = [...new Set(written.map((w) => w.recipient))].join(', ');
      return `${countFr(written.length, 'paquet écrit', 'paquets écrits')} pour ${to}, dans la boîte d'envoi.`;
    }
    case 'send': {
      const n = (f: (r: SentBundle) => boolean) => result.result.results.filter(f).length;
      const delivered = n((r) => r.outcome !== 'refused' && r.outcome !== 'failed');
      if (result.result.results.length === 0)
        return result.result.withoutAddress.length
          ? "Rien d'envoyé : aucun voisin qui attend un paquet n'a d'adresse réglée."
          : "Rien à envoyer : la boîte d'envoi est vide.";
      return `${countFr(delivered, 'paquet reçu', 'paquets reçus')} par les voisins, ${countFr(
        n((r) => r.outcome === 'refused'),
        'refusé',
      )}, ${countFr(
        n((r) => r.outcome === 'failed'),
        'non envoyé',
        'non envoyés',
      )}.`;
    }
  }
}

/** The result of the step just made, as a section of the Paquets page. */
export function PaquetsResultSection(props: { result: PaquetsResult }) {
  const { result } = props;
  const title =
    result.kind === 'drop'
      ? 'Résultat du dépôt'
      : result.kind === 'export'
        ? 'Paquets préparés'
        : "Résultat de l'envoi";
  return (
    <section class="panel" aria-labelledby="resultat">
      <h2 id="resultat">{title}</h2>
      <p>
        <output>{resultSentence(result)}</output>
      </p>
      {result.kind === 'drop' ? <DropTable verdicts={result.verdicts} /> : null}
      {result.kind === 'export' ? <ExportTable result={result.result} /> : null}
      {result.kind === 'send' ? <SendTable result={result.result} /> : null}
    </section>
  );
}

function DropTable(props: { verdicts: DropVerdict[] }) {
  return (
    <table class="results">
      <caption class="hint">Chaque fichier déposé, et ce qu'il est devenu.</caption>
      <thead>
        <tr>
          <th scope="col">Fichier</th>
          <th scope="col">Verdict</th>
          <th scope="col">Détail</th>
        </tr>
      </thead>
      <tbody>
        {props.verdicts.map((v) => (
          <tr key={v.storedAs}>
            <td>{v.file}</td>
            <td>
              <span class={`state state-${v.status}`}>{VERDICT_LABELS[v.status]}</span>
            </td>
            <td>
              {v.sender && v.sequence !== null ? `de ${v.sender}, paquet n° ${v.sequence} — ` : ''}
              {v.reason}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ExportTable(props: { result: ExportResult }) {
  const { written, skipped } = props.result;
  return (
    <>
      {written.length > 0 ? (
        <table class="results">
          <caption class="hint">Les paquets écrits, à envoyer ou à télécharger ci-dessous.</caption>
          <thead>
            <tr>
              <th scope="col">Destinataire</th>
              <th scope="col">Fichier</th>
              <th scope="col">Numéro</th>
              <th scope="col">Contenu</th>
              <th scope="col">Taille</th>
            </tr>
          </thead>
          <tbody>
            {written.map((w) => (
              <tr key={w.file}>
                <td>
                  {w.recipient} ({w.direction === 'up' ? 'montant' : 'descendant'})
                </td>
                <td>{basename(w.file)}</td>
                <td class="number">{formatCount(w.sequence)}</td>
                <td>
                  {w.ackOnly ? 'accusé de réception seul' : countFr(w.rowCount, 'ligne')}
                  {w.quarters.length ? ` (${w.quarters.map((p) => formatPeriod(p)).join(', ')})` : ''}
                </td>
                <td class="number">{formatBytes(w.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {skipped.length > 0 ? <p>Rien de nouveau pour {skipped.map((s) => s.recipient).join(', ')}.</p> : null}
    </>
  );
}

function SendTable(props: { result: SendResult }) {
  const { results, withoutAddress } = props.result;
  return (
    <>
      {results.length > 0 ? (
        <table class="results">
          <caption class="hint">Chaque paquet envoyé, et la réponse du destinataire.</caption>
          <thead>
            <tr>
              <th scope="col">Destinataire</th>
              <th scope="col">Fichier</th>
              <th scope="col">Résultat</th>
              <th scope="col">Détail</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={`${r.recipient}/${r.file}`}>
                <td>{r.recipient}</td>
                <td>{r.file}</td>
                <td>
                  <span class={`state state-${r.outcome === 'refused' ? 'rejected' : r.outcome}`}>
                    {SEND_OUTCOME_LABELS[r.outcome]}
                  </span>
                </td>
                <td>{r.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {results.some((r) => r.outcome === 'failed') ? (
        <p class="hint">
          Un paquet non envoyé reste dans la boîte d'envoi, avec ceux qui le suivent : le prochain envoi (ou
          le passage du matin) le reprend, ou téléchargez-le pour une clé USB.
        </p>
      ) : null}
      {withoutAddress.map((w) => (
        <p key={w.recipient}>
          {w.recipient} : {countFr(w.files, 'paquet')} en attente, sans adresse réglée (clé USB, ou une
          adresse dans les réglages).
        </p>
      ))}
    </>
  );
}
