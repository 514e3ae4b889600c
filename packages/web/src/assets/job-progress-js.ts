/** Where the progress page's script is served. */
export const JOB_SCRIPT_PATH = '/static/travaux.js';

/**
 * The progress page's script: asks the server for the step's state (`…/etat`, JSON) twice a
 * second, moves the bar and the sentence (read by screen readers through the `aria-live`
 * paragraph), and once the step is over opens its result page (or shows the page again with
 * the outcome). Without it, the page's « Actualiser » link does the same by hand; a
 * `<meta http-equiv="refresh">` would be the other way, but it moves the page under a
 * screen reader's feet (WCAG 2.2.1), so it is not used. What it says when the server is silent
 * comes from the page (`data-msg-no-server`), in the page's language.
 */
export const JOB_PROGRESS_JS = `
const box = document.querySelector('[data-job]');
if (box) {
  const bar = box.querySelector('progress');
  const step = box.querySelector('[data-job-step]');
  const count = box.querySelector('[data-job-count]');
  const url = box.dataset.job;
  const tick = async () => {
    let state;
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok) throw new Error(String(response.status));
      state = await response.json();
    } catch {
      step.textContent = box.dataset.msgNoServer;
      setTimeout(tick, 3000);
      return;
    }
    if (state.total > 0) {
      bar.max = state.total;
      bar.value = state.done;
      count.textContent = state.countText;
    }
    if (step.textContent !== state.step) step.textContent = state.step;
    if (state.state === 'done' && state.resultHref) location.assign(state.resultHref);
    else if (state.state === 'done' || state.state === 'failed') location.reload();
    else setTimeout(tick, 500);
  };
  setTimeout(tick, 300);
}
`;
