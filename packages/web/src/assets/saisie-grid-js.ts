/** Where the entry grid's script is served (by the node itself, never from the internet). */
export const SAISIE_SCRIPT_PATH = '/static/saisie.js';

/** The performance mark the grid's script sets once it is ready for typing. */
export const GRID_READY_MARK = 'oise:grid-ready';

/**
 * The entry grid's script, for what HTML cannot do: moving between cells with the arrows and
 * Enter (Tab and Shift+Tab move natively), and saving each cell when the adviser leaves it
 * (`POST /saisie/cellule`, the form's CSRF token in `X-CSRF-Token`), its state then said in a
 * colour and in words beside the cell and to screen readers (the `aria-live` announcer). Without
 * it the grid is a form saved whole. Kept as a module so the bundled command line carries it;
 * plain modern JavaScript that Chromium, Firefox and Edge run as is.
 *
 * Moves: Up/Down always; Left/Right when the caret is at the start/end of the text (or the
 * whole text is selected, as it is on arriving in a cell); Enter goes down (Shift+Enter up),
 * and from the last commune to the top of the next column.
 *
 * What it says (« enregistrement… », a refusal) comes from the form's `data-msg-*` attributes, in
 * the page's language.
 *
 * Once set up, the form carries `data-ready="true"` and the page holds the performance mark
 * GRID_READY_MARK.
 */
export const SAISIE_GRID_JS = `
const form = document.querySelector('form[data-saisie-grid]');
if (form) {
  const period = form.dataset.period;
  // The words the script says come from the page, in its language (data-msg-*).
  const words = form.dataset;
  const token = form.querySelector('input[name="_csrf"]').value;
  const announcer = document.getElementById('saisie-annonce');
  const cells = new Map();
  let rows = 0;
  for (const input of form.querySelectorAll('input[data-r]')) {
    const r = Number(input.dataset.r);
    cells.set(r + ':' + input.dataset.c, input);
    rows = Math.max(rows, r + 1);
  }
  const sent = new WeakMap();

  const focusCell = (r, c) => {
    const target = cells.get(r + ':' + c);
    if (!target) return false;
    target.focus();
    target.select();
    return true;
  };
  const wholeSelected = (el) => el.selectionStart === 0 && el.selectionEnd === el.value.length;
  const atStart = (el) => wholeSelected(el) || (el.selectionStart === 0 && el.selectionEnd === 0);
  const atEnd = (el) => wholeSelected(el) || el.selectionStart === el.value.length;

  form.addEventListener('keydown', (event) => {
    const el = event.target;
    if (!(el instanceof HTMLInputElement) || el.dataset.r === undefined) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const r = Number(el.dataset.r);
    const c = Number(el.dataset.c);
    let to;
    if (event.key === 'ArrowUp') to = [r - 1, c];
    else if (event.key === 'ArrowDown') to = [r + 1, c];
    else if (event.key === 'ArrowLeft' && !event.shiftKey && atStart(el)) to = [r, c - 1];
    else if (event.key === 'ArrowRight' && !event.shiftKey && atEnd(el)) to = [r, c + 1];
    else if (event.key === 'Enter') {
      // With the script, Enter moves (the cell saves as it is left); it never sends the whole form.
      event.preventDefault();
      to = event.shiftKey ? [r - 1, c] : r + 1 < rows ? [r + 1, c] : [0, c + 1];
    }
    if (to && focusCell(to[0], to[1])) event.preventDefault();
  });

  const nameOf = (el) => form.querySelector('label[for="' + el.id + '"]')?.textContent ?? '';
  const show = (el, state, text) => {
    const cell = el.closest('td');
    cell.className = 'cell cell-' + state;
    document.getElementById('m-' + el.id).textContent = text;
    if (state === 'refused' || state === 'locked') el.setAttribute('aria-invalid', 'true');
    else el.removeAttribute('aria-invalid');
    if (state !== 'waiting') announcer.textContent = nameOf(el) + words.msgSeparator + text;
  };

  const save = async (el) => {
    const value = el.value;
    const ticket = {};
    sent.set(el, ticket);
    show(el, 'waiting', words.msgSaving);
    let answer;
    try {
      const response = await fetch('/saisie/cellule', {
        method: 'POST',
        credentials: 'same-origin',
        keepalive: true,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
        body: JSON.stringify({
          trimestre: period,
          commune: el.dataset.unit,
          indicateur: el.dataset.indicator,
          categorie: el.dataset.category,
          valeur: value,
        }),
      });
      const json = (response.headers.get('content-type') || '').includes('application/json');
      answer = json
        ? await response.json()
        : {
            state: 'refused',
            message: words.msgRefusedStatus.replace('{status}', String(response.status)),
          };
    } catch {
      answer = {
        state: 'refused',
        message: words.msgNoServer,
      };
    }
    if (sent.get(el) !== ticket) return;
    if ((answer.state === 'saved' || answer.state === 'warning') && el.value === value) el.value = answer.shown;
    show(el, answer.state, answer.message);
  };

  form.addEventListener('change', (event) => {
    const el = event.target;
    if (el instanceof HTMLInputElement && el.dataset.r !== undefined && !el.readOnly) save(el);
  });

  // Ready for typing: every cell known and both listeners attached. \`data-ready\` and the mark
  // are what \`pnpm bench\` times from navigation (and what a test may wait for).
  form.dataset.ready = 'true';
  performance.mark('${GRID_READY_MARK}');
}
`;
