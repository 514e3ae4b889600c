import type { StepReport } from './child-step.js';

/** Everything one `pnpm bench` run measured (written as latest.json). */
export interface BenchResults {
  date: string;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; sqlite3: string };
  /** Peak memory of a step process that does nothing (Node + tsx): the floor of every step. */
  baselineRssMb?: number;
  scales: Record<string, Record<string, StepReport>>;
  cli?: { runs: number; bareNodeSeconds: number; statusSeconds: number; querySeconds: number };
  totalSeconds?: number;
}

/** OISE's own steps (the peers and the generator are not held to the memory target). */
export const OISE_STEPS = [
  'entry-workbook',
  'entry-csv',
  'web-saisie',
  'web-pages',
  'ingest',
  'consolidate-full',
  'consolidate-incremental',
  'dashboard',
  'report',
  'down-bundle',
];

const n = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
const fmt = (v: number, digits = 2) =>
  Number.isFinite(v)
    ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
    : '—';
const s = (v: number) => (Number.isFinite(v) ? `${fmt(v, v < 1 ? 3 : 1)} s` : '—');
const ms = (v: number) => (Number.isFinite(v) ? `${fmt(v * 1000, 1)} ms` : '—');
const mb = (v: number) => (Number.isFinite(v) ? `${fmt(v, 0)} MB` : '—');
const kb = (v: number) => (Number.isFinite(v) ? `${fmt(v / 1024, 0)} KB` : '—');
const x = (v: number) => (Number.isFinite(v) ? `${fmt(v, 2)}×` : '—');
const rate = (v: number) => (Number.isFinite(v) ? `${fmt(v, 0)} rows/s` : '—');

/** A target's verdict: the ratio computed at every scale must pass. */
export interface Verdict {
  target: string;
  values: Record<string, number>;
  pass: boolean;
  /** How a measured value is shown (default: as the target's kind suggests). */
  format?: (v: number) => string;
}

