/**
 * The one style sheet of the pages, served by the node itself at `/static/oise.css` (nothing
 * from the internet). Kept as a module so the bundled command line carries it. Colours pass
 * WCAG AA contrast; every state is also said in words, never by colour alone.
 */
export const OISE_CSS = `
:root {
  --ink: #1b1f24; --muted: #4a5360; --line: #c9ced6; --paper: #ffffff; --band: #f3f5f8;
  --brand: #0b5394; --brand-ink: #ffffff; --focus: #f2a900;
  --ok: #1e6b35; --ok-bg: #e3f4e8; --warn: #7a4a00; --warn-bg: #fff1d6;
  --bad: #a1131b; --bad-bg: #fde4e4; --info: #0b4f8a; --info-bg: #e2eefb;
}
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 100%; color: var(--ink); background: var(--band); }
body { margin: 0; line-height: 1.45; }
a { color: var(--brand); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px;
}
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; }
.skip:focus { left: .5rem; top: .5rem; z-index: 10; }
.banner { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .6rem 1.5rem; background: var(--brand); color: var(--brand-ink); }
.banner .brand { font-weight: 700; font-size: 1.15rem; margin: 0; }
.banner .who { margin-left: auto; display: flex; align-items: center; gap: .75rem; }
.banner .who button { background: transparent; color: var(--brand-ink); border: 1px solid var(--brand-ink); }
nav.main { background: var(--paper); border-bottom: 1px solid var(--line); padding: 0 1.5rem; }
nav.main ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem; margin: 0; padding: 0; }
nav.main a { display: block; padding: .65rem .9rem; text-decoration: none; color: var(--ink); border-bottom: 3px solid transparent; }
nav.main a[aria-current="page"] { border-bottom-color: var(--brand); font-weight: 700; color: var(--brand); }
main { max-width: 72rem; margin: 1.25rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 0 0 .6rem; }
section.panel { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; margin-bottom: 1.25rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1.25rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--band); font-weight: 600; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.state { display: inline-block; padding: .1rem .55rem; border-radius: 999px; font-weight: 600; border: 1px solid currentColor; }
.state-open { color: var(--info); background: var(--info-bg); }
.state-submitted { color: var(--info); background: var(--info-bg); }
.state-validated, .state-consolidated, .state-applied { color: var(--ok); background: var(--ok-bg); }
.state-returned, .state-queued, .state-duplicate { color: var(--warn); background: var(--warn-bg); }
.state-rejected, .state-late { color: var(--bad); background: var(--bad-bg); }
.message { border-left: 4px solid var(--info); background: var(--info-bg); padding: .6rem .9rem; margin: 0 0 1rem; }
.message.error { border-color: var(--bad); background: var(--bad-bg); }
.message.warning { border-color: var(--warn); background: var(--warn-bg); }
.note { white-space: pre-wrap; margin: .25rem 0 0; }
form.stack { display: grid; gap: .75rem; max-width: 28rem; }
form.inline { display: flex; flex-wrap: wrap; align-items: end; gap: .75rem; }
label { font-weight: 600; display: block; margin-bottom: .25rem; }
.hint { color: var(--muted); font-size: .92rem; margin: .2rem 0 0; }
input, select, textarea { font: inherit; padding: .4rem .5rem; border: 1px solid var(--muted); border-radius: 4px; background: var(--paper); color: var(--ink); }
button { font: inherit; padding: .45rem 1rem; border-radius: 4px; border: 1px solid var(--brand); background: var(--brand); color: var(--brand-ink); cursor: pointer; }
.empty { color: var(--muted); margin: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
main:has(.grid-panel) { max-width: none; }
nav.domains ul { list-style: none; display: flex; flex-wrap: wrap; gap: .4rem; margin: .9rem 0 .4rem; padding: 0; }
nav.domains a { display: block; padding: .3rem .8rem; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; }
nav.domains a[aria-current="page"] { background: var(--brand); border-color: var(--brand); color: var(--brand-ink); font-weight: 700; }
.grid-scroll { position: relative; overflow-x: auto; border: 1px solid var(--line); margin: .6rem 0 1rem; }
table.entry-grid { width: auto; border-collapse: separate; border-spacing: 0; }
table.entry-grid th, table.entry-grid td { border-right: 1px solid var(--line); padding: .35rem .45rem; }
table.entry-grid th.indicator { font-size: .85rem; min-width: 9rem; max-width: 13rem; vertical-align: bottom; text-align: center; }
table.entry-grid th.indicator .hint { display: block; font-weight: 400; font-size: .8rem; }
table.entry-grid th.category { font-size: .85rem; text-align: center; }
table.entry-grid th.commune { position: sticky; left: 0; z-index: 1; background: var(--band); white-space: nowrap; }
td.cell { vertical-align: top; min-width: 8.5rem; }
.cell-line { display: flex; align-items: center; gap: .35rem; }
td.cell input { width: 5.8rem; text-align: right; font-variant-numeric: tabular-nums; }
td.cell input[readonly] { background: var(--band); border-color: var(--line); }
td.cell .previous { color: var(--muted); font-size: .85rem; font-style: italic; }
td.cell .cell-message { display: block; font-size: .8rem; max-width: 15rem; margin-top: .15rem; }
td.cell .cell-message:empty { display: none; }
td.cell-saved { background: var(--ok-bg); box-shadow: inset 3px 0 0 var(--ok); }
td.cell-saved .cell-message { color: var(--ok); }
td.cell-warning { background: var(--warn-bg); box-shadow: inset 3px 0 0 var(--warn); }
td.cell-warning .cell-message { color: var(--warn); }
td.cell-refused, td.cell-locked { background: var(--bad-bg); box-shadow: inset 3px 0 0 var(--bad); }
td.cell-refused .cell-message, td.cell-locked .cell-message { color: var(--bad); font-weight: 600; }
td.cell-refused input { border: 2px solid var(--bad); }
td.cell-waiting { background: var(--info-bg); }
td.cell-waiting .cell-message { color: var(--info); }
div.job progress { width: 100%; max-width: 32rem; height: 1.2rem; }
div.job [data-job-step] { font-weight: 600; }
footer { max-width: 72rem; margin: 2rem auto 1.5rem; padding: 0 1.5rem; color: var(--muted); font-size: .9rem; }
/* Saisie: the workbook, the forms and the import (saisie-import) */
p.actions { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: center; }
a.button { display: inline-block; padding: .45rem 1rem; border-radius: 4px; border: 1px solid var(--brand); background: var(--brand); color: var(--brand-ink); text-decoration: none; }
a.button:hover { text-decoration: underline; }
fieldset { border: 1px solid var(--line); border-radius: 4px; padding: .5rem .9rem .7rem; margin: 0; }
legend { font-weight: 600; padding: 0 .3rem; }
.choice { display: flex; align-items: center; gap: .5rem; margin: .3rem 0; }
.choice label { font-weight: 400; margin: 0; }
/* Accueil: « Transmettre le trimestre » (saisie-import) */
ul.findings { margin: .4rem 0 .8rem; padding-left: 1.25rem; }
ul.findings li { margin: .2rem 0; }
/* Réglages: fingerprints to read out, confirmations, fields refused, dangerous buttons */
code.fingerprint { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .95rem; word-break: break-all; }
code.fingerprint-large { font-size: 1.15rem; font-weight: 700; letter-spacing: .02em; }
section.panel.confirm { border: 2px solid var(--warn); }
.message.ok { border-color: var(--ok); background: var(--ok-bg); }
form.stack.wide { max-width: 40rem; }
form.stack.wide input[type="text"] { width: 100%; }
.field-error input { border: 2px solid var(--bad); }
.field-message { color: var(--bad); font-weight: 600; margin: .2rem 0 0; }
.check { display: flex; align-items: center; gap: .5rem; }
.check label { margin: 0; }
.actions { display: flex; align-items: center; gap: 1rem; }
button.danger { background: var(--paper); color: var(--bad); border-color: var(--bad); }
/* Rapports, consolidation (areas/rapports.tsx, views/consolidation-state.tsx) */
table.report-files td.number, table.report-files td.when, table.report-files td.origin { white-space: nowrap; }
table.report-files td.file { overflow-wrap: anywhere; }
/* Paquets: the send results, the log's filter and pages */
.state-written { color: var(--info); background: var(--info-bg); }
.state-failed, .state-ignored { color: var(--bad); background: var(--bad-bg); }
nav.filters ul { list-style: none; display: flex; flex-wrap: wrap; gap: .4rem; margin: 0 0 .8rem; padding: 0; }
nav.filters a { display: block; padding: .3rem .8rem; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; }
nav.filters a[aria-current="page"] { background: var(--brand); border-color: var(--brand); color: var(--brand-ink); font-weight: 700; }
nav.pager { display: flex; gap: 1.2rem; align-items: center; margin-top: .8rem; }
table.results .state, table.journal .state { white-space: nowrap; }
table.journal td.when { min-width: 7.5rem; }
span.file { font-size: .85rem; color: var(--muted); overflow-wrap: anywhere; }
section.panel code { overflow-wrap: anywhere; }
/* Listes: the cercle's record lists and their forms */
a.button { display: inline-block; padding: .45rem 1rem; border-radius: 4px; border: 1px solid var(--brand); background: var(--brand); color: var(--brand-ink); text-decoration: none; font-weight: 600; }
table.records { width: auto; min-width: 100%; }
table.records td { max-width: 24rem; overflow-wrap: break-word; }
table.records .actions { display: flex; gap: .9rem; white-space: nowrap; }
th.number { text-align: right; }
form.record-form { max-width: 36rem; }
form.record-form .field input, form.record-form .field select { width: 100%; }
form.record-form .required { font-weight: 400; color: var(--muted); }
.field-error { color: var(--bad); font-weight: 600; margin: .2rem 0 .3rem; }
.field-invalid input, .field-invalid select { border: 2px solid var(--bad); }
p.buttons { display: flex; align-items: center; gap: 1.25rem; margin: .5rem 0 0; }
button.danger { background: var(--bad); border-color: var(--bad); }
form.inline a { align-self: center; }
output.flash { display: block; }
main:has(.records-scroll) { max-width: none; }
.records-scroll:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
output.flash span { display: block; }
/* Trimestres: the children × quarters board and a child's quarter in review. */
.table-scroll { overflow-x: auto; }
table.board th, table.board td, table.review th, table.review td, table.completeness th, table.completeness td { text-align: left; vertical-align: top; padding: .4rem .55rem; border-bottom: 1px solid var(--line); }
table.review th.number, table.review td.number, table.completeness th.number, table.completeness td.number { text-align: right; font-variant-numeric: tabular-nums; }
table.board td { min-width: 11rem; }
table.board a.cell-link { text-decoration: none; }
table.board a.cell-link:hover .state, table.board a.cell-link:focus-visible .state { text-decoration: underline; }
ul.cell-facts { list-style: none; margin: .3rem 0 0; padding: 0; font-size: .88rem; color: var(--muted); }
ul.cell-facts li.late { color: var(--bad); font-weight: 600; }
.code { color: var(--muted); font-weight: 400; font-size: .88rem; }
fieldset.quarters { display: flex; flex-wrap: wrap; gap: .35rem 1rem; border: 1px solid var(--line); border-radius: 4px; margin: 0; padding: .4rem .8rem .6rem; }
fieldset.quarters legend { font-weight: 600; padding: 0 .3rem; }
label.check { display: inline-flex; align-items: center; gap: .3rem; font-weight: 400; margin: 0; }
.breadcrumb { margin: 0 0 .5rem; }
.decisions { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1.25rem; align-items: start; }
form.stack textarea { width: 100%; }
button.secondary { background: var(--paper); color: var(--brand); }
table.review tr.outlier td, table.review tr.outlier th { background: var(--warn-bg); }
table.review tr.outlier td.current { font-weight: 700; box-shadow: inset 3px 0 0 var(--bad); }
.hint.block { display: block; max-width: 24rem; }
.state-not-sent { color: var(--muted); background: var(--paper); border-style: dashed; }
main:has(table.review) { max-width: 90rem; }
output.message.done { display: block; }
ul.notes { list-style: none; margin: 0; padding: 0; display: grid; gap: .8rem; }
/* Language switch (layout) */
.banner a.lang-switch { color: var(--brand-ink); font-weight: 600; }
/* Tableau de bord (areas/tableau.tsx) */
main output.message.ok { display: block; }
main:has(table.dashboard) { max-width: 90rem; }
form.tableau-choosers { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .8rem 1.2rem; align-items: start; }
form.tableau-choosers label { display: block; }
form.tableau-choosers .indicator-chooser { grid-column: 1 / -1; display: grid; grid-template-columns: minmax(14rem, 1fr) 2fr; gap: .3rem 1.2rem; }
form.tableau-choosers .indicator-chooser input, form.tableau-choosers .indicator-chooser select { width: 100%; }
form.tableau-choosers select, form.tableau-choosers input { max-width: 100%; }
form.tableau-choosers .actions { align-self: end; }
nav.breadcrumb ol { list-style: none; display: flex; flex-wrap: wrap; gap: .3rem; margin: 0 0 1rem; padding: 0; }
nav.breadcrumb li + li::before { content: "›"; margin-right: .3rem; color: var(--muted); }
nav.breadcrumb a[aria-current="page"] { font-weight: 700; color: var(--ink); text-decoration: none; }
table.dashboard td.figure .value { display: block; font-weight: 600; }
table.dashboard td.figure .completeness { display: block; color: var(--muted); font-size: .85rem; white-space: nowrap; }
table.dashboard tr.whole th, table.dashboard tr.whole td { background: var(--band); }
.chart-box { position: relative; height: 24rem; }
.message.fresh { display: flex; align-items: center; gap: 1rem; }
.message.fresh[hidden] { display: none; }
.message.fresh output { margin: 0; }
ul.links { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; list-style: none; padding: 0; margin: .3rem 0 0; }
ul.saved-views { list-style: none; padding: 0; margin: 0 0 1rem; display: grid; gap: .4rem; }
ul.saved-views li { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem .8rem; }
/* Carte (views/map-figure.tsx) and Complétude et ponctualité (areas/tableau-completude.tsx). */
figure.carte { position: relative; margin: 1rem 0; display: grid; grid-template-columns: minmax(0, 40rem) minmax(12rem, 1fr); gap: .5rem 1.25rem; align-items: start; }
figure.carte .carte-dessin { grid-column: 1; min-height: 12rem; }
figure.carte .carte-dessin svg { display: block; width: 100%; height: auto; max-width: 40rem; border: 1px solid var(--line); }
figure.carte .carte-legende { grid-column: 2; }
figure.carte .carte-legende ul { list-style: none; margin: 0; padding: 0; display: grid; gap: .3rem; }
figure.carte .carte-legende li { display: flex; align-items: center; gap: .45rem; }
figure.carte .carte-legende-titre { font-weight: 600; margin: 0 0 .4rem; }
figure.carte button[data-carte-png] { margin-top: .9rem; }
figure.carte figcaption { grid-column: 1 / -1; color: var(--muted); }
figure.carte .carte-manque { grid-column: 1; margin: 0; color: var(--muted); }
figure.carte .carte-etiquette { position: absolute; z-index: 2; transform: translate(-50%, -100%); margin: 0; padding: .25rem .5rem; background: #111; color: #fff; border-radius: 3px; font-weight: 600; white-space: nowrap; pointer-events: none; }
figure.carte .carte-etiquette[hidden] { display: none; }
figure.carte .carte-lien { outline: none; }
figure.carte .carte-lien:hover path, figure.carte .carte-lien:focus path { stroke: #111; stroke-width: 2.5; }
figure.carte .carte-lien:focus-visible path { stroke: var(--focus); stroke-width: 3.5; }
@media (max-width: 56rem) { figure.carte { grid-template-columns: 1fr; } figure.carte .carte-legende, figure.carte .carte-manque { grid-column: 1; } }
table.completeness .state { white-space: nowrap; }
/* Réglages (and Listes): a dangerous button reads white on red, not red on red (two earlier blocks met) */
button.danger { color: var(--paper); }
/* Performance (issue 15): the long tables under a map (701 communes) are laid out when scrolled to. */
.table-scroll:has(> table.completeness) { content-visibility: auto; contain-intrinsic-size: auto 40rem; }
/* Premier démarrage and Mise en place (issue 19): the created node's notice is a block */
output.setup-created { display: block; }
`;
