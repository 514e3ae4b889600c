import { quarterLabel } from '@oise/core';
import type { ImportResult } from '@oise/entry';
import { type Lang, text } from '../messages/lang.js';
import { saisieImportText } from '../messages/saisie-import.js';
import { IMPORT_FIELD, IMPORT_PATH } from '../uploads/receive-import.js';
import { sentence } from './cell-state.js';
import { formatCount } from './format.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';
import { QuarterChooser } from './quarter-chooser.js';

export interface ImportView {
  quarter: string;
  /** Quarters offered in the chooser, latest first. */
  choices: string[];
  /** The viewer's role may import (`entry`). */
  canImport: boolean;
  /** Why the file just sent was refused whole (nothing kept). */
  error: string | undefined;
}

/** What a check or an import of one file gave, kept for its result page. */
export interface ImportJobResult {
  /** The file's name on the user's PC. */
  file: string;
  dryRun: boolean;
  quarter: string;
  result: ImportResult;
}

/** The totals of one import: lines read, kept, refused, and the warnings. */
export function importCounts(outcome: ImportJobResult) {
  const { files, warnings } = outcome.result;
  return {
    read: files.reduce((n, f) => n + f.rows, 0),
    stored: files.reduce((n, f) => n + f.stored, 0),
    refused: files.reduce((n, f) => n + f.refused + f.skipped, 0),
    warnings,
  };
}

/** One sentence on what came of a check or an import (the progress page's last word). */
export function importSummary(outcome: ImportJobResult, lang: Lang = 'fr'): string {
  const t = text(lang, saisieImportText);
  const { result, dryRun } = outcome;
  const { stored, refused } = importCounts(outcome);
  if (stored === 0 && result.errors > 0) return t.nothingStored(dryRun, result.errors);
  if (dryRun) return t.dryRunSummary(stored, refused);
  if (result.journalRows === 0) return t.unchangedSummary(stored, refused);
  return t.storedSummary(stored, refused, result.journalRows);
}

/** The cercle's files: the workbook and forms of a quarter to download, a filled file to upload. */
export function ImportPage(props: { frame: PageFrame; view: ImportView }) {
  const { frame, view } = props;
  const { lang } = frame;
  const t = text(lang, saisieImportText);
  const label = quarterLabel(view.quarter, lang);
  return (
    <Layout frame={frame} title={t.title(label)}>
      <h1>{t.title(label)}</h1>
      {view.error ? (
        <div class="message error" role="alert">
          {view.error}
        </div>
      ) : null}
      <section class="panel" aria-labelledby="choix-trimestre">
        <h2 id="choix-trimestre">{t.quarter}</h2>
        <QuarterChooser action={IMPORT_PATH} quarter={view.quarter} choices={view.choices} lang={lang} />
        <p class="hint">
          <a href={`/saisie?trimestre=${view.quarter}`}>{t.backToGrid(label)}</a>
        </p>
      </section>
      <section class="panel" aria-labelledby="telecharger">
        <h2 id="telecharger">{t.download}</h2>
        <p>{t.downloadIntro}</p>
        <p class="actions">
          <a class="button" href={`${IMPORT_PATH}/classeur/${view.quarter}`}>
            {t.downloadWorkbook}
          </a>
          <a class="button" href={`${IMPORT_PATH}/fiches/${view.quarter}`}>
            {t.downloadForms}
          </a>
        </p>
      </section>
      {view.canImport ? (
        <section class="panel" aria-labelledby="importer">
          <h2 id="importer">{t.importTitle}</h2>
          <p>{t.importIntro(label)}</p>
          <form
            class="stack"
            method="post"
            action={`${IMPORT_PATH}?_csrf=${encodeURIComponent(frame.csrfToken)}`}
            enctype="multipart/form-data"
          >
            <input type="hidden" name="trimestre" value={view.quarter} />
            <div>
              <label for="fichier">{t.fileLabel}</label>
              <input
                id="fichier"
                name={IMPORT_FIELD}
                type="file"
                required
                accept=".xlsx,.xlsm,.csv,.tsv,.txt"
                aria-describedby="fichier-aide"
              />
              <p class="hint" id="fichier-aide">
                {t.fileHint}
              </p>
            </div>
            <fieldset>
              <legend>{t.whatToDo}</legend>
              <div class="choice">
                <input type="radio" id="mode-verifier" name="mode" value="verifier" checked />
                <label for="mode-verifier">{t.checkOnly}</label>
              </div>
              <div class="choice">
                <input type="radio" id="mode-importer" name="mode" value="importer" />
                <label for="mode-importer">{t.importValid}</label>
              </div>
              <p class="hint">{t.refusedNeverSaved}</p>
            </fieldset>
            <div>
              <button type="submit">{t.importButton}</button>
            </div>
          </form>
        </section>
      ) : (
        <div class="message">{t.roleNoImport}</div>
      )}
    </Layout>
  );
}

