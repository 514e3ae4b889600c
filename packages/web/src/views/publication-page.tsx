import { formatPercentFr, quarterLabel } from '@oise/core';
import type { RegisterDocumentsResult } from '@oise/report';
import { text } from '../messages/lang.js';
import { rapportsText } from '../messages/rapports.js';
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
  /** National: the public site written again (`oise site`), or why it was not. */
  site: { outDir: string; pages: number; warnings: string[] } | { problem: string } | undefined;
}

/** The result of « Publier les rapports »: the reports and their completeness, the files, the documents. */
export function PublicationPage(props: { frame: PageFrame; outcome: PublicationOutcome }) {
  const { frame, outcome } = props;
  const { lang } = frame;
  const t = text(lang, rapportsText);
  const label = quarterLabel(outcome.quarter, lang);
  const docs = outcome.documents;
  const percent = (rate: number) =>
    lang === 'fr'
      ? formatPercentFr(rate)
      : new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  return (
    <Layout frame={frame} title={t.reportsOf(label)}>
      <h1>{t.reportsOf(label)}</h1>
      <section class="panel" aria-labelledby="rapports-ecrits">
        <h2 id="rapports-ecrits">{t.reportsWritten}</h2>
        <ul>
          {outcome.reports.map((r) => (
            <li key={`${r.title}|${r.unitCode}`}>
              {t.completeness(
                `${r.title} — ${r.unitName} (${r.unitCode})`,
                r.completeness.rate === null ? t.notApplicable : percent(r.completeness.rate),
                r.completeness.reporting,
                r.completeness.expected,
              )}
              {r.completeness.expected === 0 ? <strong>{t.nothingConsolidated}</strong> : null}
            </li>
          ))}
        </ul>
        {docs ? (
          <p>{t.documentsPublished(docs.inserted, docs.updated, docs.unchanged, docs.removed)}</p>
        ) : null}
        {outcome.consolidated.length > 0 ? <p>{t.consolidatedFor(outcome.consolidated.join(', '))}</p> : null}
        {outcome.site && 'problem' in outcome.site ? (
          <p class="error" role="alert">
            {t.siteNotWritten(outcome.site.problem)}
          </p>
        ) : null}
        {outcome.site && 'pages' in outcome.site ? (
          <>
            <p>{t.siteWritten(outcome.site.pages, outcome.site.outDir)}</p>
            {outcome.site.warnings.map((w) => (
              <p class="hint" key={w}>
                {w}
              </p>
            ))}
          </>
        ) : null}
        <p>
          <a href="/rapports">{t.seeAll}</a>
        </p>
      </section>
      <section class="panel" aria-labelledby="fichiers-ecrits">
        <h2 id="fichiers-ecrits">{t.filesWritten}</h2>
        <table class="report-files">
          <caption class="hint">{t.filesCaption(outcome.files.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.document}</th>
              <th scope="col">{t.file}</th>
              <th scope="col">{t.size}</th>
              <th scope="col">{t.action}</th>
            </tr>
          </thead>
          <tbody>
            {outcome.files.map((f) => (
              <tr key={f.fileName}>
                <th scope="row">{f.title}</th>
                <td class="file">{f.fileName}</td>
                <td class="number">{formatBytes(f.size, lang)}</td>
                <td>
                  {f.id ? (
                    <a
                      href={reportFileHref(f.id)}
                      aria-label={t.downloadFile(f.fileName)}
                      download={f.fileName}
                    >
                      {t.download}
                    </a>
                  ) : (
                    t.replaced
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {docs ? (
        <section class="panel" aria-labelledby="paquets-regions">
          <h2 id="paquets-regions">{t.bundlesForRegions}</h2>
          {outcome.bundles.length === 0 ? (
            <p class="empty">{t.noBundle}</p>
          ) : (
            <table>
              <caption class="hint">{t.bundlesCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.recipient}</th>
                  <th scope="col">{t.file}</th>
                  <th scope="col">{t.rows}</th>
                </tr>
              </thead>
              <tbody>
                {outcome.bundles.map((b) => (
                  <tr key={b.name}>
                    <td>{b.recipient}</td>
                    <td>{b.name}</td>
                    <td class="number">{formatCount(b.rowCount, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p>
            <a href="/paquets">{t.bundlesToSend}</a>
          </p>
        </section>
      ) : null}
    </Layout>
  );
}
