import { type QuarterDeadlines, isOnTime, quarterLabel } from '@oise/core';
import type { WaitingBundle } from '@oise/sync';
import type { QuarterNoteView, QuarterStatusInfo } from '@oise/workflow';
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
}

/** Who decides on the quarter of a cercle (the region) and of a region (national). */
const DECIDER = {
  cercle: { title: 'Décision de la région', waiting: 'en attente de la décision de la région' },
  region: { title: 'Décision du national', waiting: 'en attente de la consolidation nationale' },
} as const;

export function AccueilPage(props: { frame: PageFrame; view: AccueilView; canDownload: boolean }) {
  const { frame, view } = props;
  const level = frame.node.level;
  return (
    <Layout frame={frame} title="Accueil">
      <h1>Accueil</h1>
      <section class="panel" aria-labelledby="choix-trimestre">
        <h2 id="choix-trimestre">Trimestre affiché</h2>
        <QuarterChooser action="/" quarter={view.quarter} choices={view.choices} button="Afficher" />
      </section>
      {level === 'national' ? <NationalQuarter view={view} /> : <OwnQuarter view={view} level={level} />}
      {view.submission ? <SubmissionPanel view={view.submission} csrfToken={frame.csrfToken} /> : null}
      {view.consolidation ? (
        <ConsolidationSection view={view.consolidation} csrfToken={frame.csrfToken} />
      ) : null}
      <section class="panel" aria-labelledby="paquets-attente">
        <h2 id="paquets-attente">Paquets en attente d'envoi</h2>
        <WaitingBundlesTable
          bundles={view.waiting}
          canDownload={props.canDownload}
          caption="Paquets écrits pour les voisins, pas encore envoyés ni emportés"
        />
        <p>
          <a href="/paquets">Tous les paquets</a>
        </p>
      </section>
    </Layout>
  );
}

/** A cercle's or a region's own quarter: its state, its due date, the parent's decision, the note. */
function OwnQuarter(props: { view: AccueilView; level: 'cercle' | 'region' }) {
  const { view, level } = props;
  const status = view.status!;
  const due = level === 'cercle' ? view.deadlines.cercleDue : view.deadlines.regionDue;
  const stillToSend = status.status === 'open' || status.status === 'returned';
  const late = stillToSend && !isOnTime(view.now, due);
  return (
    <>
      <section class="panel" aria-labelledby="etat-trimestre">
        <h2 id="etat-trimestre">{quarterLabel(view.quarter)}</h2>
        <dl class="facts">
          <dt>État</dt>
          <dd>
            <QuarterStateBadge state={status.status} />
            {status.submissionNumber !== null && status.submittedAt
              ? ` — transmission n° ${status.submissionNumber} du ${formatDateTime(status.submittedAt)}`
              : ''}
          </dd>
          <dt>À transmettre au plus tard le</dt>
          <dd>
            {formatDate(due)}
            {late ? (
              <>
                {' '}
                <span class="state state-late">date limite dépassée</span>
              </>
            ) : null}
          </dd>
          {status.missingCount !== null ? (
            <>
              <dt>Valeurs manquantes à la transmission</dt>
              <dd>{formatCount(status.missingCount)}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section class="panel" aria-labelledby="decision">
        <h2 id="decision">{DECIDER[level].title}</h2>
        <Decision status={status} waiting={DECIDER[level].waiting} />
      </section>
      {level === 'cercle' ? (
        <section class="panel" aria-labelledby="note-csr">
          <h2 id="note-csr">Note du CSR</h2>
          {view.note ? (
            <>
              <p class="note">{view.note.text}</p>
              <p class="hint">
                Écrite par {view.note.author}, mise à jour le {formatDateTime(view.note.updatedAt)}.
              </p>
            </>
          ) : (
            <p class="empty">Aucune note du CSR pour ce trimestre.</p>
          )}
        </section>
      ) : null}
    </>
  );
}

function Decision(props: { status: QuarterStatusInfo; waiting: string }) {
  const { status } = props;
  const d = status.decision;
  if (d) {
    return (
      <dl class="facts">
        <dt>Décision</dt>
        <dd>
          <QuarterStateBadge state={d.decision} /> le {formatDateTime(d.decidedAt)} par {d.decidedBy}
        </dd>
        {d.reason ? (
          <>
            <dt>Motif</dt>
            <dd class="note">{d.reason}</dd>
          </>
        ) : null}
      </dl>
    );
  }
  return (
    <>
      <p class="empty">
        {status.status === 'submitted'
          ? `Transmis : ${props.waiting}.`
          : "Le trimestre n'a pas encore été transmis."}
      </p>
      {status.returnedReason ? (
        <p>
          Motif du dernier renvoi : <span class="note">{status.returnedReason}</span>
        </p>
      ) : null}
    </>
  );
}

/** National has no quarter of its own to send: the due dates of the regions and of consolidation. */
function NationalQuarter(props: { view: AccueilView }) {
  const { view } = props;
  return (
    <section class="panel" aria-labelledby="etat-trimestre">
      <h2 id="etat-trimestre">{quarterLabel(view.quarter)}</h2>
      <dl class="facts">
        <dt>Les régions transmettent au plus tard le</dt>
        <dd>{formatDate(view.deadlines.regionDue)}</dd>
        <dt>Consolidation nationale attendue le</dt>
        <dd>{formatDate(view.deadlines.nationalDue)}</dd>
      </dl>
    </section>
  );
}
