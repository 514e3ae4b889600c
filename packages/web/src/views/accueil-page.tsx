import { type QuarterDeadlines, isOnTime, quarterLabel } from '@oise/core';
import type { WaitingBundle } from '@oise/sync';
import type { QuarterNoteView, QuarterStatusInfo } from '@oise/workflow';
import { type AccueilText, accueilText } from '../messages/accueil.js';
import { type Lang, text } from '../messages/lang.js';
import { ConsolidationSection, type ConsolidationView } from './consolidation-state.js';
import { formatCount, formatDate, formatDateTime } from './format.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';
import { QuarterChooser } from './quarter-chooser.js';
import { QuarterStateBadge } from './quarter-state.js';
import { SubmissionPanel, type SubmissionView } from './submission-panel.js';
import { WaitingBundlesTable } from './waiting-bundles.js';

export interface AccueilView {
  quarter: string;
  /** Quarters offered in the chooser, latest first. */
  choices: string[];
  now: string;
  deadlines: QuarterDeadlines;
  /** The node's own quarter (cercle, region); none at national. */
  status: QuarterStatusInfo | undefined;
  /** The CSR's note (cercle). */
  note: QuarterNoteView | undefined;
  waiting: (WaitingBundle & { size: string })[];
  /** « Transmettre le trimestre » (cercle): the check, then the button. */
  submission?: SubmissionView | undefined;
  /** The state of consolidation (national, region). */
  consolidation?: ConsolidationView;
  /** The node is not set up yet (`setupState`): a link to *Mise en place*. */
  setupPending?: boolean;
}

/** Who decides on the quarter of a cercle (the region) and of a region (national). */
const DECIDER = {
  cercle: { title: 'deciderCercle', waiting: 'waitingCercle' },
  region: { title: 'deciderRegion', waiting: 'waitingRegion' },
} as const satisfies Record<string, { title: keyof AccueilText; waiting: keyof AccueilText }>;

export function AccueilPage(props: { frame: PageFrame; view: AccueilView; canDownload: boolean }) {
  const { frame, view } = props;
  const { lang } = frame;
  const t = text(lang, accueilText);
  const level = frame.node.level;
  return (
    <Layout frame={frame} title={t.title}>
      <h1>{t.title}</h1>
      {view.setupPending ? (
        <p class="message">
          {t.setupPending} <a href="/mise-en-place">{t.setupLink}</a>
        </p>
      ) : null}
      <section class="panel" aria-labelledby="choix-trimestre">
        <h2 id="choix-trimestre">{t.shownQuarter}</h2>
        <QuarterChooser
          action="/"
          quarter={view.quarter}
          choices={view.choices}
          button={t.show}
          lang={lang}
        />
      </section>
      {level === 'national' ? (
        <NationalQuarter view={view} lang={lang} />
      ) : (
        <OwnQuarter view={view} level={level} lang={lang} />
      )}
      {view.submission ? (
        <SubmissionPanel view={view.submission} csrfToken={frame.csrfToken} lang={lang} />
      ) : null}
      {view.consolidation ? (
        <ConsolidationSection view={view.consolidation} csrfToken={frame.csrfToken} lang={lang} />
      ) : null}
      <section class="panel" aria-labelledby="paquets-attente">
        <h2 id="paquets-attente">{t.waitingTitle}</h2>
        <WaitingBundlesTable
          bundles={view.waiting}
          canDownload={props.canDownload}
          caption={t.waitingCaption}
          lang={lang}
        />
        <p>
          <a href="/paquets">{t.allBundles}</a>
        </p>
      </section>
    </Layout>
  );
}

/** A cercle's or a region's own quarter: its state, its due date, the parent's decision, the note. */
function OwnQuarter(props: { view: AccueilView; level: 'cercle' | 'region'; lang: Lang }) {
  const { view, level, lang } = props;
  const t = text(lang, accueilText);
  const status = view.status!;
  const due = level === 'cercle' ? view.deadlines.cercleDue : view.deadlines.regionDue;
  const stillToSend = status.status === 'open' || status.status === 'returned';
  const late = stillToSend && !isOnTime(view.now, due);
  return (
    <>
      <section class="panel" aria-labelledby="etat-trimestre">
        <h2 id="etat-trimestre">{quarterLabel(view.quarter, lang)}</h2>
        <dl class="facts">
          <dt>{t.state}</dt>
          <dd>
            <QuarterStateBadge state={status.status} lang={lang} />
            {status.submissionNumber !== null && status.submittedAt
              ? t.submissionOf(status.submissionNumber, formatDateTime(status.submittedAt, lang))
              : ''}
          </dd>
          <dt>{t.dueBy}</dt>
          <dd>
            {formatDate(due, lang)}
            {late ? (
              <>
                {' '}
                <span class="state state-late">{t.overdue}</span>
              </>
            ) : null}
          </dd>
          {status.missingCount !== null ? (
            <>
              <dt>{t.missingAtSubmission}</dt>
              <dd>{formatCount(status.missingCount, lang)}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section class="panel" aria-labelledby="decision">
        <h2 id="decision">{t[DECIDER[level].title]}</h2>
        <Decision status={status} waiting={t[DECIDER[level].waiting]} lang={lang} />
      </section>
      {level === 'cercle' ? (
        <section class="panel" aria-labelledby="note-csr">
          <h2 id="note-csr">{t.csrNote}</h2>
          {view.note ? (
            <>
              <p class="note">{view.note.text}</p>
              <p class="hint">{t.noteBy(view.note.author, formatDateTime(view.note.updatedAt, lang))}</p>
            </>
          ) : (
            <p class="empty">{t.noNote}</p>
          )}
        </section>
      ) : null}
    </>
  );
}

function Decision(props: { status: QuarterStatusInfo; waiting: string; lang: Lang }) {
  const { status, lang } = props;
  const t = text(lang, accueilText);
  const d = status.decision;
  if (d) {
    return (
      <dl class="facts">
        <dt>{t.decision}</dt>
        <dd>
          <QuarterStateBadge state={d.decision} lang={lang} />
          {t.decidedBy(formatDateTime(d.decidedAt, lang), d.decidedBy)}
        </dd>
        {d.reason ? (
          <>
            <dt>{t.reason}</dt>
            <dd class="note">{d.reason}</dd>
          </>
        ) : null}
      </dl>
    );
  }
  return (
    <>
      <p class="empty">
        {status.status === 'submitted' ? t.submittedWaiting(props.waiting) : t.notSubmitted}
      </p>
      {status.returnedReason ? (
        <p>
          {t.lastReturnReason}
          <span class="note">{status.returnedReason}</span>
        </p>
      ) : null}
    </>
  );
}

/** National has no quarter of its own to send: the due dates of the regions and of consolidation. */
function NationalQuarter(props: { view: AccueilView; lang: Lang }) {
  const { view, lang } = props;
  const t = text(lang, accueilText);
  return (
    <section class="panel" aria-labelledby="etat-trimestre">
      <h2 id="etat-trimestre">{quarterLabel(view.quarter, lang)}</h2>
      <dl class="facts">
        <dt>{t.regionsDue}</dt>
        <dd>{formatDate(view.deadlines.regionDue, lang)}</dd>
        <dt>{t.nationalDue}</dt>
        <dd>{formatDate(view.deadlines.nationalDue, lang)}</dd>
      </dl>
    </section>
  );
}