export function verdicts(r: BenchResults): Verdict[] {
  const scales = Object.keys(r.scales);
  const per = (f: (st: Record<string, StepReport>) => number) =>
    Object.fromEntries(scales.map((k) => [k, f(r.scales[k] ?? {})]));
  const out: Verdict[] = [];
  const ingest = per((st) => n(st.ingest?.rowsPerSecond) / n(st['raw-insert']?.rowsPerSecond));
  out.push({
    target: 'ingest ≥ 0.5× raw prepared insert',
    values: ingest,
    pass: Object.values(ingest).every((v) => v >= 0.5),
  });
  const full = per((st) => n(st['consolidate-full']?.seconds) / n(st['peer-sqlite3']?.seconds));
  out.push({
    target: 'full consolidation ≤ 2× hand-written SQL in sqlite3',
    values: full,
    pass: Object.values(full).every((v) => v <= 2),
  });
  const inc = per((st) => n(st['consolidate-incremental']?.seconds) / n(st['consolidate-full']?.seconds));
  out.push({
    target: 'incremental < 1/10 of full',
    values: inc,
    pass: Object.values(inc).every((v) => v < 0.1),
  });
  // One cercle-quarter as an UP bundle (signed rows with owner, revision, author, timestamps)
  // next to the adviser's CSV of the same values, gzipped (SPEC §6).
  const bundle = Object.fromEntries(
    scales
      .filter((k) => r.scales[k]?.['entry-csv'])
      .map((k) => {
        const st = r.scales[k]?.['entry-csv'];
        return [k, n(st?.bundleBytes) / n(st?.csvGzipBytes)];
      }),
  );
  if (Object.keys(bundle).length > 0)
    out.push({
      target: 'cercle-quarter bundle ≤ 4× its entry CSV gzipped',
      values: bundle,
      pass: Object.values(bundle).every((v) => v <= 4),
    });
  // A figure of one step at each scale that ran it, held to `limit` (at most).
  const atMost = (
    step: string,
    target: string,
    figure: (st: StepReport) => number,
    limit: number,
    format?: (v: number) => string,
  ) => {
    const values = Object.fromEntries(
      scales.flatMap((k) => {
        const st = r.scales[k]?.[step];
        return st ? [[k, figure(st)]] : [];
      }),
    );
    if (Object.keys(values).length === 0) return;
    out.push({ target, values, pass: Object.values(values).every((v) => v <= limit), format });
  };
  // The cercle's entry page and one cell saved, as the server answers them (scale 1: a cercle
  // does not grow with the country).
  atMost(
    'web-saisie',
    'entry page of one domain ≤ 150 ms server time',
    (st) => Math.max(n(st.pageSanteMedianSeconds), n(st.pageEducationMedianSeconds)),
    0.15,
  );
  atMost(
    'web-saisie',
    'one cell saved (check, store, journal) ≤ 30 ms server time',
    (st) => n(st.cellMedianSeconds),
    0.03,
  );
  // The other pages (Accueil, Paquets, Rapports, Réglages…) at the national node of every scale
  // and the cercle.
  atMost(
    'web-pages',
    'other pages (Accueil, Paquets, Rapports, Réglages…) ≤ 150 ms server time',
    (st) => n(st.worstMedianSeconds),
    0.15,
  );
  // National's review of a region's quarter (Ségou): its cercles' aggregates first, then one
  // cercle's communes on demand.
  const reviewAt = (path: string) => (st: StepReport) =>
    n(
      (st.pages as Record<string, Record<string, { medianSeconds: number }>> | undefined)?.national?.[path]
        ?.medianSeconds,
    );
  atMost(
    'web-pages',
    "national's review of a region's quarter, by cercles (/trimestres/ML04/2025Q1) ≤ 150 ms server time",
    reviewAt('/trimestres/ML04/2025Q1'),
    0.15,
  );
  atMost(
    'web-pages',
    "one cercle's communes in that review (?cercle=ML0402) ≤ 150 ms server time",
    reviewAt('/trimestres/ML04/2025Q1?cercle=ML0402'),
    0.15,
  );
  // In Chromium, on a real `oise ui` at the cercle (scale 1).
  atMost(
    'web-browser',
    'entry grid ready for typing ≤ 1 s in Chromium',
    (st) => n(st.gridReadyWorstMedianSeconds),
    1,
    ms,
  );
  atMost(
    'web-map',
    'commune map of all of Mali (701 polygons) drawn ≤ 1 s in Chromium',
    (st) => n(st.drawnMedianSeconds),
    1,
    ms,
  );
  atMost(
    'web-browser',
    'JavaScript and CSS of any page ≤ 400 KB uncompressed',
    (st) => n(st.heaviestJsCssBytes),
    400 * 1024,
    kb,
  );
  const big = scales.includes('4') ? '4' : (scales.at(-1) ?? '1');
  // The DOWN-bundle step then reads every row back for its CSV comparison: its target is the
  // export's own peak, as the table shows it.
  const stepPeak = (k: string) => {
    const st = r.scales[big]?.[k];
    return n(k === 'down-bundle' ? st?.exportPeakRssMb : st?.peakRssMb);
  };
  const peak = Math.max(...OISE_STEPS.map(stepPeak).filter(Number.isFinite));
  out.push({
    target: `peak memory of OISE steps < 512 MB at scale ${big}`,
    values: { [big]: peak },
    pass: peak < 512,
  });
  if (r.cli) {
    const worst = Math.max(r.cli.statusSeconds, r.cli.querySeconds) / r.cli.bareNodeSeconds;
    out.push({
      target: 'CLI start-up ≤ 3× bare node',
      values: { [scales[0] ?? '1']: worst },
      pass: worst <= 3,
    });
  }
  return out;
}

