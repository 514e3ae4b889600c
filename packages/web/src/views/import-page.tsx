import { quarterLabel } from '@oise/core';
import type { ImportResult } from '@oise/entry';
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

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n > 1 ? many : one}`;

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

/** One French sentence on what came of a check or an import (the progress page's last word). */
export function importSummary(outcome: ImportJobResult): string {
  const { result, dryRun } = outcome;
  const { stored, refused } = importCounts(outcome);
  const refusedText = plural(refused, 'ligne refusée', 'lignes refusées');
  if (stored === 0 && result.errors > 0)
    return `rien ${dryRun ? 'ne serait' : "n'a été"} enregistré : aucune ligne valide (${plural(result.errors, 'erreur', 'erreurs')}). Corrigez le fichier d'après le tableau des constats, puis recommencez.`;
  if (dryRun)
    return `vérification seule, rien n'a été enregistré : ${plural(stored, 'ligne serait enregistrée', 'lignes seraient enregistrées')}, ${refusedText}.`;
  if (result.journalRows === 0)
    return `aucune modification : ${plural(stored, 'ligne identique', 'lignes identiques')} à ce qui est enregistré, ${refusedText}.`;
  return `${plural(stored, 'ligne enregistrée', 'lignes enregistrées')}, ${refusedText} ; ${plural(result.journalRows, 'changement', 'changements')} au journal.`;
}

const SEVERITY_LABELS = { error: 'refusé', warning: 'à vérifier' } as const;

