import { briefHeading, cellFormat, cellText } from './brief-document.js';
import type { BuiltReport, BuiltSection, BuiltTable } from './built-report.js';

/** Text from the data made safe in HTML: a note holding `<script>` stays text. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escaped, with a no-break space before « % », as French typesets it (« 86 % » never splits). */
function html(text: string): string {
  return escapeHtml(text).replace(/ %/g, '\u00a0%');
}

/** Print-friendly A4, readable on a screen or a phone too; no external asset. */
const STYLE = `
@page { size: A4; margin: 14mm 12mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10pt; line-height: 1.35;
  color: #111; background: #fff; margin: 0 auto; padding: 1rem; max-width: 190mm; }
h1 { font-size: 15pt; margin: 0 0 .3rem; }
h2 { font-size: 12pt; color: #1f3864; border-bottom: 1px solid #8497b0; margin: 1.1rem 0 .3rem; padding-bottom: .1rem; }
p { margin: .2rem 0; }
.subtitle { font-style: italic; color: #444; }
.note { font-size: 9pt; color: #333; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .2rem; }
th, td { border: 1px solid #b4b4b4; padding: .15rem .3rem; text-align: left; vertical-align: top; }
thead th { background: #dce6f1; }
tbody th { font-weight: bold; }
th.number, td.number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.empty { font-style: italic; }
footer { margin-top: 1rem; font-size: 8pt; color: #555; border-top: 1px solid #ccc; padding-top: .2rem; }
@media print {
  body { padding: 0; max-width: none; }
  thead { display: table-header-group; }
  tr, .keep { break-inside: avoid; }
  h2 { break-after: avoid; }
}
`;

/**
 * The printable form of a brief report: one standalone HTML page (inline style, `@page` A4, no
 * external asset), in French, with the workbook's heading, sections and tables; every text from
 * the data escaped.
 */
export function writeBriefHtml(report: BuiltReport): string {
  const heading = briefHeading(report);
  const sections = report.sections.map((s, i) => section(s, `section-${i + 1}`)).join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(heading.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${html(heading.title)}</h1>
<p class="subtitle">${html(heading.subtitle)}</p>
<p>${html(heading.summary)}</p>
</header>
${sections}
</main>
<footer>OISE — Outil Informatisé de Suivi et d’Évaluation. ${html(heading.title)}.</footer>
</body>
</html>
`;
}

function section(s: BuiltSection, id: string): string {
  const notes = s.notes.map((n) => `<p class="note">${html(n)}</p>`).join('\n');
  const tables = s.tables.map((t) => table(t, s.title)).join('\n');
  return `<section aria-labelledby="${id}">
<h2 id="${id}">${html(s.title)}</h2>
${notes}
${tables}
</section>`;
}

function table(t: BuiltTable, label: string): string {
  const head = t.columns
    .map((c) => {
      const number = c.format !== 'text' && c.format !== 'date' ? ' class="number"' : '';
      return `<th scope="col"${number}>${html(c.unit ? `${c.header} (${c.unit})` : c.header)}</th>`;
    })
    .join('');
  const rows = t.rows.map((r) => {
    const cells = t.columns.map((c, i) => {
      const format = cellFormat(c.format, r.format);
      const text = html(cellText(r.cells[i] ?? null, format)).replace(/\n/g, '<br>');
      if (i === 0) return `<th scope="row">${text}</th>`;
      return format === 'text' || format === 'date' ? `<td>${text}</td>` : `<td class="number">${text}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  if (rows.length === 0 && t.emptyText)
    rows.push(`<tr><td class="empty" colspan="${t.columns.length}">${html(t.emptyText)}</td></tr>`);
  return `<div class="table"><table aria-label="${html(label)}">
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}
