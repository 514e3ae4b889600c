import { roleMay } from '@oise/accounts';
import {
  DOMAINS,
  DOMAIN_LABELS,
  type Domain,
  type IndicatorDefinition,
  categoryLabel,
  drillPosition,
  listIndicators,
  loadHierarchy,
} from '@oise/catalog';
import {
  type Figure,
  type FigureTable,
  consolidationLag,
  figureCategory,
  figureTable,
  parseFigurePeriod,
} from '@oise/consolidate';
import {
  type OrgUnitLevel,
  csvNumberFr,
  excelCsvText,
  formatQuarter,
  lastQuarters,
  parseQuarter,
  quarterLabel,
} from '@oise/core';
import { changeCounter, deleteSavedView, getSavedView, listSavedViews, saveView } from '@oise/node';
import { writeTableWorkbook } from '@oise/report';
import { reportingQuarter } from '@oise/workflow';
import { type Context, Hono } from 'hono';
import { validator } from 'hono/validator';
import { type Lang, text } from '../messages/lang.js';
import { layoutText } from '../messages/layout.js';
import { tableauText } from '../messages/tableau.js';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { formatDate, formatNumber } from '../views/format.js';
import { frameOf } from '../views/frame-of.js';
import { renderHtml } from '../views/render.js';
import {
  CHART_KINDS,
  type ChartKind,
  NO_FIGURE,
  PERIOD_MODES,
  type PeriodMode,
  type ShownView,
  TableauPage,
  type TableauView,
} from '../views/tableau-page.js';
import type { AppDeps, WebEnv } from '../web-env.js';

/** What the URL of a dashboard holds: the whole view, so it can be bookmarked and sent. */
export interface DashboardQuery {
  indicator: string | undefined;
  unit: string | undefined;
  periods: PeriodMode;
  chosen: string;
  category: string;
  chart: ChartKind;
}

/** At most this many periods in one table. */
const MAX_PERIODS = 16;

const textOf = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

const dashboardQuery = validator('query', (value, c) => {
  const indicator = textOf(value.indicateur);
  const unit = textOf(value.unite);
  const periods = textOf(value.periodes) || '4';
  const category = textOf(value.categorie).toUpperCase();
  const chart = textOf(value.graphique) || 'barres';
  const chosen = textOf(value.trimestres).slice(0, 400);
  const T = text(c.get('lang'), tableauText);
  if (indicator !== '' && !/^[A-Z0-9_]{1,64}$/.test(indicator))
    return refuse(c, 404, T.unknownIndicatorTitle, T.unknownIndicator(indicator.slice(0, 64)));
  if (unit !== '' && !/^[A-Z]{2}\d{0,8}$/.test(unit))
    return refuse(c, 404, T.unknownUnitTitle, T.unknownUnit(unit.slice(0, 16)));
  if (!(PERIOD_MODES as readonly string[]).includes(periods))
    return refuse(c, 400, T.badPeriodsTitle, T.badPeriods(periods.slice(0, 16)));
  if (!['', 'F', 'M'].includes(category))
    return refuse(c, 400, T.badCategoryTitle, T.badCategory(category.slice(0, 16)));
  if (!(CHART_KINDS as readonly string[]).includes(chart))
    return refuse(c, 400, T.badChartTitle, T.badChart(chart.slice(0, 16)));
  const query: DashboardQuery = {
    indicator: indicator || undefined,
    unit: unit || undefined,
    periods: periods as PeriodMode,
    chosen,
    category,
    chart: chart as ChartKind,
  };
  return query;
});

const viewIdParam = validator('param', (value, c) => {
  const id = Number(value.id);
  const T = text(c.get('lang'), tableauText);
  if (!Number.isInteger(id) || id <= 0) return refuse(c, 404, T.noViewTitle, T.noView);
  return { id };
});

const saveForm = validator('form', (value) => ({
  name: textOf(value.nom),
  query: textOf(value.vue),
}));

/** The query string of a view, its fields always in the same order (links, saved views, exports). */
export function dashboardHref(path: string, q: DashboardQuery, change: Partial<DashboardQuery> = {}): string {
  const v = { ...q, ...change };
  const params = new URLSearchParams();
  if (v.indicator) params.set('indicateur', v.indicator);
  if (v.unit) params.set('unite', v.unit);
  params.set('periodes', v.periods);
  if (v.periods === 'choisis') params.set('trimestres', v.chosen);
  if (v.category) params.set('categorie', v.category);
  params.set('graphique', v.chart);
  return `${path}?${params.toString()}`;
}

