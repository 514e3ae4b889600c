import type { BoundaryLevel } from '@oise/catalog';
import { formatNumberFr, levelDepth, quarterLabel } from '@oise/core';
import { CHILD_STATUS_LABELS, type UnitReporting, type UnitsReporting } from '@oise/workflow';
import { CARTE_TEXT } from './carte-text.js';
import { ChildStateBadge, completenessText, receptionText } from './child-quarter.js';
import { formatCount, formatDate } from './format.js';
import { Layout } from './layout.js';
import { MapFigure, type MapValue } from './map-figure.js';
import type { PageFrame } from './page-frame.js';
import { QuarterChooser } from './quarter-chooser.js';

const T = CARTE_TEXT.completeness;

/** This page's address for a unit and a quarter (its children, or its units of `level`). */
export function completudeHref(unit: string, quarter: string, level?: BoundaryLevel): string {
  const base = `/tableau/completude?trimestre=${quarter}&unite=${unit}`;
  return level ? `${base}&niveau=${CARTE_TEXT.levelPath[level]}` : base;
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
function mapText(u: UnitReporting): string {
  const rate = rateOf(u);
  const parts = [rate === null ? CARTE_TEXT.noData : `${formatNumberFr(rate, 0)} % des communes`];
  if (u.quarter) parts.push(CHILD_STATUS_LABELS[u.quarter.status.status]);
  if (isLate(u)) parts.push('en retard');
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
  const quarter = quarterLabel(view.period);
  const childLevel = view.childLevel;
  const mapLevel = childLevel && childLevel !== 'pays' ? childLevel : undefined;
  const plural = mapLevel ? CARTE_TEXT.levelPlural[mapLevel] : 'collectivités';
  const singular = mapLevel ? CARTE_TEXT.levelSingular[mapLevel] : 'collectivité';
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
    text: mapText(u),
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
      <h1>
        {T.title} : {view.parent.name}, {quarter}
      </h1>
      {below.length > 1 ? (
        <nav aria-label={T.levels} class="breadcrumb">
          {T.levels} :{' '}
          {below.map((level, i) => (
            <span key={level}>
              {i > 0 ? ' · ' : ''}
              {level === mapLevel ? (
                <span aria-current="true">{CARTE_TEXT.levelPlural[level]}</span>
              ) : (
                <a href={completudeHref(view.parent.code, view.period, i === 0 ? undefined : level)}>
                  {CARTE_TEXT.levelPlural[level]}
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
      >
        <input type="hidden" name="unite" value={view.parent.code} />
        {mapLevel && mapLevel !== below[0] ? (
          <input type="hidden" name="niveau" value={CARTE_TEXT.levelPath[mapLevel]} />
        ) : null}
      </QuarterChooser>
      <p>
        {T.summary(
          `${formatCount(reported)} ${reported > 1 ? plural : singular}`,
          formatCount(view.units.length),
          late === 0 ? 'aucun retard' : `${formatCount(late)} en retard`,
        )}{' '}
        {due ? T.due(formatDate(due)) : null}
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
        />
      ) : null}
      <div class="table-scroll">
        <table class="completeness">
          <caption>{T.tableCaption(quarter, view.parent.name)}</caption>
          <thead>
            <tr>
              <th scope="col">{T.columns.unit}</th>
              <th scope="col">{T.columns.status}</th>
              <th scope="col">{T.columns.reception}</th>
              <th scope="col" class="number">
                {T.columns.communes}
              </th>
              <th scope="col" class="number">
                {T.columns.rate}
              </th>
              <th scope="col" class="number">
                {T.columns.onTime}
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
                      'valeurs reçues'
                    ) : (
                      'aucune valeur'
                    )}
                  </td>
                  <td class={isLate(u) ? 'late' : undefined}>
                    {u.quarter ? receptionText(u.quarter, frame.lang) : '—'}
                  </td>
                  <td class="number">{completenessText(u, frame.lang)}</td>
                  <td class="number">{rate === null ? '—' : `${formatNumberFr(rate, 0)} %`}</td>
                  <td class="number">
                    {formatNumberFr(u.completeness.onTime)} / {formatNumberFr(u.completeness.expected)}
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
