/**
 * The site's one style sheet (`site.css`): mobile first, system fonts at a readable size,
 * tables that scroll inside their wrapper rather than the page, a visible focus, the skip
 * link shown on focus. Colours keep a 4.5:1 contrast on white.
 */
export const SITE_CSS = `*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; font-size: 1.0625rem; line-height: 1.5; color: #1a1a1a; background: #ffffff; }
a { color: #0b4f8a; }
a:focus-visible, button:focus-visible, input:focus-visible, main:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
.evitement { position: absolute; left: -9999px; top: 0; background: #ffffff; padding: 0.5rem 1rem; z-index: 10; }
.evitement:focus { left: 0.5rem; }
.entete { background: #0b4f8a; color: #ffffff; padding: 0.75rem 1rem; }
.entete a { color: #ffffff; }
.nom-site { margin: 0 0 0.5rem; font-weight: bold; font-size: 1.125rem; }
.entete ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
.ariane ol { list-style: none; margin: 0; padding: 0.5rem 1rem; display: flex; flex-wrap: wrap; gap: 0.25rem; background: #f1f4f8; }
.ariane li + li::before { content: "›"; margin-right: 0.25rem; color: #555555; }
main { display: block; max-width: 72rem; margin: 0 auto; padding: 0 1rem 2rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1rem 0 0.25rem; }
h2 { font-size: 1.3rem; margin: 1.75rem 0 0.5rem; }
.chapeau { color: #444444; margin-top: 0; }
.note { background: #fff6e5; border-left: 4px solid #b35900; padding: 0.5rem 0.75rem; }
.tableau-defilant { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: 0.5rem 0; min-width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border-bottom: 1px solid #d0d0d0; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #f1f4f8; }
td.nombre { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.cette-page th, tr.cette-page td { font-weight: bold; background: #fff6e5; }
.carte { margin: 0.5rem 0; max-width: 40rem; }
.carte svg { width: 100%; height: auto; display: block; border: 1px solid #d0d0d0; }
.legende ul { list-style: none; padding: 0; margin: 0.25rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
.legende-titre { margin: 0.5rem 0 0; font-weight: bold; }
.pastille { display: inline-block; width: 1.3rem; height: 0.9rem; border: 1px solid #555555; vertical-align: middle; }
.pastille.hachures { background-image: repeating-linear-gradient(45deg, #f4f4f4 0 3px, #8a8a8a 3px 5px) !important; }
.pastille.entouree { border: 3px solid #000000; background: #ffffff; }
figcaption { font-size: 0.95rem; color: #333333; }
.tendances { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; }
.tendances figure { margin: 0; }
.tendance { width: 100%; height: auto; display: block; }
.liste-unites { padding-left: 1.25rem; columns: 16rem; }
.liste-fichiers { padding-left: 1.25rem; }
.liste-fichiers li { margin: 0.35rem 0; overflow-wrap: anywhere; }
form[role="search"] { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; margin: 1rem 0 0.5rem; }
form[role="search"][hidden] { display: none; }
form[role="search"] label { flex-basis: 100%; font-weight: bold; }
input[type="search"] { font: inherit; padding: 0.4rem 0.5rem; border: 1px solid #555555; border-radius: 3px; flex: 1 1 12rem; min-width: 0; }
button { font: inherit; padding: 0.4rem 1rem; border: 1px solid #0b4f8a; background: #0b4f8a; color: #ffffff; border-radius: 3px; cursor: pointer; }
@media (max-width: 40rem) {
  body { font-size: 1rem; }
  table { font-size: 0.9rem; }
  th, td { padding: 0.3rem 0.25rem; }
  h1 { font-size: 1.4rem; }
}
.pied { border-top: 1px solid #d0d0d0; padding: 1rem; color: #444444; font-size: 0.95rem; }
.pied p { max-width: 72rem; margin: 0 auto; }
`;
