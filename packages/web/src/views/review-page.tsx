import { formatNumberFr, quarterLabel } from '@oise/core';
import type { QuarterReview, ReviewFigure, ReviewLine } from '@oise/entry';
import type { WaitingBundle } from '@oise/sync';
import { CHILD_STATUS_LABELS, type ParentActions } from '@oise/workflow';
import { ChildStateBadge, completenessText, receptionText } from './child-quarter.js';
import { FigureLinesTable } from './figure-lines-table.js';
import { formatCount, formatDate, formatDateTime } from './format.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';
import { QuarterStateBadge } from './quarter-state.js';
import { WaitingBundlesTable } from './waiting-bundles.js';

/** What was just done on the page (`?fait=…` after the redirect). */
export const DONE_KINDS = ['valide', 'consolide', 'renvoye', 'note', 'note-inchangee'] as const;
export type DoneKind = (typeof DONE_KINDS)[number];

/** The review page's forms, to show a refusal next to the one that was sent. */
export type ReviewForm = 'note' | 'decision' | 'renvoi';

/** What every review page shows around its figures: the state, the decision, the packages. */
export interface ReviewFrameView {
  review: Pick<QuarterReview, 'unit' | 'period' | 'state'>;
  /** What the workflow allows on this quarter at this node (`parentActions`). */
  allowed: ParentActions;
  /** The viewer's role may take decisions and write notes ('validate'). */
  mayValidate: boolean;
  /** Packages waiting in the outbox for the child. */
  waiting: (WaitingBundle & { size: string })[];
  canDownload: boolean;
  done?: DoneKind;
  error?: { form: ReviewForm; message: string };
}

export interface ReviewView extends ReviewFrameView {
  review: QuarterReview;
  /** The domain whose figures are listed (one at a time; the unusual ones of all are listed above). */
  domain: string | undefined;
}

/** A child's quarter in review: its state, the decision, the note, the values, the communes. */
export function ReviewPage(props: { frame: PageFrame; view: ReviewView }) {
  const { frame, view } = props;
  const { review } = view;
  const who = `${review.unit.name} (${review.unit.code})`;
  const quarter = `${who} — ${quarterLabel(review.period)}`;
  const title = review.within ? `Communes de ${review.within.name} — ${quarter}` : quarter;
  return (
    <Layout frame={frame} title={title}>
      <p class="breadcrumb">
        {review.within ? (
          <a href={`/trimestres/${review.unit.code}/${review.period}`}>
            Retour aux cercles de {review.unit.name}
          </a>
        ) : (
          <a href="/trimestres">Retour au tableau des trimestres</a>
        )}
      </p>
      <h1>{title}</h1>
      {view.done ? <Done view={view} who={who} /> : null}
      <StateSection review={review} />
      <ValuesSection review={review} domain={view.domain} />
      <CommunesSection review={review} />
      <NoteSection view={view} csrf={frame.csrfToken} />
      <ReviewFooter view={view} csrf={frame.csrfToken} who={who} />
    </Layout>
  );
}

/** The decision and the packages waiting for the child, at the foot of every review page. */
export function ReviewFooter(props: { view: ReviewFrameView; csrf: string; who: string }) {
  const { view, who } = props;
  return (
    <>
      <DecisionSection view={view} csrf={props.csrf} />
      <section class="panel" aria-labelledby="paquets-enfant">
        <h2 id="paquets-enfant">Paquets en attente pour {who}</h2>
        <WaitingBundlesTable
          bundles={view.waiting}
          canDownload={view.canDownload}
          caption={`Paquets écrits pour ${who}, à porter (clé USB, courriel) ou à envoyer`}
        />
      </section>
    </>
  );
}

