import type { BoundaryLevel } from '@oise/catalog';
import { raw } from 'hono/html';
import { text } from '../messages/lang.js';
import { tableauText } from '../messages/tableau.js';
import { formatCount, localeOf } from './format.js';
import { Layout } from './layout.js';
import { MapFigure, type MapValue } from './map-figure.js';
import type { PageFrame } from './page-frame.js';

/** Where the dashboard's scripts are served: chart.js's own UMD file, and the page's script. */
export const CHART_SCRIPT_PATH = '/static/chart.js';
export const TABLEAU_SCRIPT_PATH = '/static/tableau.js';
/** The id of the JSON block the script draws the chart from. */
export const CHART_DATA_ID = 'tableau-donnees';

export const PERIOD_MODES = ['4', '8', 'annees', 'choisis'] as const;
export type PeriodMode = (typeof PERIOD_MODES)[number];
export const CHART_KINDS = ['barres', 'lignes'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** One figure of the table: its value for the chart and exports, its text and completeness in the page's language. */
export interface TableauCell {
  value: number | null;
  text: string;
  completeness: string;
}

/** What the chart script receives, as JSON in the page. */
export interface ChartData {
  kind: ChartKind;
  title: string;
  subtitle: string;
  periods: string[];
  units: { name: string; href: string | null }[];
  /** One dataset per period (per period and sex when stacked), `stack` naming its period. */
  bars: { label: string; stack: string; values: (number | null)[] }[];
  stacked: boolean;
  lines: { label: string; values: (number | null)[] }[];
}

/** Everything the dashboard shows. */
export interface TableauView {
  query: {
    indicator?: string | undefined;
    periods: PeriodMode;
    chosen: string;
    category: string;
    chart: ChartKind;
  };
  /** The address of this very view (saved as a view). */
  selfHref: string;
  indicators: { label: string; items: { code: string; label: string }[] }[];
  indicator: { code: string; label: string; unit: string; sex: boolean; decimals: boolean };
  categories: { code: string; label: string }[];
  unitChoices: { code: string; label: string }[];
  breadcrumb: { code: string; name: string; href: string }[];
  unit: { code: string; name: string };
  periods: { code: string; label: string }[];
  rows: {
    code: string;
    name: string;
    level: string;
    whole: boolean;
    href: string | undefined;
    cells: TableauCell[];
  }[];
  exports: { xlsx: string; csv: string };
  /** Rows arrived since the last consolidation, that the figures do not count yet (0: up to date). */
  unconsolidatedRows: number;
  /** The node's change counter when the page was built (the freshness probe compares). */
  version: number;
  chart: ChartData;
  /** The children on a map: their level, the period mapped (the last one with a figure), each one's figure and drill-down. */
  map: { level: BoundaryLevel; period: string; values: MapValue[] } | undefined;
  saved: { id: number; name: string; href: string; by: string }[];
  canSave: boolean;
  notice: string | undefined;
}

/** The view without what only the page adds (saved views, the viewer's rights, a notice). */
export type ShownView = Omit<TableauView, 'saved' | 'canSave' | 'notice'>;

/** A cell without a figure, as the table shows it (its words are said to screen readers). */
export const NO_FIGURE = '—';

/** JSON safe inside a `<script>` element. */
const scriptJson = (data: unknown) => JSON.stringify(data).replace(/</g, '\\u003c');

/** The *Tableau de bord*. */
export function TableauPage(props: { frame: PageFrame; view: TableauView }) {
  const { frame, view } = props;
  const q = view.query;
  const T = text(frame.lang, tableauText);
  return (
    <Layout frame={frame} title={T.title}>
      <h1>{T.title}</h1>
      <p>{T.intro}</p>
      {view.notice ? <output class="message ok">{view.notice}</output> : null}
      {view.unconsolidatedRows > 0 ? (
        <p class="message warning">
          {T.unconsolidated(formatCount(view.unconsolidatedRows, frame.lang))}{' '}
          <a href="/#consolidation">{T.consolidationState}</a>
        </p>
      ) : null}
      <div class="message fresh" data-fresh={view.version} hidden>
        <output>{T.fresh}</output>
        <button type="button" data-reload>
          {T.reload}
        </button>
      </div>
      <section class="panel" aria-labelledby="tableau-choix">
        <h2 id="tableau-choix">{T.choosers}</h2>
        <form class="tableau-choosers" method="get" action="/tableau">
          <div class="indicator-chooser">
            <div>
              <label for="filtre-indicateur">{T.indicatorFilter}</label>
              <input
                id="filtre-indicateur"
                type="search"
                data-filter="indicateur"
                aria-describedby="filtre-indicateur-aide"
                autocomplete="off"
              />
              <p class="hint" id="filtre-indicateur-aide">
                {T.indicatorFilterHint}
              </p>
            </div>
            <div>
              <label for="indicateur">{T.indicator}</label>
              <select id="indicateur" name="indicateur">
                {view.indicators.map((g) => (
                  <optgroup key={g.label} label={g.label}>
                    {g.items.map((i) => (
                      <option key={i.code} value={i.code} selected={i.code === view.indicator.code}>
                        {i.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
          </div>
          <div>
            <label for="unite">{T.unit}</label>
            <select id="unite" name="unite">
              {view.unitChoices.map((u) => (
                <option key={u.code} value={u.code} selected={u.code === view.unit.code}>
                  {u.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="periodes">{T.periods}</label>
            <select id="periodes" name="periodes">
              {PERIOD_MODES.map((m) => (
                <option key={m} value={m} selected={m === q.periods}>
                  {T.periodChoice(m)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="trimestres">{T.chosen}</label>
            <input
              id="trimestres"
              name="trimestres"
              type="text"
              value={q.chosen}
              aria-describedby="trimestres-aide"
            />
            <p class="hint" id="trimestres-aide">
              {T.chosenHint}
            </p>
          </div>
          {view.categories.length > 0 ? (
            <div>
              <label for="categorie">{T.category}</label>
              <select id="categorie" name="categorie">
                {view.categories.map((cat) => (
                  <option key={cat.code} value={cat.code} selected={cat.code === q.category}>
                    {cat.label}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div>
            <label for="graphique">{T.chart}</label>
            <select id="graphique" name="graphique">
              {CHART_KINDS.map((k) => (
                <option key={k} value={k} selected={k === q.chart}>
                  {T.chartChoice(k)}
                </option>
              ))}
            </select>
          </div>
          <div class="actions">
            <button type="submit">{T.show}</button>
          </div>
        </form>
      </section>

      <nav class="breadcrumb" aria-label={T.breadcrumb}>
        <ol>
          {view.breadcrumb.map((b, i) => (
            <li key={b.code}>
              {i === view.breadcrumb.length - 1 ? (
                <a href={b.href} aria-current="page">
                  {b.name}
                </a>
              ) : (
                <a href={b.href}>{b.name}</a>
              )}
            </li>
          ))}
        </ol>
      </nav>

      <section class="panel" aria-labelledby="tableau-chiffres">
        <h2 id="tableau-chiffres">
          {T.tableHeading(`${view.indicator.label}${view.indicator.unit ? ` (${view.indicator.unit})` : ''}`)}
        </h2>
        <div class="table-scroll">
          <table class="dashboard">
            <caption>{T.caption(view.indicator.label, view.unit.name)}</caption>
            <thead>
              <tr>
                <th scope="col">{T.unitHeading}</th>
                {view.periods.map((p) => (
                  <th scope="col" key={p.code}>
                    {p.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={r.code} class={r.whole ? 'whole' : undefined} data-unit={r.code}>
                  <th scope="row">
                    {r.href ? (
                      <a href={r.href} aria-label={T.openUnit(r.name)}>
                        {r.name}
                      </a>
                    ) : (
                      r.name
                    )}{' '}
                    <span class="hint">
                      {r.level.toLowerCase()}
                      {r.whole ? `, ${T.ensemble}` : ''}
                    </span>
                  </th>
                  {r.cells.map((cell, i) => (
                    <td key={view.periods[i]!.code} class="number figure">
                      <span class="value">
                        {cell.value === null ? (
                          <>
                            <span aria-hidden="true">{NO_FIGURE}</span>
                            <span class="visually-hidden">{T.noFigureWords}</span>
                          </>
                        ) : (
                          cell.text
                        )}
                      </span>
                      <span class="completeness">{cell.completeness}</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <section aria-labelledby="tableau-exports">
          <h3 id="tableau-exports">{T.exports}</h3>
          <ul class="links">
            <li>
              <a href={view.exports.xlsx} download>
                {T.downloadXlsx}
              </a>
            </li>
            <li>
              <a href={view.exports.csv} download>
                {T.downloadCsv}
              </a>
            </li>
          </ul>
        </section>
      </section>

      <section class="panel" aria-labelledby="tableau-graphique">
        <h2 id="tableau-graphique">{T.chartHeading}</h2>
        <div class="chart-box">
          <canvas
            id="graphique-tableau"
            role="img"
            aria-label={T.chartLabel(view.indicator.label)}
            data-locale={localeOf(frame.lang)}
            data-msg-no-figure={T.noFigureWords}
            data-msg-separator={T.scriptSeparator}
          />
        </div>
        <p class="hint" data-no-script>
          {T.chartNoScript}
        </p>
        <button type="button" data-png hidden>
          {T.downloadPng}
        </button>
        {/* JSON, `<` escaped: inert text the script parses, never markup. */}
        <script type="application/json" id={CHART_DATA_ID}>
          {raw(scriptJson(view.chart))}
        </script>
      </section>

      {view.map ? (
        <section class="panel" aria-labelledby="tableau-carte">
          <h2 id="tableau-carte">{T.mapHeading}</h2>
          <MapFigure
            id="carte-tableau"
            level={view.map.level}
            parent={view.unit.code}
            caption={T.mapCaption(
              view.indicator.label,
              view.unit.name,
              view.map.period,
              view.map.values.some((v) => v.href),
            )}
            legendTitle={`${view.indicator.label}${view.indicator.unit ? ` (${view.indicator.unit})` : ''}`}
            values={view.map.values}
            fractionDigits={view.indicator.decimals ? 1 : 0}
            lang={frame.lang}
          />
        </section>
      ) : null}

      <section class="panel" aria-labelledby="tableau-vues">
        <h2 id="tableau-vues">{T.saved}</h2>
        {view.saved.length === 0 ? (
          <p class="empty">{T.savedNone}</p>
        ) : (
          <ul class="saved-views">
            {view.saved.map((s) => (
              <li key={s.id}>
                <a href={s.href}>{s.name}</a> <span class="hint">{s.by}</span>
                {view.canSave ? (
                  <form method="post" action={`/tableau/vues/${s.id}/supprimer`} class="inline">
                    <input type="hidden" name="_csrf" value={frame.csrfToken} />
                    <button type="submit" aria-label={T.remove(s.name)}>
                      {T.removeButton}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {view.canSave ? (
          <form method="post" action="/tableau/vues" class="inline save-view">
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <input type="hidden" name="vue" value={view.selfHref} />
            <div>
              <label for="nom-vue">{T.saveName}</label>
              <input id="nom-vue" name="nom" type="text" maxlength={80} required />
            </div>
            <button type="submit">{T.save}</button>
          </form>
        ) : (
          <p class="hint">{T.readOnlySave}</p>
        )}
      </section>
      <script src={CHART_SCRIPT_PATH} />
      <script src={TABLEAU_SCRIPT_PATH} />
    </Layout>
  );
}