/** The cercle's files: the workbook and forms of a quarter to download, a filled file to upload. */
export function ImportPage(props: { frame: PageFrame; view: ImportView }) {
  const { frame, view } = props;
  const label = quarterLabel(view.quarter);
  return (
    <Layout frame={frame} title={`Classeur et import — ${label}`}>
      <h1>Classeur et import — {label}</h1>
      {view.error ? (
        <div class="message error" role="alert">
          {view.error}
        </div>
      ) : null}
      <section class="panel" aria-labelledby="choix-trimestre">
        <h2 id="choix-trimestre">Trimestre</h2>
        <QuarterChooser action={IMPORT_PATH} quarter={view.quarter} choices={view.choices} />
        <p class="hint">
          <a href={`/saisie?trimestre=${view.quarter}`}>Retour à la grille de saisie du {label}</a>
        </p>
      </section>
      <section class="panel" aria-labelledby="telecharger">
        <h2 id="telecharger">Télécharger</h2>
        <p>
          Le classeur Excel de saisie du cercle (une feuille par domaine, valeurs déjà saisies pré-remplies,
          valeurs du trimestre précédent en gris), et les fiches de collecte papier des communes (une feuille
          A4 par commune), comme les écrivent « oise template » et « oise fiches ».
        </p>
        <p class="actions">
          <a class="button" href={`${IMPORT_PATH}/classeur/${view.quarter}`}>
            Télécharger le classeur de saisie
          </a>
          <a class="button" href={`${IMPORT_PATH}/fiches/${view.quarter}`}>
            Télécharger les fiches de collecte
          </a>
        </p>
      </section>
      {view.canImport ? (
        <section class="panel" aria-labelledby="importer">
          <h2 id="importer">Importer un fichier rempli</h2>
          <p>
            Chaque ligne est vérifiée comme à la commande « oise import » : type, bornes, F + M = total,
            partie ≤ tout, valeurs inhabituelles pour la commune. Les lignes d'un fichier CSV doivent être du{' '}
            {label}.
          </p>
          <form
            class="stack"
            method="post"
            action={`${IMPORT_PATH}?_csrf=${encodeURIComponent(frame.csrfToken)}`}
            enctype="multipart/form-data"
          >
            <input type="hidden" name="trimestre" value={view.quarter} />
            <div>
              <label for="fichier">Classeur ou fichier CSV rempli</label>
              <input
                id="fichier"
                name={IMPORT_FIELD}
                type="file"
                required
                accept=".xlsx,.xlsm,.csv,.tsv,.txt"
                aria-describedby="fichier-aide"
              />
              <p class="hint" id="fichier-aide">
                Le classeur de saisie (.xlsx) ou un fichier CSV (.csv), 64 Mio au plus.
              </p>
            </div>
            <fieldset>
              <legend>Que faire du fichier</legend>
              <div class="choice">
                <input type="radio" id="mode-verifier" name="mode" value="verifier" checked />
                <label for="mode-verifier">Vérifier seulement (rien n'est enregistré)</label>
              </div>
              <div class="choice">
                <input type="radio" id="mode-importer" name="mode" value="importer" />
                <label for="mode-importer">Importer les lignes valides</label>
              </div>
              <p class="hint">
                Les lignes refusées ne sont jamais enregistrées ; elles sont listées avec leur motif.
              </p>
            </fieldset>
            <div>
              <button type="submit">Importer</button>
            </div>
          </form>
        </section>
      ) : (
        <div class="message">Votre rôle permet de télécharger le classeur, pas d'importer des valeurs.</div>
      )}
    </Layout>
  );
}

/** What a check or an import gave: the counts, then every finding (sheet, line, column, message). */
export function ImportResultPage(props: { frame: PageFrame; outcome: ImportJobResult }) {
  const { outcome } = props;
  const { result, dryRun } = outcome;
  const counts = importCounts(outcome);
  const title = dryRun ? 'Résultat de la vérification' : "Résultat de l'import";
  const nothing = counts.stored === 0 && result.errors > 0;
  return (
    <Layout frame={props.frame} title={`${title} — ${outcome.file}`}>
      <h1>{title}</h1>
      <div
        class={`message ${nothing ? 'error' : result.errors > 0 || result.warnings > 0 ? 'warning' : ''}`}
        role={nothing ? 'alert' : 'status'}
      >
        « {outcome.file} » : {importSummary(outcome)}
      </div>
      <section class="panel" aria-labelledby="resume">
        <h2 id="resume">Résumé</h2>
        <dl class="facts">
          <dt>Fichier</dt>
          <dd>{outcome.file}</dd>
          <dt>Lignes lues</dt>
          <dd>{formatCount(counts.read)}</dd>
          <dt>{dryRun ? 'Lignes qui seraient enregistrées' : 'Lignes enregistrées'}</dt>
          <dd>{formatCount(counts.stored)}</dd>
          <dt>Lignes refusées</dt>
          <dd>{formatCount(counts.refused)}</dd>
          <dt>Avertissements</dt>
          <dd>{formatCount(counts.warnings)}</dd>
          {dryRun ? null : (
            <>
              <dt>Changements au journal</dt>
              <dd>{formatCount(result.journalRows)}</dd>
            </>
          )}
        </dl>
      </section>
      <section class="panel" aria-labelledby="constats">
        <h2 id="constats">Constats</h2>
        {result.findings.length === 0 ? (
          <p class="empty">Aucun constat : toutes les lignes sont valides.</p>
        ) : (
          <table>
            <caption class="visually-hidden">Constats de « {outcome.file} », ligne par ligne</caption>
            <thead>
              <tr>
                <th scope="col">Feuille</th>
                <th scope="col">Ligne</th>
                <th scope="col">Colonne</th>
                <th scope="col">Gravité</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {result.findings.map((f, i) => (
                <tr key={String(i)}>
                  <td>{f.sheet ?? '—'}</td>
                  <td class="number">{f.line !== undefined ? formatCount(f.line) : '—'}</td>
                  <td>{f.column || '—'}</td>
                  <td>
                    <span class={`state state-${f.severity === 'error' ? 'rejected' : 'returned'}`}>
                      {SEVERITY_LABELS[f.severity]}
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
        <a href={`${IMPORT_PATH}?trimestre=${outcome.quarter}`}>Importer un autre fichier</a>
        <a href={`/saisie?trimestre=${outcome.quarter}`}>Voir la grille de saisie</a>
      </p>
    </Layout>
  );
}
