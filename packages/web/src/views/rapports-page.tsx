import { quarterLabel } from '@oise/core';
import type { NodeLevel } from '@oise/core';
import type { ReportFileEntry, ReportFileOrigin } from '@oise/report';
import type { JobView } from '../jobs/job-runner.js';
import { formatBytes, formatDateTime } from './format.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';
import { QuarterSelect } from './quarter-chooser.js';

export interface RapportsView {
  files: ReportFileEntry[];
  /** Quarters offered to publish, latest first, and the one chosen by default. */
  choices: string[];
  quarter: string;
  canPublish: boolean;
  /** Publications started from the pages and still running. */
  running: JobView[];
  /** Rows arrived since the last consolidation (national, region): the reports would miss them. */
  changedSinceConsolidation: number;
}

/** Where « Publier les rapports » posts. */
export const PUBLISH_PATH = '/rapports/publier';

/** The download link of a listed report file. */
export const reportFileHref = (id: string) => `/rapports/telecharger/${encodeURIComponent(id)}`;

const ORIGIN_LABELS: Record<ReportFileOrigin, string> = {
  received: 'reçu du national',
  published: 'publié ici',
  generated: 'écrit ici',
};

/** The action's words at each level: national publishes (the documents go down), the others write their own. */
export function publishLabel(level: NodeLevel): string {
  return level === 'national' ? 'Publier les rapports' : 'Écrire les rapports';
}

/** The documents received and the reports published or written here, by quarter, to download. */
export function RapportsPage(props: { frame: PageFrame; view: RapportsView }) {
  const { frame, view } = props;
  const level = frame.node.level;
  const byQuarter = new Map<string, ReportFileEntry[]>();
  for (const f of view.files) {
    const key = f.period ?? '';
    byQuarter.set(key, [...(byQuarter.get(key) ?? []), f]);
  }
  return (
    <Layout frame={frame} title="Rapports">
      <h1>Rapports</h1>
      {view.canPublish ? (
        <section class="panel" aria-labelledby="publier">
          <h2 id="publier">{publishLabel(level)}</h2>
          <p>
            {level === 'national'
              ? 'Écrit le rapport national consolidé du trimestre (classeur, graphiques, carte), le publie comme document pour les régions et les cercles, et écrit les paquets qui le leur portent.'
              : level === 'region'
                ? 'Écrit la synthèse régionale du trimestre et le rapport de chaque cercle, dans le dossier des rapports du nœud.'
                : "Écrit le rapport d'activité du CCC du trimestre, dans le dossier des rapports du nœud."}
          </p>
          {view.changedSinceConsolidation > 0 ? (
            <div class="message warning" role="note">
              Des lignes sont arrivées depuis la dernière consolidation : les rapports ne les compteraient
              pas. Consolidez d'abord depuis <a href="/#consolidation">l'accueil</a>.
            </div>
          ) : null}
          {view.running.map((job) => (
            <p class="message" key={job.id}>
              {job.title} : en cours, <a href={`/travaux/${job.id}`}>suivre son avancement</a>.
            </p>
          ))}
          <form class="inline" method="post" action={PUBLISH_PATH}>
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <QuarterSelect id="publier-trimestre" quarter={view.quarter} choices={view.choices} />
            <button type="submit">{publishLabel(level)}</button>
          </form>
        </section>
      ) : null}
      {view.files.length === 0 ? (
        <section class="panel" aria-labelledby="aucun">
          <h2 id="aucun">Documents</h2>
          <p class="empty">
            Aucun rapport pour le moment : ni reçu du national, ni {level === 'national' ? 'publié' : 'écrit'}{' '}
            ici.
          </p>
        </section>
      ) : (
        [...byQuarter.entries()].map(([period, files]) => (
          <section class="panel" key={period} aria-labelledby={`rapports-${period || 'autres'}`}>
            <h2 id={`rapports-${period || 'autres'}`}>{period ? quarterLabel(period) : 'Autres fichiers'}</h2>
            <ReportFilesTable
              files={files}
              caption={
                period
                  ? `Rapports du ${quarterLabel(period)}, reçus et écrits ici`
                  : 'Fichiers du dossier des rapports sans trimestre dans leur nom'
              }
            />
          </section>
        ))
      )}
    </Layout>
  );
}

/** Report files with their origin and a « Télécharger » link each. */
export function ReportFilesTable(props: { files: ReportFileEntry[]; caption: string }) {
  return (
    <table class="report-files">
      <caption class="hint">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Document</th>
          <th scope="col">Fichier</th>
          <th scope="col">Origine</th>
          <th scope="col">Taille</th>
          <th scope="col">Mis à jour le</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {props.files.map((f) => (
          <tr key={f.id}>
            <th scope="row">{f.title}</th>
            <td class="file">{f.fileName}</td>
            <td class="origin">{ORIGIN_LABELS[f.origin]}</td>
            <td class="number">{formatBytes(f.size)}</td>
            <td class="when">{formatDateTime(f.updatedAt)}</td>
            <td>
              <a href={reportFileHref(f.id)} aria-label={`Télécharger ${f.fileName}`} download={f.fileName}>
                Télécharger
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