/** What the last step did, and where its package is. */
export function Done(props: { view: ReviewFrameView; who: string }) {
  const { view, who } = props;
  const outbox =
    view.waiting.length > 0
      ? `Le paquet pour ${who} est dans la boîte d'envoi (ci-dessous, et dans Paquets) : portez-le ou envoyez-le.`
      : `Aucun paquet n'est en attente pour ${who} : il n'est peut-être pas enrôlé ici (Réglages), ou le paquet est déjà parti.`;
  const text: Record<DoneKind, string> = {
    valide: `Trimestre validé. ${outbox} Les valeurs du cercle partent aussi vers le national dans le paquet montant.`,
    consolide: `Trimestre de la région enregistré comme consolidé. ${outbox}`,
    renvoye: `Trimestre renvoyé au cercle avec son motif : il peut de nouveau être saisi. ${outbox}`,
    note: `Note du CSR enregistrée. ${outbox}`,
    'note-inchangee': "La note n'a pas changé : rien n'a été écrit.",
  };
  return <output class="message done">{text[view.done!]}</output>;
}

export function StateSection(props: { review: ReviewFrameView['review'] }) {
  const { state } = props.review;
  const s = state.status;
  return (
    <section class="panel" aria-labelledby="etat">
      <h2 id="etat">État du trimestre</h2>
      <dl class="facts">
        <dt>État</dt>
        <dd>
          <ChildStateBadge state={s.status} />
          {s.submissionNumber !== null && s.submittedAt
            ? ` — transmission n° ${s.submissionNumber} du ${formatDateTime(s.submittedAt)}${s.submittedBy ? ` par ${s.submittedBy}` : ''}`
            : ''}
        </dd>
        {s.missingCount !== null ? (
          <>
            <dt>
              {props.review.unit.level === 'region'
                ? 'Cercles non validés à la transmission'
                : 'Saisies manquantes à la transmission'}
            </dt>
            <dd>{formatCount(s.missingCount)}</dd>
          </>
        ) : null}
        <dt>Réception</dt>
        <dd>
          {receptionText(state)}
          {state.reception === 'late' || state.reception === 'overdue' ? (
            <>
              {' '}
              <span class="state state-late">en retard</span>
            </>
          ) : null}
        </dd>
        <dt>Date limite</dt>
        <dd>{formatDate(state.due)}</dd>
        <dt>Complétude</dt>
        <dd>{completenessText(state)} avec des valeurs</dd>
        {s.decision ? (
          <>
            <dt>Décision</dt>
            <dd>
              <QuarterStateBadge state={s.decision.decision} /> le {formatDateTime(s.decision.decidedAt)} par{' '}
              {s.decision.decidedBy}
            </dd>
          </>
        ) : null}
        {s.returnedReason ? (
          <>
            <dt>Motif du dernier renvoi</dt>
            <dd class="note">{s.returnedReason}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

function FormError(props: { view: ReviewFrameView; form: ReviewForm; id: string }) {
  const { error } = props.view;
  if (!error || error.form !== props.form) return null;
  return (
    <p class="message error" role="alert" id={props.id}>
      {error.message}
    </p>
  );
}

function DecisionSection(props: { view: ReviewFrameView; csrf: string }) {
  const { view } = props;
  const { review, allowed } = view;
  const base = `/trimestres/${review.unit.code}/${review.period}`;
  const national = review.unit.level === 'region';
  const state = review.state.status.status;
  let why: string | undefined;
  if (!allowed.accept)
    why =
      state === 'open' || state === 'returned'
        ? `Aucune décision à prendre : le trimestre est ${CHILD_STATUS_LABELS[state]}, il n'y a pas de transmission en attente.`
        : `Aucune décision à prendre : le trimestre est déjà ${CHILD_STATUS_LABELS[state]}.`;
  else if (!view.mayValidate)
    why = 'Votre rôle ne permet pas de décider : un compte « validation » ou « admin » valide ou renvoie.';
  return (
    <section class="panel" aria-labelledby="decider">
      <h2 id="decider">Décision</h2>
      <FormError view={view} form="decision" id="erreur-decision" />
      {why ? (
        <p class="empty">{why}</p>
      ) : (
        <div class="decisions">
          <form method="post" action={`${base}/valider`} class="stack">
            <input type="hidden" name="_csrf" value={props.csrf} />
            <p class="hint">
              {national
                ? 'Valider enregistre le trimestre de la région comme consolidé, et écrit le paquet qui le lui dit.'
                : 'Valider accepte la dernière transmission : la décision part au cercle, et ses valeurs au national.'}
            </p>
            <div>
              <button type="submit">Valider</button>
            </div>
          </form>
          {allowed.return ? (
            <form method="post" action={`${base}/renvoyer`} class="stack">
              <input type="hidden" name="_csrf" value={props.csrf} />
              <FormError view={view} form="renvoi" id="erreur-renvoi" />
              <div>
                <label for="motif">Motif</label>
                <textarea
                  id="motif"
                  name="motif"
                  rows={3}
                  maxlength={4000}
                  aria-required="true"
                  aria-describedby={view.error?.form === 'renvoi' ? 'erreur-renvoi aide-motif' : 'aide-motif'}
                />
                <p class="hint" id="aide-motif">
                  Obligatoire : ce que le cercle doit corriger avant de transmettre de nouveau.
                </p>
              </div>
              <div>
                <button type="submit" class="secondary">
                  Renvoyer
                </button>
              </div>
            </form>
          ) : null}
        </div>
      )}
    </section>
  );
}

function NoteSection(props: { view: ReviewView; csrf: string }) {
  const { view } = props;
  const { note, cercleNotes } = view.review;
  if (view.review.unit.level === 'region') return <CercleNotesSection notes={cercleNotes} />;
  if (!view.allowed.note && !note) return null;
  const base = `/trimestres/${view.review.unit.code}/${view.review.period}`;
  return (
    <section class="panel" aria-labelledby="note-csr">
      <h2 id="note-csr">Note du CSR</h2>
      {note ? (
        <>
          <p class="note">{note.text}</p>
          <p class="hint">
            Écrite par {note.author}, mise à jour le {formatDateTime(note.updatedAt)} (version {note.revision}
            ).
          </p>
        </>
      ) : (
        <p class="empty">Aucune note pour ce trimestre.</p>
      )}
      {view.allowed.note && view.mayValidate ? (
        <form method="post" action={`${base}/note`} class="stack wide">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <FormError view={view} form="note" id="erreur-note" />
          <div>
            <label for="note">Note du CSR</label>
            <textarea
              id="note"
              name="note"
              rows={4}
              maxlength={4000}
              aria-describedby={view.error?.form === 'note' ? 'erreur-note aide-note' : 'aide-note'}
            >
              {note?.text ?? ''}
            </textarea>
            <p class="hint" id="aide-note">
              Le cercle la lit sur son accueil ; elle part avec le prochain paquet, vers le cercle et le
              national.
            </p>
          </div>
          <div>
            <button type="submit">Enregistrer la note</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** The CSR's notes on a region's cercles, as national reads them. */
export function CercleNotesSection(props: { notes: QuarterReview['cercleNotes'] }) {
  const { notes } = props;
  return (
    <section class="panel" aria-labelledby="note-csr">
      <h2 id="note-csr">Notes du CSR sur les cercles</h2>
      {notes.length === 0 ? (
        <p class="empty">Aucune note du CSR sur les cercles de cette région pour ce trimestre.</p>
      ) : (
        <ul class="notes">
          {notes.map((n) => (
            <li key={n.cercle.code}>
              <strong>
                {n.cercle.name} ({n.cercle.code})
              </strong>
              <p class="note">{n.note.text}</p>
              <p class="hint">
                Écrite par {n.note.author}, mise à jour le {formatDateTime(n.note.updatedAt)}.
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A stored figure as a person reads it: French digits, oui/non, the text. */
export function figureText(
  line: { valueType: ReviewLine['valueType'] },
  figure: (Pick<ReviewFigure, 'value'> & { text?: string | null }) | null,
): string {
  if (!figure) return '—';
  if (line.valueType === 'text') return figure.text ?? '—';
  if (figure.value === null) return '—';
  if (line.valueType === 'boolean') return figure.value === 1 ? 'oui' : 'non';
  return formatNumberFr(figure.value);
}

function ValuesSection(props: { review: QuarterReview; domain: string | undefined }) {
  const { review } = props;
  // One cercle's communes need no cercle column.
  const region = review.unit.level === 'region' && !review.within;
  const [current, ...before] = review.quarters;
  const shown = review.domains.find((d) => d.domain === props.domain) ?? review.domains[0];
  const unusual = review.domains.flatMap((d) =>
    d.lines.filter((l) => l.outlier).map((l) => ({ ...l, domain: d.label })),
  );
  const base = `/trimestres/${review.unit.code}/${review.period}?${review.within ? `cercle=${review.within.code}&` : ''}`;
  return (
    <section class="panel" aria-labelledby="valeurs">
      <h2 id="valeurs">Valeurs du trimestre</h2>
      <p>
        Chaque valeur du {quarterLabel(current!)} à côté des {before.length} trimestres précédents de la même
        commune, un domaine à la fois.{' '}
        {review.outlierCount > 0 ? (
          <strong>
            {formatCount(review.outlierCount)} valeur{review.outlierCount > 1 ? 's' : ''} inhabituelle
            {review.outlierCount > 1 ? 's' : ''} (règle de la saisie : loin de la médiane des trimestres
            précédents de la commune).
          </strong>
        ) : (
          'Aucune valeur inhabituelle.'
        )}
      </p>
      {unusual.length > 0 ? (
        <LinesTable
          caption="Valeurs inhabituelles, tous domaines"
          lines={unusual}
          quarters={review.quarters}
          region={region}
          withDomain
        />
      ) : null}
      {!shown ? (
        <p class="empty">Aucune valeur saisie sur ces trimestres.</p>
      ) : (
        <>
          <nav class="domains" aria-label="Domaines des valeurs">
            <ul>
              {review.domains.map((d) => (
                <li key={d.domain}>
                  <a
                    href={`${base}domaine=${d.domain}#valeurs`}
                    aria-current={d.domain === shown.domain ? 'page' : undefined}
                  >
                    {d.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <LinesTable caption={shown.label} lines={shown.lines} quarters={review.quarters} region={region} />
        </>
      )}
    </section>
  );
}

function LinesTable(props: {
  caption: string;
  lines: (ReviewLine & { domain?: string })[];
  quarters: string[];
  region: boolean;
  withDomain?: boolean;
}) {
  const { quarters } = props;
  const places = [
    ...(props.region ? [{ heading: 'Cercle', of: (l: ReviewLine) => l.cercle?.name ?? '' }] : []),
    { heading: 'Commune', of: (l: ReviewLine) => l.commune.name },
  ];
  return (
    <FigureLinesTable
      caption={props.caption}
      lines={props.lines}
      quarters={quarters}
      places={places}
      keyOf={(l) => `${l.indicator}|${l.category}|${l.commune.code}`}
      figure={(line, i) => (
        <td key={quarters[i]} class={i === 0 ? 'number current' : 'number'}>
          {figureText(line, line.figures[i] ?? null)}
        </td>
      )}
      {...(props.withDomain ? { withDomain: true } : {})}
    />
  );
}

function CommunesSection(props: { review: QuarterReview }) {
  const { review } = props;
  // One cercle's communes need no cercle column.
  const region = review.unit.level === 'region' && !review.within;
  return (
    <section class="panel" aria-labelledby="communes">
      <h2 id="communes">Complétude par commune</h2>
      <div class="table-scroll">
        <table class="completeness">
          <caption class="hint">
            Indicateurs saisis par commune au {quarterLabel(review.period)}, sur les indicateurs à saisir
          </caption>
          <thead>
            <tr>
              {region ? <th scope="col">Cercle</th> : null}
              <th scope="col">Commune</th>
              <th scope="col" class="number">
                Indicateurs saisis
              </th>
              <th scope="col" class="number">
                Attendus
              </th>
            </tr>
          </thead>
          <tbody>
            {review.communes.map((c) => (
              <tr key={c.code}>
                {region ? <td>{c.cercle?.name ?? ''}</td> : null}
                <th scope="row">
                  {c.name} <span class="code">({c.code})</span>
                </th>
                <td class="number">
                  {formatCount(c.entered)}
                  {c.entered === 0 ? <span class="hint"> (aucune valeur)</span> : null}
                </td>
                <td class="number">{formatCount(c.expected)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