/** What a check or an import gave: the counts, then every finding (sheet, line, column, message). */
export function ImportResultPage(props: { frame: PageFrame; outcome: ImportJobResult }) {
  const { outcome } = props;
  const { lang } = props.frame;
  const t = text(lang, saisieImportText);
  const { result, dryRun } = outcome;
  const counts = importCounts(outcome);
  const title = dryRun ? t.checkResult : t.importResult;
  const nothing = counts.stored === 0 && result.errors > 0;
  const severity = { error: t.severityError, warning: t.severityWarning } as const;
  return (
    <Layout frame={props.frame} title={`${title} — ${outcome.file}`}>
      <h1>{title}</h1>
      <div
        class={`message ${nothing ? 'error' : result.errors > 0 || result.warnings > 0 ? 'warning' : ''}`}
        role={nothing ? 'alert' : 'status'}
      >
        {t.fileSaid(outcome.file, importSummary(outcome, lang))}
      </div>
      <section class="panel" aria-labelledby="resume">
        <h2 id="resume">{t.summary}</h2>
        <dl class="facts">
          <dt>{t.file}</dt>
          <dd>{outcome.file}</dd>
          <dt>{t.linesRead}</dt>
          <dd>{formatCount(counts.read, lang)}</dd>
          <dt>{dryRun ? t.linesWouldBeStored : t.linesStored}</dt>
          <dd>{formatCount(counts.stored, lang)}</dd>
          <dt>{t.linesRefused}</dt>
          <dd>{formatCount(counts.refused, lang)}</dd>
          <dt>{t.warnings}</dt>
          <dd>{formatCount(counts.warnings, lang)}</dd>
          {dryRun ? null : (
            <>
              <dt>{t.journalChanges}</dt>
              <dd>{formatCount(result.journalRows, lang)}</dd>
            </>
          )}
        </dl>
      </section>
      <section class="panel" aria-labelledby="constats">
        <h2 id="constats">{t.findings}</h2>
        {result.findings.length === 0 ? (
          <p class="empty">{t.noFinding}</p>
        ) : (
          <table>
            <caption class="visually-hidden">{t.findingsCaption(outcome.file)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.sheet}</th>
                <th scope="col">{t.line}</th>
                <th scope="col">{t.column}</th>
                <th scope="col">{t.severity}</th>
                <th scope="col">{t.message}</th>
              </tr>
            </thead>
            <tbody>
              {result.findings.map((f, i) => (
                <tr key={String(i)}>
                  <td>{f.sheet ?? '—'}</td>
                  <td class="number">{f.line !== undefined ? formatCount(f.line, lang) : '—'}</td>
                  <td>{f.column || '—'}</td>
                  <td>
                    <span class={`state state-${f.severity === 'error' ? 'rejected' : 'returned'}`}>
                      {severity[f.severity]}
                    </span>
                  </td>
                  <td>{sentence(f.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p class="actions">
        <a href={`${IMPORT_PATH}?trimestre=${outcome.quarter}`}>{t.importAnother}</a>
        <a href={`/saisie?trimestre=${outcome.quarter}`}>{t.seeGrid}</a>
      </p>
    </Layout>
  );
}
