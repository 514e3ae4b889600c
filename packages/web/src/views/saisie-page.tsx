import { quarterLabel } from '@oise/core';
import { type CellSaveResult, type EntryGrid, gridCellKey } from '@oise/entry';
import type { QuarterState } from '@oise/workflow';
import { SAISIE_SCRIPT_PATH } from '../assets/saisie-grid-js.js';
import { type Lang, text } from '../messages/lang.js';
import { saisieText } from '../messages/saisie.js';
import { type CellOutcome, cellOutcome, sentence } from './cell-state.js';
import { EntryGridTable, cellId, cellName } from './entry-grid-table.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';
import { QuarterChooser } from './quarter-chooser.js';
import { QuarterStateBadge } from './quarter-state.js';

export interface SaisieView {
  grid: EntryGrid;
  state: QuarterState;
  /** Quarters offered in the chooser, latest first. */
  choices: string[];
  /** The viewer's role may enter values (`entry`). */
  canEnter: boolean;
  /** After the grid's form was sent: each cell sent, by `gridCellKey`. */
  outcomes: Map<string, CellOutcome>;
  /** After the grid's form was sent: what changed, and the cells to look at again. */
  summary: SaveSummary | undefined;
}

export interface SaveSummary {
  written: number;
  refused: number;
  warnings: number;
  /** The refused and unusual cells: their name, id and what was said. */
  cells: { name: string; id: string; text: string }[];
}

/**
 * What the page says after the grid's form was saved: each cell that changed, was refused or is
 * unusual (a cell sent back unchanged says nothing), and the summary with links to the cells to
 * look at again.
 */
export function savedCells(
  grid: EntryGrid,
  results: CellSaveResult[] | undefined,
  lang: Lang = 'fr',
): { outcomes: Map<string, CellOutcome>; summary: SaveSummary | undefined } {
  const outcomes = new Map<string, CellOutcome>();
  if (!results) return { outcomes, summary: undefined };
  const summary: SaveSummary = { written: 0, refused: 0, warnings: 0, cells: [] };
  const communes = new Map(grid.communes.map((m) => [m.code, m.name]));
  for (const r of results) {
    const changed = r.written !== null && r.written !== 'unchanged';
    if (changed) summary.written++;
    if (r.state === 'saved' && !changed) continue;
    const outcome = cellOutcome(r, lang);
    outcomes.set(gridCellKey(r.edit.unit, r.edit.indicator, r.edit.category), outcome);
    if (r.state === 'saved') continue;
    if (r.state === 'warning') summary.warnings++;
    else summary.refused++;
    const column = grid.columns.find(
      (c) => c.indicator === r.edit.indicator && c.category === r.edit.category,
    );
    const commune = communes.get(r.edit.unit);
    summary.cells.push(
      column && commune
        ? { name: cellName(column, commune), id: cellId(r.edit.unit, column), text: outcome.text }
        : { name: `${r.edit.indicator} — ${r.edit.unit}`, id: 'grille', text: outcome.text },
    );
  }
  return { outcomes, summary };
}

/** The path of a domain's grid for a quarter. */
export function saisiePath(quarter: string, domain: string): string {
  return `/saisie/${quarter}/${domain}`;
}

/**
 * *Saisie*: the cercle's quarter, one domain at a time, as a communes × indicators grid. Every
 * cell is checked and saved when the adviser leaves it (the page's script); without the script,
 * the grid is one form, saved whole by « Enregistrer la grille ».
 */
export function SaisiePage(props: { frame: PageFrame; view: SaisieView }) {
  const { frame, view } = props;
  const { lang } = frame;
  const t = text(lang, saisieText);
  const { grid } = view;
  const domainLabel = grid.domains.find((d) => d.domain === grid.domain)?.label ?? grid.domain;
  const readOnly = grid.readOnly !== undefined || !view.canEnter;
  const quarter = quarterLabel(grid.quarter, lang);
  return (
    <Layout frame={frame} title={t.title(domainLabel, quarter)}>
      <h1>{t.heading(quarter)}</h1>
      <section class="panel" aria-labelledby="choix-saisie">
        <h2 id="choix-saisie">{t.quarterAndDomain}</h2>
        <QuarterChooser action="/saisie" quarter={grid.quarter} choices={view.choices} lang={lang}>
          <input type="hidden" name="domaine" value={grid.domain} />
        </QuarterChooser>
        <nav class="domains" aria-label={t.domains}>
          <ul>
            {grid.domains.map((d) => (
              <li key={d.domain}>
                <a
                  href={saisiePath(grid.quarter, d.domain)}
                  aria-current={d.domain === grid.domain ? 'page' : undefined}
                >
                  {d.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="hint">
          {t.quarterState}
          <QuarterStateBadge state={view.state} lang={lang} />
          {t.cercleOf(grid.cercle.name, grid.cercle.code, grid.communes.length)}
        </p>
        <p>
          <a href={`/saisie/import?trimestre=${grid.quarter}`}>{t.workbookLink}</a>
        </p>
      </section>
      {grid.readOnly ? (
        <div class="message warning" id="saisie-verrou">
          {t.readOnlyCells}
          {sentence(grid.readOnly.message)}
        </div>
      ) : !view.canEnter ? (
        <div class="message">{t.roleReadOnly}</div>
      ) : null}
      {view.summary ? <SummaryMessage summary={view.summary} lang={lang} /> : null}
      <section class="panel grid-panel" aria-labelledby="grille">
        <h2 id="grille">{domainLabel}</h2>
        {grid.columns.length === 0 || grid.communes.length === 0 ? (
          <p class="empty">{t.noIndicator}</p>
        ) : (
          <form
            method="post"
            action={saisiePath(grid.quarter, grid.domain)}
            data-saisie-grid=""
            data-period={grid.quarter}
            data-msg-saving={t.scriptSaving}
            data-msg-refused-status={t.scriptRefusedStatus}
            data-msg-no-server={t.scriptNoServer}
            data-msg-separator={t.scriptSeparator}
          >
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <p class="hint" id="saisie-aide">
              {t.help(quarterLabel(grid.previousQuarter, lang))}
              {readOnly ? '' : t.helpSave}
            </p>
            <div class="grid-scroll">
              <EntryGridTable grid={grid} outcomes={view.outcomes} readOnly={readOnly} lang={lang} />
            </div>
            <p class="visually-hidden" role="status" aria-live="polite" id="saisie-annonce" />
            {readOnly ? null : (
              <p>
                <button type="submit">{t.saveGrid}</button>
              </p>
            )}
          </form>
        )}
      </section>
      <script type="module" src={SAISIE_SCRIPT_PATH} />
    </Layout>
  );
}

function SummaryMessage(props: { summary: SaveSummary; lang: Lang }) {
  const { written, refused, warnings, cells } = props.summary;
  const t = text(props.lang, saisieText);
  const parts = [
    t.written(written),
    refused > 0 ? t.refused(refused) : '',
    warnings > 0 ? t.warnings(warnings) : '',
  ].filter(Boolean);
  return (
    <section
      class={`message ${refused > 0 ? 'error' : warnings > 0 ? 'warning' : ''}`}
      role={refused > 0 ? 'alert' : 'status'}
      aria-labelledby="resultat-saisie"
    >
      <h2 id="resultat-saisie">{t.saveResult}</h2>
      <p>{`${sentence(parts.join(', '))}.`}</p>
      {cells.length > 0 ? (
        <ul>
          {cells.map((c) => (
            <li key={c.id}>
              <a href={`#${c.id}`}>{c.name}</a>
              {t.scriptSeparator}
              {c.text}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