/** The periods of a view: the last 4 or 8 quarters up to the reporting one, the last 3 years, or those chosen. */
function periodsOf(q: DashboardQuery, now: string): string[] {
  const last = parseQuarter(reportingQuarter(now));
  if (q.periods === '4' || q.periods === '8') return lastQuarters(last, Number(q.periods)).map(formatQuarter);
  if (q.periods === 'annees') return [last.year - 2, last.year - 1, last.year].map(String);
  const codes: string[] = [];
  for (const text of q.chosen.split(/[,;\s]+/).filter((t) => t !== '')) {
    const code = parseFigurePeriod(text).code;
    if (!codes.includes(code)) codes.push(code);
  }
  return codes.sort();
}

/** A period's heading: « Année 2024 », « 1er trimestre 2025 » (« Year 2024 », « 1st quarter 2025 »). */
const periodLabel = (p: string, lang: Lang) =>
  /^\d{4}$/.test(p) ? text(lang, tableauText).year(p) : quarterLabel(p, lang);

/** Everything a dashboard shows for a query, from the packages that own each part; a refusal when the query names what this node does not hold. */
async function dashboardOf(
  c: Context<WebEnv>,
  deps: AppDeps,
  q: DashboardQuery,
): Promise<{ view: ShownView; table: FigureTable } | Response> {
  const { node } = deps;
  const lang = c.get('lang');
  const T = text(lang, tableauText);
  const levelName = text(lang, layoutText).level;
  const labelOf = (p: string) => periodLabel(p, lang);
  const catalog = (await listIndicators(node.db)).filter((d) => d.valueType !== 'text');
  const def = q.indicator ? catalog.find((d) => d.code === q.indicator) : catalog[0];
  if (!def) return refuse(c, 404, T.unknownIndicatorTitle, T.unknownIndicator(q.indicator ?? ''));
  const hierarchy = await loadHierarchy(node.db);
  const position = drillPosition(hierarchy, node.identity.code, q.unit);
  if (!position) return refuse(c, 404, T.unknownUnitTitle, T.unknownUnit(q.unit ?? ''));
  const category = figureCategory(def, q.category);
  const periods = periodsOf(q, deps.clock());
  if (periods.length === 0 || periods.length > MAX_PERIODS)
    return refuse(c, 400, T.periodsTitle, periods.length === 0 ? T.chosenHint : T.tooManyPeriods);
  const sex = def.disaggregation === 'sex';
  const units = [position.unit, ...position.children];
  const table = await figureTable(node.db, {
    indicator: def.code,
    units: units.map((u) => u.code),
    periods,
    categories: sex ? ['', 'F', 'M'] : [''],
  });
  const query: DashboardQuery = { ...q, indicator: def.code, unit: position.unit.code, category };
  const href = (change: Partial<DashboardQuery>) => dashboardHref('/tableau', query, change);
  const shown = table.cells[category]!;
  const decimals = def.valueType === 'percentage' || def.valueType === 'number';
  const cellOf = (f: Figure) => ({
    value: f.value,
    text: f.value === null ? NO_FIGURE : formatNumber(f.value, 2, lang),
    completeness: T.completeness(
      formatNumber(f.reporting, 0, lang),
      formatNumber(f.expected, 0, lang),
      f.expected > 1,
    ),
  });
  const rows = units.map((u, i) => ({
    code: u.code,
    name: u.name,
    level: levelName(u.level),
    whole: i === 0,
    href: i > 0 && position.canDrill(u) ? href({ unit: u.code }) : undefined,
    cells: shown[i]!.map(cellOf),
  }));
  const series = (cat: string, period: number) => table.cells[cat]!.slice(1).map((row) => row[period]!.value);
  const stacked = sex && category === '';
  // The map: the children at the last period any of them has a figure (else the last period).
  const children = rows.slice(1);
  const mapLevel = position.children[0]?.level;
  let mapped = table.periods.length - 1;
  while (mapped > 0 && children.every((r) => r.cells[mapped]!.value === null)) mapped--;
  const map =
    mapLevel && mapLevel !== 'pays'
      ? {
          level: mapLevel,
          period: labelOf(table.periods[mapped]!),
          values: children.map((r) => ({
            code: r.code,
            name: r.name,
            value: r.cells[mapped]!.value,
            text: `${r.cells[mapped]!.text} (${r.cells[mapped]!.completeness})`,
            ...(r.href ? { href: r.href } : {}),
          })),
        }
      : undefined;
  // Rows applied but not consolidated yet (`oise ingest`, before « Consolider maintenant »): the figures do not count them.
  const lag =
    node.identity.level === 'cercle' ? undefined : await consolidationLag(node.db, node.identity.code);
  const view = {
    query,
    map,
    unconsolidatedRows: lag && !lag.upToDate ? lag.changedRows + lag.referenceRows : 0,
    selfHref: href({}),
    indicators: groupByDomain(catalog),
    indicator: { code: def.code, label: def.labelFr, unit: def.unit, sex, decimals },
    categories: sex
      ? [
          { code: '', label: T.total },
          { code: 'F', label: categoryLabel(def, 'F') },
          { code: 'M', label: categoryLabel(def, 'M') },
        ]
      : [],
    unitChoices: unitChoices(hierarchy, node.identity.code, levelName),
    breadcrumb: position.path.map((u) => ({ code: u.code, name: u.name, href: href({ unit: u.code }) })),
    unit: { code: position.unit.code, name: position.unit.name },
    periods: table.periods.map((p) => ({ code: p, label: labelOf(p) })),
    rows,
    exports: {
      xlsx: dashboardHref('/tableau/export.xlsx', query),
      csv: dashboardHref('/tableau/export.csv', query),
    },
    version: await changeCounter(node.db),
    chart: {
      kind: q.chart,
      title: `${def.labelFr}${def.unit ? ` (${def.unit})` : ''}`,
      subtitle:
        q.chart === 'barres'
          ? T.chartBarsTitle(
              position.unit.name,
              stacked ? categoryLabel(def, 'F') : '',
              stacked ? categoryLabel(def, 'M') : '',
            )
          : T.chartLinesTitle(position.unit.name),
      periods: table.periods.map(labelOf),
      units: rows.slice(1).map((r) => ({ name: r.name, href: r.href ?? null })),
      // Bars: by unit, one bar per period; F + M stacked in each when the indicator is split by sex and the total is shown.
      bars: table.periods.flatMap((p, i) =>
        stacked
          ? (['F', 'M'] as const).map((cat) => ({
              label: `${categoryLabel(def, cat)} — ${labelOf(p)}`,
              stack: p,
              values: series(cat, i),
            }))
          : [{ label: labelOf(p), stack: p, values: series(category, i) }],
      ),
      stacked,
      // Lines: each unit over the periods.
      lines: rows.slice(1).map((r) => ({ label: r.name, values: r.cells.map((cell) => cell.value) })),
    },
  };
  return { view, table };
}

