import { CHART_DATA_ID, TABLEAU_SCRIPT_PATH } from '../views/tableau-page.js';

export { TABLEAU_SCRIPT_PATH };

/** How often an open dashboard asks whether newer figures exist (ms). */
export const FRESHNESS_POLL_MS = 15_000;

/**
 * The dashboard's script (served at `/static/tableau.js`, after chart.js's own file):
 * - draws the chart from the JSON block of the page (no second request): bars by unit, stacked
 *   by sex when the indicator is, or lines over the periods; a click on a bar opens that unit,
 *   like its link in the table; « Télécharger le graphique (PNG) » saves the canvas;
 * - filters the indicator list as one types (the list alone works without it, by keyboard);
 * - asks \`/tableau/version\` every ${FRESHNESS_POLL_MS / 1000} s and, when the node's figures changed,
 *   shows « De nouveaux chiffres sont arrivés » with « Recharger ».
 * Its words and its numbers' locale come from the page, in its language (the canvas's
 * `data-locale` and `data-msg-*`). Without JavaScript the table holds the same figures and the
 * form works alike.
 */
export const TABLEAU_JS = `
(() => {
  const palette = ['#0b5394', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#7a4a00', '#1b1f24', '#f0e442', '#a1131b'];
  const dataBlock = document.getElementById('${CHART_DATA_ID}');
  const canvas = document.getElementById('graphique-tableau');
  if (dataBlock && canvas && window.Chart) {
    const words = canvas.dataset;
    const numbers = new Intl.NumberFormat(words.locale, { maximumFractionDigits: 2 });
    const data = JSON.parse(dataBlock.textContent);
    const noScript = document.querySelector('[data-no-script]');
    if (noScript) noScript.hidden = true;
    const lines = data.kind === 'lignes';
    const datasets = lines
      ? data.lines.map((s, i) => ({ label: s.label, data: s.values, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], spanGaps: false, tension: 0 }))
      : data.bars.map((s, i) => ({ label: s.label, stack: s.stack, data: s.values, backgroundColor: palette[i % palette.length] }));
    const chart = new window.Chart(canvas, {
      type: lines ? 'line' : 'bar',
      data: { labels: lines ? data.periods : data.units.map((u) => u.name), datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        locale: words.locale,
        scales: { x: { stacked: !lines && data.stacked }, y: { stacked: !lines && data.stacked, beginAtZero: true, ticks: { callback: (v) => numbers.format(v) } } },
        plugins: {
          title: { display: true, text: [data.title, data.subtitle] },
          tooltip: { callbacks: { label: (c) => c.dataset.label + words.msgSeparator + (c.raw === null ? words.msgNoFigure : numbers.format(c.raw)) } },
        },
        onClick: (_event, elements) => {
          if (lines || elements.length === 0) return;
          const unit = data.units[elements[0].index];
          if (unit && unit.href) window.location.assign(unit.href);
        },
        onHover: (event, elements) => {
          const unit = !lines && elements.length > 0 ? data.units[elements[0].index] : undefined;
          event.native.target.style.cursor = unit && unit.href ? 'pointer' : 'default';
        },
      },
      plugins: [{ id: 'fond-blanc', beforeDraw: (c) => { const x = c.ctx; x.save(); x.fillStyle = '#ffffff'; x.fillRect(0, 0, c.width, c.height); x.restore(); } }],
    });
    canvas.dataset.drawn = 'true';
    const png = document.querySelector('[data-png]');
    if (png) {
      png.hidden = false;
      png.addEventListener('click', () => {
        chart.canvas.toBlob((blob) => {
          if (!blob) return;
          const a = document.createElement('a');
          a.href = URL.createObjectURL(blob);
          a.download = 'graphique.png';
          document.body.append(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(a.href), 10000);
        }, 'image/png');
      });
    }
  }

  const filter = document.querySelector('[data-filter="indicateur"]');
  const select = document.getElementById('indicateur');
  if (filter && select) {
    const norm = (t) => t.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase();
    filter.addEventListener('input', () => {
      const wanted = norm(filter.value.trim());
      let first;
      for (const group of select.querySelectorAll('optgroup')) {
        let any = false;
        for (const option of group.querySelectorAll('option')) {
          const shown = wanted === '' || norm(option.textContent).includes(wanted) || norm(option.value).includes(wanted);
          option.hidden = !shown;
          option.disabled = !shown;
          if (shown) { any = true; if (!first) first = option; }
        }
        group.hidden = !any;
      }
      const current = select.options[select.selectedIndex];
      if (first && (!current || current.disabled)) first.selected = true;
    });
  }

  const fresh = document.querySelector('[data-fresh]');
  if (fresh) {
    const shownVersion = Number(fresh.dataset.fresh);
    const reload = fresh.querySelector('[data-reload]');
    if (reload) reload.addEventListener('click', () => window.location.reload());
    const probe = async () => {
      try {
        const r = await fetch('/tableau/version', { headers: { accept: 'application/json' }, cache: 'no-store' });
        if (r.ok) {
          const { version } = await r.json();
          if (version !== shownVersion) { fresh.hidden = false; return; }
        }
      } catch {}
      setTimeout(probe, Number(fresh.dataset.poll || ${FRESHNESS_POLL_MS}));
    };
    setTimeout(probe, Number(fresh.dataset.poll || ${FRESHNESS_POLL_MS}));
  }
})();
`;
