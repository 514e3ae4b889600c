import { JOB_SCRIPT_PATH } from '../assets/job-progress-js.js';
import type { JobView } from '../jobs/job-runner.js';
import { formatCount, formatDateTime } from './format.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';

/** « 3 sur 12 » when the step counts its units. */
export function jobCountText(job: JobView): string {
  return job.progress.total > 0
    ? `${formatCount(job.progress.done)} sur ${formatCount(job.progress.total)}`
    : '';
}

/** The sentence under the bar: the step under way, or how it ended. */
export function jobStepText(job: JobView): string {
  if (job.state === 'done') return `Terminé : ${job.message ?? ''}`;
  if (job.state === 'failed') return `Échec : ${job.message ?? ''}`;
  return job.progress.step;
}

/** A long step's page: its bar and sentence while it runs, its outcome once over. */
export function JobPage(props: { frame: PageFrame; job: JobView; pageHref: string; stateHref: string }) {
  const { job } = props;
  const over = job.state === 'done' || job.state === 'failed';
  return (
    <Layout frame={props.frame} title={job.title}>
      <h1>{job.title}</h1>
      <section class="panel" aria-labelledby="travail-titre">
        <h2 id="travail-titre">{over ? 'Résultat' : 'En cours'}</h2>
        <p class="hint">
          Lancé le {formatDateTime(job.startedAt)}
          {job.author ? ` par ${job.author}` : ''}
          {job.finishedAt ? `, terminé le ${formatDateTime(job.finishedAt)}` : ''}.
        </p>
        {over ? (
          <div
            class={`message ${job.state === 'failed' ? 'error' : ''}`}
            role={job.state === 'failed' ? 'alert' : 'status'}
          >
            {jobStepText(job)}
          </div>
        ) : (
          <div data-job={props.stateHref} class="job">
            <label for="travail-barre">Avancement</label>
            <progress id="travail-barre" max={Math.max(job.progress.total, 1)} value={job.progress.done}>
              {jobCountText(job)}
            </progress>
            <span data-job-count class="hint">
              {' '}
              {jobCountText(job)}
            </span>
            <p>
              <output data-job-step aria-live="polite">
                {jobStepText(job)}
              </output>
            </p>
            <p class="hint">
              Vous pouvez quitter cette page : l'opération continue sur le nœud.{' '}
              <a href={props.pageHref}>Actualiser</a>
            </p>
          </div>
        )}
        {over && job.resultHref ? (
          <p>
            <a href={job.resultHref}>Voir le résultat</a>
          </p>
        ) : null}
      </section>
      {over ? null : <script type="module" src={JOB_SCRIPT_PATH} />}
    </Layout>
  );
}
