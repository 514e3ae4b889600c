import { JOB_SCRIPT_PATH } from '../assets/job-progress-js.js';
import type { JobView } from '../jobs/job-runner.js';
import { type Lang, text } from '../messages/lang.js';
import { travauxText } from '../messages/travaux.js';
import { formatCount, formatDateTime } from './format.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';

/** « 3 sur 12 » when the step counts its units. */
export function jobCountText(job: JobView, lang: Lang = 'fr'): string {
  return job.progress.total > 0
    ? text(lang, travauxText).countOf(
        formatCount(job.progress.done, lang),
        formatCount(job.progress.total, lang),
      )
    : '';
}

/** The sentence under the bar: the step under way, or how it ended. */
export function jobStepText(job: JobView, lang: Lang = 'fr'): string {
  const t = text(lang, travauxText);
  if (job.state === 'done') return t.done(job.message ?? '');
  if (job.state === 'failed') return t.failed(job.message ?? '');
  return job.progress.step;
}

/** A long step's page: its bar and sentence while it runs, its outcome once over. */
export function JobPage(props: { frame: PageFrame; job: JobView; pageHref: string; stateHref: string }) {
  const { job } = props;
  const { lang } = props.frame;
  const t = text(lang, travauxText);
  const over = job.state === 'done' || job.state === 'failed';
  return (
    <Layout frame={props.frame} title={job.title}>
      <h1>{job.title}</h1>
      <section class="panel" aria-labelledby="travail-titre">
        <h2 id="travail-titre">{over ? t.result : t.running}</h2>
        <p class="hint">
          {t.started(formatDateTime(job.startedAt, lang))}
          {job.author ? t.by(job.author) : ''}
          {job.finishedAt ? t.finished(formatDateTime(job.finishedAt, lang)) : ''}.
        </p>
        {over ? (
          <div
            class={`message ${job.state === 'failed' ? 'error' : ''}`}
            role={job.state === 'failed' ? 'alert' : 'status'}
          >
            {jobStepText(job, lang)}
          </div>
        ) : (
          <div data-job={props.stateHref} data-msg-no-server={t.scriptNoServer} class="job">
            <label for="travail-barre">{t.progress}</label>
            <progress id="travail-barre" max={Math.max(job.progress.total, 1)} value={job.progress.done}>
              {jobCountText(job, lang)}
            </progress>
            <span data-job-count class="hint">
              {' '}
              {jobCountText(job, lang)}
            </span>
            <p>
              <output data-job-step aria-live="polite">
                {jobStepText(job, lang)}
              </output>
            </p>
            <p class="hint">
              {t.mayLeave} <a href={props.pageHref}>{t.refresh}</a>
            </p>
          </div>
        )}
        {over && job.resultHref ? (
          <p>
            <a href={job.resultHref}>{t.seeResult}</a>
          </p>
        ) : null}
      </section>
      {over ? null : <script type="module" src={JOB_SCRIPT_PATH} />}
    </Layout>
  );
}
