import { quarterShortLabel } from '@oise/core';
import { type Html, html } from './html.js';

export interface TrendPoint {
  period: string;
  value: number | null;
  text: string;
}

const WIDTH = 320;
const HEIGHT = 160;
const BASE = 128;

/**
 * A trend drawn now as inline SVG bars, one per quarter (« T1 25 » under each), the value above
 * it; a quarter without figure has no bar and says « – ». One image (role="img") whose label
 * gives every value in words; the page's table gives the same numbers.
 */
export function svgTrend(title: string, points: readonly TrendPoint[]): Html {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const max = Math.max(0, ...values);
  const step = WIDTH / Math.max(points.length, 1);
  const label = `${title} : ${points.map((p) => `${quarterShortLabel(p.period)} ${p.text}`).join(', ')}`;
  return html`<svg class="tendance" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${label}">
<line x1="0" y1="${BASE}" x2="${WIDTH}" y2="${BASE}" stroke="#555555" stroke-width="1"/>
${points.map((p, i) => {
  const x = i * step + step * 0.15;
  const w = step * 0.7;
  const h = p.value === null || max === 0 ? 0 : Math.max(1, (p.value / max) * (BASE - 22));
  const cx = (x + w / 2).toFixed(1);
  return html`${p.value === null ? '' : html`<rect x="${x.toFixed(1)}" y="${(BASE - h).toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="#3182bd"/>`}<text x="${cx}" y="${(BASE - h - 4).toFixed(1)}" text-anchor="middle" font-size="10">${p.value === null ? '–' : p.text}</text><text x="${cx}" y="${BASE + 14}" text-anchor="middle" font-size="12">T${p.period.slice(5)}</text><text x="${cx}" y="${BASE + 28}" text-anchor="middle" font-size="12">${p.period.slice(0, 4)}</text>`;
})}
</svg>`;
}