function groupByDomain(catalog: IndicatorDefinition[]): TableauView['indicators'] {
  return DOMAINS.map((d: Domain) => ({
    label: DOMAIN_LABELS[d],
    items: catalog.filter((i) => i.domain === d).map((i) => ({ code: i.code, label: i.labelFr })),
  })).filter((g) => g.items.length > 0);
}

/** The units a dashboard may stand on: the node's own and those under it that have units below. */
function unitChoices(
  hierarchy: Awaited<ReturnType<typeof loadHierarchy>>,
  nodeCode: string,
  levelName: (level: OrgUnitLevel) => string,
) {
  const out: TableauView['unitChoices'] = [];
  const walk = (code: string, depth: number) => {
    const u = hierarchy.get(code);
    if (!u || u.level === 'commune') return;
    out.push({
      code: u.code,
      label: `${'\u00a0\u00a0'.repeat(depth)}${u.name} (${levelName(u.level).toLowerCase()})`,
    });
    for (const child of hierarchy.childrenOf(code)) walk(child.code, depth + 1);
  };
  walk(nodeCode, 0);
  return out;
}

/** The shown table as rows of cells: headers in the viewer's language, numbers as numbers, completeness beside each figure. */
function exportRows({ view: v }: { view: ShownView }, lang: Lang) {
  const T = text(lang, tableauText);
  const header = [
    T.unitHeading,
    T.exportCode,
    ...v.periods.flatMap((p) => [p.label, T.exportCompleteness(p.label)]),
  ];
  const rows = v.rows.map((r) => [
    r.name,
    r.code,
    ...r.cells.flatMap((cell) => [cell.value, cell.completeness] as (number | null | string)[]),
  ]);
  return { header, rows, title: `${v.indicator.label} — ${v.unit.name}` };
}