/** The Markdown table of a run (what BENCHMARKS.md shows). */
export function renderMarkdown(r: BenchResults): string {
  const scales = Object.keys(r.scales);
  const lines: string[] = [];
  const row = (label: string, f: (st: Record<string, StepReport>) => string) =>
    lines.push(`| ${label} | ${scales.map((k) => f(r.scales[k] ?? {})).join(' | ')} |`);
  lines.push(
    `Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB, Node ${r.machine.node}, sqlite3 ${r.machine.sqlite3}; whole run ${s(n(r.totalSeconds))}.`,
  );
  lines.push('');
  lines.push(`| measure | ${scales.map((k) => `scale ${k}`).join(' | ')} |`);
  lines.push(`| --- | ${scales.map(() => '---:').join(' | ')} |`);
  row(
    'territory: communes / cercles / regions',
    (st) => `${st.seed?.communes} / ${st.seed?.cercles} / ${st.seed?.regions}`,
  );
  row('raw values, 40 quarters (generated in)', (st) => {
    const h = st.seed?.history as { dataValues: number } | undefined;
    const sec = st.seed?.seconds as { national: number } | undefined;
    return `${fmt(n(h?.dataValues), 0)} (${s(n(sec?.national))})`;
  });
  row('**import** one cercle workbook (28 communes)', (st) =>
    st['entry-workbook']
      ? `${fmt(n(st['entry-workbook'].stored), 0)} values, ${s(n(st['entry-workbook'].importSeconds))}, ${rate(n(st['entry-workbook'].rowsPerSecond))}`
      : 'scale 1 only',
  );
  row('  template written / filled with exceljs', (st) =>
    st['entry-workbook']
      ? `${s(n(st['entry-workbook'].templateSeconds))} / ${s(n(st['entry-workbook'].fillSeconds))}`
      : '',
  );
  row('**import** one cercle-quarter CSV', (st) =>
    st['entry-csv']
      ? `${fmt(n(st['entry-csv'].stored), 0)} values, ${s(n(st['entry-csv'].importSeconds))}, ${rate(n(st['entry-csv'].rowsPerSecond))}`
      : 'scale 1 only',
  );
  row('**entry page** (Saisie) of one domain, server time', (st) => {
    const w = st['web-saisie'];
    return w
      ? `Santé ${ms(n(w.pageSanteMedianSeconds))} (${fmt(n(w.santeCells), 0)} cells), Éducation ${ms(n(w.pageEducationMedianSeconds))} (${fmt(n(w.educationCells), 0)} cells); first ${ms(n(w.pageFirstSeconds))}`
      : 'scale 1 only';
  });
  row('  one cell saved: check, store, journal (POST /saisie/cellule)', (st) => {
    const w = st['web-saisie'];
    return w
      ? `${ms(n(w.cellMedianSeconds))} median of ${fmt(n(w.cellsSaved), 0)} (first ${ms(n(w.cellFirstSeconds))}, max ${ms(n(w.cellMaxSeconds))})`
      : '';
  });
  row('  entry grid ready for typing in Chromium (real `oise ui`)', (st) => {
    const grids = st['web-browser']?.grids as Record<string, Record<string, number>> | undefined;
    if (!grids) return '';
    return Object.entries(grids)
      .map(
        ([domain, g]) =>
          `${domain} ${ms(n(g.readyMedianSeconds))} median of ${fmt(n(g.runs), 0)} (${fmt(n(g.cells), 0)} cells; response end ${ms(n(g.responseEndMedianSeconds))}, first ${ms(n(g.firstReadySeconds))})`,
      )
      .join('; ');
  });
  row('**other pages**, server time (median of 15)', (st) => {
    const pages = st['web-pages']?.pages as
      | Record<string, Record<string, { medianSeconds: number }>>
      | undefined;
    if (!pages) return '—';
    return Object.entries(pages)
      .map(
        ([level, paths]) =>
          `${level}: ${Object.entries(paths)
            .map(([path, t]) => `${path} ${ms(n(t.medianSeconds))}`)
            .join(', ')}`,
      )
      .join('; ');
  });
  row('**page weight**: JavaScript + CSS, uncompressed (cercle, every page route)', (st) => {
    const w = st['web-browser'];
    if (!w) return 'scale 1 only';
    const pages = w.pages as Record<string, { jsCssBytes: number }>;
    const skipped = (w.skippedRoutes as string[]).length;
    return `heaviest ${kb(n(w.heaviestJsCssBytes))} over ${Object.keys(pages).length} pages${skipped ? ` (${skipped} route(s) without an example parameter)` : ''}`;
  });
  row(
    "**ingest** a national quarter's 9 region bundles",
    (st) =>
      `${fmt(n(st.ingest?.rows), 0)} rows, ${s(n(st.ingest?.seconds))}, ${rate(n(st.ingest?.rowsPerSecond))}`,
  );
  row(
    '  raw better-sqlite3 prepared insert, same rows',
    (st) => `${s(n(st['raw-insert']?.seconds))}, ${rate(n(st['raw-insert']?.rowsPerSecond))}`,
  );
  row('  ratio ingest / raw (target ≥ 0.5)', (st) =>
    x(n(st.ingest?.rowsPerSecond) / n(st['raw-insert']?.rowsPerSecond)),
  );
  row(
    '**full consolidation**, 10 years (consolidateAll)',
    (st) =>
      `${s(n(st['consolidate-full']?.seconds))}, ${fmt(n(st['consolidate-full']?.computed), 0)} figures`,
  );
  row('  hand-written GROUP BY, sqlite3 CLI', (st) => s(n(st['peer-sqlite3']?.seconds)));
  row(
    '  hand-written GROUP BY, DuckDB (+ CSV load)',
    (st) => `${s(n(st['peer-duckdb']?.aggregateSeconds))} (+ ${s(n(st['peer-duckdb']?.loadSeconds))})`,
  );
  row('  ratio OISE / sqlite3 (target ≤ 2)', (st) =>
    x(n(st['consolidate-full']?.seconds) / n(st['peer-sqlite3']?.seconds)),
  );
  row('  ratio OISE / DuckDB', (st) =>
    x(n(st['consolidate-full']?.seconds) / n(st['peer-duckdb']?.aggregateSeconds)),
  );
  row('**incremental** after one new quarter (consolidateChanges)', (st) =>
    s(n(st['consolidate-incremental']?.seconds)),
  );
  row('  ratio incremental / full (target < 0.1)', (st) =>
    x(n(st['consolidate-incremental']?.seconds) / n(st['consolidate-full']?.seconds)),
  );
  row(
    '**dashboard**: 1 indicator × regions × 8 quarters, readAggregates',
    (st) => `${ms(n(st.dashboard?.medianSeconds))} (first ${ms(n(st.dashboard?.firstSeconds))})`,
  );
  row(
    '  DuckDB from the raw values',
    (st) =>
      `${ms(n(st['peer-duckdb']?.dashboardMedianSeconds))} (first ${ms(n(st['peer-duckdb']?.dashboardFirstSeconds))})`,
  );
  row('  one figure (queryFigure, country, 2024Q4)', (st) => ms(n(st.dashboard?.querySeconds)));
  const dash = (st: Record<string, StepReport>) =>
    st['web-dashboard'] as unknown as Record<string, Record<string, number>> | undefined;
  row(
    '**Tableau de bord** data: country + regions × 8 quarters (figureTable, target ≤ 100 ms)',
    (st) =>
      `${ms(n(dash(st)?.regionsTable?.medianSeconds))} (first ${ms(n(dash(st)?.regionsTable?.firstSeconds))})`,
  );
  row(
    '  drill-down: one region + its cercles × 8 quarters (target ≤ 100 ms)',
    (st) =>
      `${ms(n(dash(st)?.drillTable?.medianSeconds))} (first ${ms(n(dash(st)?.drillTable?.firstSeconds))})`,
  );
  row('  DuckDB drill-down from the raw values', (st) => ms(n(st['peer-duckdb']?.drillMedianSeconds)));
  row(
    '  whole page /tableau (server), national / drill-down',
    (st) =>
      `${ms(n(st['web-dashboard']?.pageMedianSeconds))} / ${ms(n(st['web-dashboard']?.drillPageMedianSeconds))}`,
  );
  row(
    '  region package POSTed over HTTP → figure shown updated (target ≤ 10 s at scale 1)',
    (st) => `${s(n(st['web-fresh']?.seconds))} (POST ${s(n(st['web-fresh']?.postSeconds))})`,
  );
  row(
    '**national report** 2025Q1 (workbook, charts, map)',
    (st) => `${s(n(st.report?.seconds))}, ${st.report?.files} files`,
  );
  row('**public site** of all of Mali (`oise site`: pages, size, time)', (st) =>
    st.site
      ? `${fmt(n(st.site.pages), 0)} pages, ${mb(n(st.site.bytes) / 2 ** 20)}, ${s(n(st.site.seconds))}`
      : 'scale 1 only',
  );
  row('**bundle** cercle-quarter (UP): bundle / gzip CSV', (st) =>
    st['entry-csv']
      ? `${kb(n(st['entry-csv'].bundleBytes))} / ${kb(n(st['entry-csv'].bundleRows_gzipBytes))} (entry CSV gz ${kb(n(st['entry-csv'].csvGzipBytes))})`
      : 'scale 1 only',
  );
  row(
    '**bundle** national DOWN to a region: bundle / gzip CSV',
    (st) =>
      `${kb(n(st['down-bundle']?.bundleBytes))} / ${kb(n(st['down-bundle']?.gzipBytes))} (${fmt(n(st['down-bundle']?.rows), 0)} rows, ${s(n(st['down-bundle']?.seconds))})`,
  );
  const rss = (k: string) =>
    row(`  peak RSS: ${k}`, (st) =>
      st[k] ? mb(n(k === 'down-bundle' ? st[k].exportPeakRssMb : st[k].peakRssMb)) : '—',
    );
  lines.push(
    `| **peak memory (RSS) per step** (floor: a step doing nothing, ${mb(n(r.baselineRssMb))}) | ${scales.map(() => '').join(' | ')} |`,
  );
  for (const k of [...OISE_STEPS, 'raw-insert', 'peer-duckdb']) rss(k);
  row('  peak RSS: sqlite3 CLI process', (st) => mb(n(st['peer-sqlite3']?.sqlite3PeakRssMb)));
  if (r.cli) {
    lines.push('');
    lines.push(
      `Command line start-up, compiled bin, median of ${r.cli.runs} whole processes (on the scale-${scales[0]} national node):`,
    );
    lines.push('');
    lines.push('| process | median | vs bare node |');
    lines.push('| --- | ---: | ---: |');
    lines.push(`| \`node -e 0\` | ${ms(r.cli.bareNodeSeconds)} | 1× |`);
    lines.push(
      `| \`oise status --json\` | ${ms(r.cli.statusSeconds)} | ${x(r.cli.statusSeconds / r.cli.bareNodeSeconds)} |`,
    );
    lines.push(
      `| \`oise query … --json\` | ${ms(r.cli.querySeconds)} | ${x(r.cli.querySeconds / r.cli.bareNodeSeconds)} |`,
    );
  }
  lines.push('');
  lines.push('Targets:');
  lines.push('');
  lines.push('| target | measured | result |');
  lines.push('| --- | --- | --- |');
  for (const v of verdicts(r)) {
    const measured = Object.entries(v.values)
      .map(
        ([k, val]) =>
          `scale ${k}: ${v.format ? v.format(val) : v.target.startsWith('peak') ? mb(val) : v.target.includes('server time') ? ms(val) : x(val)}`,
      )
      .join(', ');
    lines.push(`| ${v.target} | ${measured} | ${v.pass ? 'pass' : '**miss**'} |`);
  }
  return `${lines.join('\n')}\n`;
}
