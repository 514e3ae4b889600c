import type { BoundaryLevel } from '@oise/catalog';
import { levelDepth, quarterLabel } from '@oise/core';
import type { UnitReporting, UnitsReporting } from '@oise/workflow';
import { LEVEL_PATHS, carteText } from '../messages/carte.js';
import { type Lang, text } from '../messages/lang.js';
import { trimestresText } from '../messages/trimestres.js';
import { ChildStateBadge, completenessText, receptionText } from './child-quarter.js';
import { formatCount, formatDate, formatNumber } from './format.js';
import { Layout } from './layout.js';
import { MapFigure, type MapValue } from './map-figure.js';
import type { PageFrame } from './page-frame.js';
import { QuarterChooser } from './quarter-chooser.js';

/** This page's address for a unit and a quarter (its children, or its units of `level`). */
export function completudeHref(unit: string, quarter: string, level?: BoundaryLevel): string {
  const base = `/tableau/completude?trimestre=${quarter}&unite=${unit}`;
  return level ? `${base}&niveau=${LEVEL_PATHS[level]}` : base;
}

const MAP_LEVELS: readonly BoundaryLevel[] = ['region', 'cercle', 'commune'];

/** The share of communes reporting, in per cent; null when none is expected. */
function rateOf(u: UnitReporting): number | null {
  const { reporting, expected } = u.completeness;
  return expected > 0 ? (100 * reporting) / expected : null;
}

/** Late: received after the due date, or nothing received once it passed. */
const isLate = (u: UnitReporting) => u.quarter?.reception === 'late' || u.quarter?.reception === 'overdue';

/** « 80 % des communes, transmis, en retard » — the unit's figure on the map. */
function mapText(u: UnitReporting, lang: Lang): string {
  const T = text(lang, carteText);
  const rate = rateOf(u);
  const parts = [rate === null ? T.noData : T.shareOfCommunes(formatNumber(rate, 0, lang))];
  if (u.quarter) parts.push(text(lang, trimestresText).childStatus(u.quarter.status.status));
  if (isLate(u)) parts.push(T.lateWord);
  return parts.join(', ');
}

/**
 * *Complétude et ponctualité*: who reported and who is late among a unit's children for a
 * quarter, as a map (share of communes reporting) and a table (status, reception, communes),
 * with drill-down one level and a breadcrumb back up.
 */
export function CompletudePage(props: {
  frame: PageFrame;
  view: UnitsReporting;
  choices: readonly string[];
  /** The node's own unit: the breadcrumb starts there. */
  root: string;
}) {
  const { frame, view } = props;
  const lang = frame.lang;
  const T = text(lang, carteText);
  const quarter = quarterLabel(view.period, lang);
  const childLevel = view.childLevel;
  const mapLevel = childLevel && childLevel !== 'pays' ? childLevel : undefined;
  const plural = mapLevel ? T.levelPlural(mapLevel) : T.unitPlural;
  const singular = mapLevel ? T.levelSingular(mapLevel) : T.unitSingular;
  const reported = view.units.filter((u) => u.completeness.reporting > 0).length;
  const late = view.units.filter(isLate).length;
  const trail = [...view.ancestors, { code: view.parent.code, name: view.parent.name }];
  const crumbs = trail.slice(
    Math.max(
      0,
      trail.findIndex((u) => u.code === props.root),
    ),
  );
  const values: MapValue[] = view.units.map((u) => ({
    code: u.code,
    name: u.name,
    value: rateOf(u),
    text: mapText(u, lang),
    ...(u.drillable ? { href: completudeHref(u.code, view.period) } : {}),
  }));
  const below = MAP_LEVELS.filter((l) => levelDepth(l) > levelDepth(view.parent.level));
  const due = view.units.find((u) => u.quarter)?.quarter?.due;
  return (
    <Layout frame={frame} title={T.title}>
      <nav aria-label={T.breadcrumb} class="breadcrumb">
        {crumbs.map((u, i) => (
          <span key={u.code}>
            {i > 0 ? ' › ' : ''}
            {i === crumbs.length - 1 ? (
              <span aria-current="page">{u.name}</span>
            ) : (
              <a href={completudeHref(u.code, view.period)}>{u.name}</a>
            )}
          </span>
        ))}
      </nav>
      <h1>{T.heading(view.parent.name, quarter)}</h1>
      {below.length > 1 ? (
        <nav aria-label={T.levels} class="breadcrumb">
          {T.levelsLead}
          {below.map((level, i) => (
            <span key={level}>
              {i > 0 ? ' · ' : ''}
              {level === mapLevel ? (
                <span aria-current="true">{T.levelPlural(level)}</span>
              ) : (
                <a href={completudeHref(view.parent.code, view.period, i === 0 ? undefined : level)}>
                  {T.levelPlural(level)}
                </a>
              )}
            </span>
          ))}
        </nav>
      ) : null}
      <QuarterChooser
        action="/tableau/completude"
        quarter={view.period}
        choices={props.choices}
        button={T.show}
        lang={lang}
      >
        <input type="hidden" name="unite" value={view.parent.code} />
        {mapLevel && mapLevel !== below[0] ? (
          <input type="hidden" name="niveau" value={LEVEL_PATHS[mapLevel]} />
        ) : null}
      </QuarterChooser>
      <p>
        {T.summary(
          `${formatCount(reported, lang)} ${reported > 1 ? plural : singular}`,
          formatCount(view.units.length, lang),
          late === 0 ? T.noneLate : T.late(formatCount(late, lang)),
        )}{' '}
        {due ? T.due(formatDate(due, lang)) : null}
      </p>
      {mapLevel ? (
        <MapFigure
          id="carte-completude"
          level={mapLevel}
          parent={view.parent.code}
          caption={T.mapCaption(quarter, singular, view.parent.name)}
          legendTitle={T.legendTitle}
          values={values}
          fractionDigits={0}
          lang={lang}
        />
      ) : null}
      <div class="table-scroll">
        <table class="completeness">
          <caption>{T.tableCaption(quarter, view.parent.name)}</caption>
          <thead>
            <tr>
              <th scope="col">{T.columnUnit}</th>
              <th scope="col">{T.columnStatus}</th>
              <th scope="col">{T.columnReception}</th>
              <th scope="col" class="number">
                {T.columnCommunes}
              </th>
              <th scope="col" class="number">
                {T.columnRate}
              </th>
              <th scope="col" class="number">
                {T.columnOnTime}
              </th>
            </tr>
          </thead>
          <tbody>
            {view.units.map((u) => {
              const rate = rateOf(u);
              return (
                <tr key={u.code} data-code={u.code}>
                  <th scope="row">
                    {u.drillable ? (
                      <a href={completudeHref(u.code, view.period)} aria-label={T.drill(u.name)}>
                        {u.name}
                      </a>
                    ) : (
                      u.name
                    )}{' '}
                    <span class="code">{u.code}</span>
                  </th>
                  <td>
                    {u.quarter ? (
                      <ChildStateBadge state={u.quarter.status.status} lang={frame.lang} />
                    ) : u.completeness.reporting > 0 ? (
                      T.valuesReceived
                    ) : (
                      T.noValue
                    )}
                  </td>
                  <td class={isLate(u) ? 'late' : undefined}>
                    {u.quarter ? receptionText(u.quarter, frame.lang) : '—'}
                  </td>
                  <td class="number">{completenessText(u, frame.lang)}</td>
                  <td class="number">{rate === null ? '—' : T.percent(formatNumber(rate, 0, lang))}</td>
                  <td class="number">
                    {formatCount(u.completeness.onTime, lang)} / {formatCount(u.completeness.expected, lang)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
