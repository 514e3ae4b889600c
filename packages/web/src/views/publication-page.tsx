import { countFr, formatPercentFr, quarterLabel } from '@oise/core';
import type { RegisterDocumentsResult } from '@oise/report';
import { formatBytes, formatCount } from './format.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';
import { reportFileHref } from './rapports-page.js';

/** What a publication did, as `oise report` prints it, plus what the pass does after it at national. */
export interface PublicationOutcome {
  quarter: string;
  reports: {
    title: string;
    unitName: string;
    unitCode: string;
    completeness: { rate: number | null; reporting: number; expected: number };
  }[];
  /** The files written, with their download key when still listed. */
  files: { fileName: string; title: string; size: number; id: string | undefined }[];
  /** National: what changed among the documents that go down. */
  documents: RegisterDocumentsResult | undefined;
  /** National: the regions whose forwarded quarter is now consolidated. */
  consolidated: string[];
  /** National: the DOWN packages written for the regions. */
  bundles: { recipient: string; name: string; rowCount: number }[];
}

/** The result of « Publier les rapports »: the reports and their completeness, the files, the documents. */
export function PublicationPage(props: { frame: PageFrame; outcome: PublicationOutcome }) {
  const { frame, outcome } = props;
  const label = quarterLabel(outcome.quarter);
  const docs = outcome.documents;
  return (
    <Layout frame={frame} title={`Rapports du ${label}`}>
      <h1>Rapports du {label}</h1>
      <section class="panel" aria-labelledby="rapports-ecrits">
        <h2 id="rapports-ecrits">Rapports écrits</h2>
        <ul>
          {outcome.reports.map((r) => (
            <li key={`${r.title}|${r.unitCode}`}>
              {r.title} — {r.unitName} ({r.unitCode}) : complétude{' '}
              {r.completeness.rate === null ? 'sans objet' : formatPercentFr(r.completeness.rate)} (
              {formatCount(r.completeness.reporting)} sur {formatCount(r.completeness.expected)})
              {r.completeness.expected === 0 ? (
                <strong> — aucun chiffre consolidé : consolidez, puis recommencez.</strong>
              ) : null}
            </li>
          ))}
        </ul>
        {docs ? (
          <p>
            Documents publiés : {countFr(docs.inserted, 'nouveau', 'nouveaux')}, {formatCount(docs.updated)}{' '}
            mis à jour, {countFr(docs.unchanged, 'inchangé')}, {countFr(docs.removed, 'retiré')}.
          </p>
        ) : null}
        {outcome.consolidated.length > 0 ? (
          <p>Trimestre consolidé pour : {outcome.consolidated.join(', ')}.</p>
        ) : null}
        <p>
          <a href="/rapports">Voir tous les rapports</a>
        </p>
      </section>
      <section class="panel" aria-labelledby="fichiers-ecrits">
        <h2 id="fichiers-ecrits">Fichiers écrits</h2>
        <table class="report-files">
          <caption class="hint">
            Les {countFr(outcome.files.length, 'fichier')} du dossier des rapports
          </caption>
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Fichier</th>
              <th scope="col">Taille</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {outcome.files.map((f) => (
              <tr key={f.fileName}>
                <th scope="row">{f.title}</th>
                <td class="file">{f.fileName}</td>
                <td class="number">{formatBytes(f.size)}</td>
                <td>
                  {f.id ? (
                    <a
                      href={reportFileHref(f.id)}
                      aria-label={`Télécharger ${f.fileName}`}
                      download={f.fileName}
                    >
                      Télécharger
                    </a>
                  ) : (
                    'remplacé depuis'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {docs ? (
        <section class="panel" aria-labelledby="paquets-regions">
          <h2 id="paquets-regions">Paquets pour les régions</h2>
          {outcome.bundles.length === 0 ? (
            <p class="empty">Aucun paquet écrit : les régions ont déjà tout, ou aucune n'est enrôlée.</p>
          ) : (
            <table>
              <caption class="hint">Paquets descendants écrits dans la boîte d'envoi</caption>
              <thead>
                <tr>
                  <th scope="col">Destinataire</th>
                  <th scope="col">Fichier</th>
                  <th scope="col">Lignes</th>
                </tr>
              </thead>
              <tbody>
                {outcome.bundles.map((b) => (
                  <tr key={b.name}>
                    <td>{b.recipient}</td>
                    <td>{b.name}</td>
                    <td class="number">{formatCount(b.rowCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p>
            <a href="/paquets">Les paquets à envoyer</a>
          </p>
        </section>
      ) : null}
    </Layout>
  );
}
