import { type Canvas, createCanvas } from '@napi-rs/canvas';
import { formatNumberFr, formatPercentFr } from '@oise/core';
import { Chart, type ChartConfiguration, type Plugin, registerables } from 'chart.js';
import { type ChartSpec, SERIES_COLORS } from './chart-spec.js';
import { ensureReportFonts } from './fonts.js';

let chartReady = false;

function prepareChartJs(): void {
  const family = ensureReportFonts();
  if (chartReady) return;
  Chart.register(...registerables);
  Chart.defaults.font.family = family;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = '#222222';
  chartReady = true;
}

/** Paints the canvas white first: a transparent PNG shows black in some viewers. */
const whiteBackground: Plugin = {
  id: 'oise-white-background',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

const axisNumber = (value: string | number): string =>
  typeof value === 'number' ? formatNumberFr(value, 1) : value;

/**
 * Renders a chart with chart.js on @napi-rs/canvas (no browser, no Cairo) and returns the PNG
 * bytes, `spec.width` × `spec.height` pixels. French number formats on axes and tooltips.
 */
export function renderChart(spec: ChartSpec): Buffer {
  return drawChart(spec, (_chart, canvas) => canvas.toBuffer('image/png'));
}

/** The tick values chart.js puts on the value axis of a bar or line chart (for checks). */
export function valueAxisTicks(spec: ChartSpec): number[] {
  return drawChart(spec, (chart) => {
    const axis = chart.scales[spec.kind === 'horizontal-bar' ? 'x' : 'y'];
    return (axis?.ticks ?? []).map((t) => t.value);
  });
}

function drawChart<T>(spec: ChartSpec, read: (chart: Chart, canvas: Canvas) => T): T {
  prepareChartJs();
  const canvas = createCanvas(spec.width, spec.height);
  const chart = new Chart(
    canvas.getContext('2d') as unknown as ConstructorParameters<typeof Chart>[0],
    toConfig(spec),
  );
  try {
    return read(chart, canvas);
  } finally {
    chart.destroy();
  }
}

function toConfig(spec: ChartSpec): ChartConfiguration {
  const title = {
    display: true,
    text: spec.title,
    font: { size: 17, weight: 'bold' as const },
    color: '#111111',
    padding: { top: 8, bottom: spec.subtitle ? 2 : 10 },
  };
  const subtitle = {
    display: Boolean(spec.subtitle),
    text: spec.subtitle ?? '',
    font: { size: 13 },
    color: '#444444',
    padding: { bottom: 10 },
  };
  const common = { animation: false as const, responsive: false, devicePixelRatio: 1, locale: 'fr-FR' };
  if (spec.kind === 'doughnut') {
    const data = spec.datasets[0]?.data ?? [];
    const total = data.reduce<number>((s, v) => s + (v ?? 0), 0);
    return {
      type: 'doughnut',
      data: {
        labels: spec.labels.map((label, i) => {
          const v = data[i] ?? 0;
          return `${label} : ${formatNumberFr(v)}${total > 0 ? ` (${formatPercentFr(v / total)})` : ''}`;
        }),
        datasets: [
          {
            label: spec.datasets[0]?.label ?? '',
            data: data.map((v) => v ?? 0),
            backgroundColor: spec.labels.map(
              (_, i) => spec.datasets[0]?.color?.split(',')[i] ?? SERIES_COLORS[i % SERIES_COLORS.length],
            ),
            borderColor: '#ffffff',
            borderWidth: 2,
          },
        ],
      },
      options: {
        ...common,
        plugins: {
          title,
          subtitle,
          legend: { position: 'right', labels: { font: { size: 15 }, boxWidth: 22, padding: 14 } },
        },
      },
      plugins: [whiteBackground],
    };
  }
  const horizontal = spec.kind === 'horizontal-bar';
  const stacked = spec.kind === 'stacked-bar';
  const line = spec.kind === 'line';
  const integer =
    spec.integer ?? spec.datasets.every((d) => d.data.every((v) => v === null || Number.isInteger(v)));
  const valueAxis = {
    beginAtZero: true,
    stacked,
    // precision 0: steps are whole numbers, so a count of 3 never shows a « 0,3 » tick.
    ticks: { callback: axisNumber, ...(integer ? { precision: 0 } : {}) },
    title: { display: Boolean(spec.unit), text: spec.unit ?? '' },
    grid: { color: '#e3e3e3' },
  };
  const categoryAxis = { stacked, ticks: { autoSkip: false }, grid: { display: false } };
  return {
    type: line ? 'line' : 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.datasets.map((d, i) => {
        const color = d.color ?? SERIES_COLORS[i % SERIES_COLORS.length]!;
        return {
          label: d.label,
          data: d.data,
          backgroundColor: color,
          borderColor: color,
          borderWidth: line ? 3 : 0,
          pointRadius: line ? 4 : 0,
          spanGaps: false,
        };
      }),
    },
    options: {
      ...common,
      indexAxis: horizontal ? 'y' : 'x',
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        title,
        subtitle,
        legend: { display: spec.datasets.length > 1 || line, position: 'top' },
      },
    },
    plugins: [whiteBackground],
  } as ChartConfiguration;
}