/**
 * The *Tableau de bord* (`/tableau`): one indicator's figures for the node's units and those
 * below, over quarters or years, as `oise query` gives them (consolidate's `figureTable`); the
 * table, a chart drawn in the browser, drill-down, exports, and the node's saved views.
 */
export function tableauRoutes(deps: AppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { db } = deps.node;

  app.get('/', requirePermission('read'), dashboardQuery, async (c) => {
    const shown = await dashboardOf(c, deps, c.req.valid('query'));
    if (shown instanceof Response) return shown;
    const lang = c.get('lang');
    const T = text(lang, tableauText);
    const saved = await listSavedViews(db);
    const done = c.req.query('enregistree');
    const justSaved = done ? saved.find((s) => String(s.id) === done) : undefined;
    return renderHtml(
      c,
      <TableauPage
        frame={await frameOf(c, deps)}
        view={{
          ...shown.view,
          saved: saved.map((s) => ({
            id: s.id,
            name: s.name,
            href: `/tableau?${s.query}`,
            by: T.savedBy(s.author, formatDate(s.createdAt, lang)),
          })),
          canSave: roleMay(c.get('viewer').role, 'views'),
          notice: justSaved
            ? T.savedDone(justSaved.name)
            : c.req.query('supprimee') === '1'
              ? T.removedDone
              : undefined,
        }}
      />,
    );
  });

  // The freshness probe an open dashboard polls: the node's change counter moves with every row applied or consolidated.
  app.get('/version', requirePermission('read'), async (c) => c.json({ version: await changeCounter(db) }));

  app.get('/export.xlsx', requirePermission('read'), dashboardQuery, async (c) => {
    const shown = await dashboardOf(c, deps, c.req.valid('query'));
    if (shown instanceof Response) return shown;
    const { header, rows, title } = exportRows(shown, c.get('lang'));
    const bytes = await writeTableWorkbook(
      {
        title,
        sheetName: text(c.get('lang'), tableauText).exportSheet,
        header,
        rows,
        numberFormat: shown.view.indicator.decimals ? 'decimal' : 'integer',
      },
      deps.clock(),
    );
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${exportName(shown.view, 'xlsx')}"`,
    });
  });

  app.get('/export.csv', requirePermission('read'), dashboardQuery, async (c) => {
    const shown = await dashboardOf(c, deps, c.req.valid('query'));
    if (shown instanceof Response) return shown;
    const { header, rows } = exportRows(shown, c.get('lang'));
    const text = excelCsvText([
      header,
      ...rows.map((r) => r.map((cell) => (typeof cell === 'string' ? cell : csvNumberFr(cell)))),
    ]);
    return c.body(text, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportName(shown.view, 'csv')}"`,
    });
  });

  // Saved views change the node (a row of its own): « lecture » opens them but may not save or delete.
  app.post('/vues', requirePermission('views'), saveForm, async (c) => {
    const { name, query } = c.req.valid('form');
    const saved = await saveView(db, {
      name,
      query: query.replace(/^\/tableau\?/, ''),
      author: c.get('viewer').author ?? deps.node.identity.code,
      now: deps.clock(),
    });
    return c.redirect(`/tableau?${saved.query}&enregistree=${saved.id}`, 303);
  });

  app.get('/vues/:id', requirePermission('read'), viewIdParam, async (c) => {
    const view = await getSavedView(db, c.req.valid('param').id);
    const T = text(c.get('lang'), tableauText);
    if (!view) return refuse(c, 404, T.noViewTitle, T.noView);
    return c.redirect(`/tableau?${view.query}`, 303);
  });

  app.post('/vues/:id/supprimer', requirePermission('views'), viewIdParam, async (c) => {
    if (!(await deleteSavedView(db, c.req.valid('param').id))) {
      const T = text(c.get('lang'), tableauText);
      return refuse(c, 404, T.noViewTitle, T.noView);
    }
    return c.redirect('/tableau?supprimee=1', 303);
  });

  return app;
}

/** `tableau-SAN_CSCOM-ML04.xlsx`. */
function exportName(view: ShownView, ext: string): string {
  return `tableau-${view.indicator.code}-${view.unit.code}.${ext}`;
}
