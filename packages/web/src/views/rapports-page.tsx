import { quarterLabel } from '@oise/core';
import type { NodeLevel } from '@oise/core';
import type { ReportFileEntry, ReportFileOrigin } from '@oise/report';
import type { JobView } from '../jobs/job-runner.js';
import { type Lang, text } from '../messages/lang.js';
import { rapportsText } from '../messages/rapports.js';
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

/** Where a report file comes from, in words. */
function originLabel(origin: ReportFileOrigin, lang: Lang): string {
  const t = text(lang, rapportsText);
  return { received: t.originReceived, published: t.originPublished, generated: t.originGenerated }[origin];
}

/** The action's words at each level: national publishes (the documents go down), the others write their own. */
export function publishLabel(level: NodeLevel, lang: Lang = 'fr'): string {
  const t = text(lang, rapportsText);
  return level === 'national' ? t.publishNational : t.publishOther;
}

/** The documents received and the reports published or written here, by quarter, to download. */
export function RapportsPage(props: { frame: PageFrame; view: RapportsView }) {
  const { frame, view } = props;
  const { lang } = frame;
  const t = text(lang, rapportsText);
  const level = frame.node.level;
  const byQuarter = new Map<string, ReportFileEntry[]>();
  for (const f of view.files) {
    const key = f.period ?? '';
    byQuarter.set(key, [...(byQuarter.get(key) ?? []), f]);
  }
  return (
    <Layout frame={frame} title={t.title}>
      <h1>{t.title}</h1>
      {view.canPublish ? (
        <section class="panel" aria-labelledby="publier">
          <h2 id="publier">{publishLabel(level, lang)}</h2>
          <p>{level === 'national' ? t.aboutNational : level === 'region' ? t.aboutRegion : t.aboutCercle}</p>
          {view.changedSinceConsolidation > 0 ? (
            <div class="message warning" role="note">
              {t.notConsolidated}
              <a href="/#consolidation">{t.fromHome}</a>.
            </div>
          ) : null}
          {view.running.map((job) => (
            <p class="message" key={job.id}>
              {t.running(job.title)}
              <a href={`/travaux/${job.id}`}>{t.followProgress}</a>.
            </p>
          ))}
          <form class="inline" method="post" action={PUBLISH_PATH}>
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <QuarterSelect id="publier-trimestre" quarter={view.quarter} choices={view.choices} lang={lang} />
            <button type="submit">{publishLabel(level, lang)}</button>
          </form>
        </section>
      ) : null}
      {view.files.length === 0 ? (
        <section class="panel" aria-labelledby="aucun">
          <h2 id="aucun">{t.documents}</h2>
          <p class="empty">{t.noReport(level === 'national')}</p>
        </section>
      ) : (
        [...byQuarter.entries()].map(([period, files]) => (
          <section class="panel" key={period} aria-labelledby={`rapports-${period || 'autres'}`}>
            <h2 id={`rapports-${period || 'autres'}`}>
              {period ? quarterLabel(period, lang) : t.otherFiles}
            </h2>
            <ReportFilesTable
              files={files}
              caption={period ? t.quarterCaption(quarterLabel(period, lang)) : t.otherCaption}
              lang={lang}
            />
          </section>
        ))
      )}
    </Layout>
  );
}

/** Report files with their origin and a « Télécharger » link each. */
export function ReportFilesTable(props: { files: ReportFileEntry[]; caption: string; lang?: Lang }) {
  const lang = props.lang ?? 'fr';
  const t = text(lang, rapportsText);
  return (
    <table class="report-files">
      <caption class="hint">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.document}</th>
          <th scope="col">{t.file}</th>
          <th scope="col">{t.origin}</th>
          <th scope="col">{t.size}</th>
          <th scope="col">{t.updatedOn}</th>
          <th scope="col">{t.action}</th>
        </tr>
      </thead>
      <tbody>
        {props.files.map((f) => (
          <tr key={f.id}>
            <th scope="row">
              {f.title}
              {f.committee ? <span class="committee">{t.committeeFor(f.committee)}</span> : null}
            </th>
            <td class="file">{f.fileName}</td>
            <td class="origin">{originLabel(f.origin, lang)}</td>
            <td class="number">{formatBytes(f.size, lang)}</td>
            <td class="when">{formatDateTime(f.updatedAt, lang)}</td>
            <td>
              <a href={reportFileHref(f.id)} aria-label={t.downloadFile(f.fileName)} download={f.fileName}>
                {t.download}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
