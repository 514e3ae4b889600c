import type { QuarterReview, ReviewFigure, ReviewLine } from '@oise/entry';
import type { WaitingBundle } from '@oise/sync';
import type { ParentActions } from '@oise/workflow';
import { type Lang, text } from '../messages/lang.js';
import { type DoneKind, trimestresText } from '../messages/trimestres.js';
import { ChildStateBadge, completenessText, receptionText } from './child-quarter.js';
import { DomainMenu, FigureLinesTable } from './figure-lines-table.js';
import { formatCount, formatDate, formatDateTime, formatNumber, formatQuarter } from './format.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';
import { QuarterStateBadge } from './quarter-state.js';
import { WaitingBundlesTable } from './waiting-bundles.js';

export { DONE_KINDS, type DoneKind } from '../messages/trimestres.js';

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
  const { lang } = frame;
  const t = text(lang, trimestresText);
  const who = `${review.unit.name} (${review.unit.code})`;
  const quarter = `${who} — ${formatQuarter(review.period, lang)}`;
  const title = review.within ? t.communesOfTitle(review.within.name, quarter) : quarter;
  return (
    <Layout frame={frame} title={title}>
      <p class="breadcrumb">
        {review.within ? (
          <a href={`/trimestres/${review.unit.code}/${review.period}`}>{t.backToCercles(review.unit.name)}</a>
        ) : (
          <a href="/trimestres">{t.backToBoard}</a>
        )}
      </p>
      <h1>{title}</h1>
      {view.done ? <Done view={view} who={who} lang={lang} /> : null}
      <StateSection review={review} lang={lang} />
      <ValuesSection review={review} domain={view.domain} lang={lang} />
      <CommunesSection review={review} lang={lang} />
      <NoteSection view={view} csrf={frame.csrfToken} lang={lang} />
      <ReviewFooter view={view} csrf={frame.csrfToken} who={who} lang={lang} />
    </Layout>
  );
}

/** The decision and the packages waiting for the child, at the foot of every review page. */
export function ReviewFooter(props: { view: ReviewFrameView; csrf: string; who: string; lang: Lang }) {
  const { view, who, lang } = props;
  const t = text(lang, trimestresText);
  return (
    <>
      <DecisionSection view={view} csrf={props.csrf} lang={lang} />
      <section class="panel" aria-labelledby="paquets-enfant">
        <h2 id="paquets-enfant">{t.waitingTitle(who)}</h2>
        <WaitingBundlesTable
          bundles={view.waiting}
          canDownload={view.canDownload}
          caption={t.waitingCaption(who)}
          lang={lang}
        />
      </section>
    </>
  );
}

/** What the last step did, and where its package is. */
export function Done(props: { view: ReviewFrameView; who: string; lang: Lang }) {
  const { view, who } = props;
  const t = text(props.lang, trimestresText);
  const outbox = view.waiting.length > 0 ? t.outboxWaiting(who) : t.outboxEmpty(who);
  return <output class="message done">{t.done(view.done!, outbox)}</output>;
}

export function StateSection(props: { review: ReviewFrameView['review']; lang: Lang }) {
  const { lang } = props;
  const t = text(lang, trimestresText);
  const { state } = props.review;
  const s = state.status;
  return (
    <section class="panel" aria-labelledby="etat">
      <h2 id="etat">{t.stateTitle}</h2>
      <dl class="facts">
        <dt>{t.state}</dt>
        <dd>
          <ChildStateBadge state={s.status} lang={lang} />
          {s.submissionNumber !== null && s.submittedAt
            ? t.submittedBy(s.submissionNumber, formatDateTime(s.submittedAt, lang), s.submittedBy)
            : ''}
        </dd>
        {s.missingCount !== null ? (
          <>
            <dt>{props.review.unit.level === 'region' ? t.cerclesNotValidatedAt : t.entriesMissingAt}</dt>
            <dd>{formatCount(s.missingCount, lang)}</dd>
          </>
        ) : null}
        <dt>{t.receptionTerm}</dt>
        <dd>
          {receptionText(state, lang)}
          {state.reception === 'late' || state.reception === 'overdue' ? (
            <>
              {' '}
              <span class="state state-late">{t.late}</span>
            </>
          ) : null}
        </dd>
        <dt>{t.dueDate}</dt>
        <dd>{formatDate(state.due, lang)}</dd>
        <dt>{t.completeness}</dt>
        <dd>{t.withValues(completenessText(state, lang))}</dd>
        {s.decision ? (
          <>
            <dt>{t.decision}</dt>
            <dd>
              <QuarterStateBadge state={s.decision.decision} lang={lang} />
              {t.decidedBy(formatDateTime(s.decision.decidedAt, lang), s.decision.decidedBy)}
            </dd>
          </>
        ) : null}
        {s.returnedReason ? (
          <>
            <dt>{t.lastReturnReason}</dt>
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

function DecisionSection(props: { view: ReviewFrameView; csrf: string; lang: Lang }) {
  const { view } = props;
  const t = text(props.lang, trimestresText);
  const { review, allowed } = view;
  const base = `/trimestres/${review.unit.code}/${review.period}`;
  const national = review.unit.level === 'region';
  const state = review.state.status.status;
  let why: string | undefined;
  if (!allowed.accept)
    why =
      state === 'open' || state === 'returned'
        ? t.noDecisionOpen(t.childStatus(state))
        : t.noDecisionDone(t.childStatus(state));
  else if (!view.mayValidate) why = t.roleMayNotDecide;
  return (
    <section class="panel" aria-labelledby="decider">
      <h2 id="decider">{t.decision}</h2>
      <FormError view={view} form="decision" id="erreur-decision" />
      {why ? (
        <p class="empty">{why}</p>
      ) : (
        <div class="decisions">
          <form method="post" action={`${base}/valider`} class="stack">
            <input type="hidden" name="_csrf" value={props.csrf} />
            <p class="hint">{national ? t.validateHintNational : t.validateHintRegion}</p>
            <div>
              <button type="submit">{t.validate}</button>
            </div>
          </form>
          {allowed.return ? (
            <form method="post" action={`${base}/renvoyer`} class="stack">
              <input type="hidden" name="_csrf" value={props.csrf} />
              <FormError view={view} form="renvoi" id="erreur-renvoi" />
              <div>
                <label for="motif">{t.reason}</label>
                <textarea
                  id="motif"
                  name="motif"
                  rows={3}
                  maxlength={4000}
                  aria-required="true"
                  aria-describedby={view.error?.form === 'renvoi' ? 'erreur-renvoi aide-motif' : 'aide-motif'}
                />
                <p class="hint" id="aide-motif">
                  {t.reasonHint}
                </p>
              </div>
              <div>
                <button type="submit" class="secondary">
                  {t.giveBack}
                </button>
              </div>
            </form>
          ) : null}
        </div>
      )}
    </section>
  );
}

function NoteSection(props: { view: ReviewView; csrf: string; lang: Lang }) {
  const { view, lang } = props;
  const t = text(lang, trimestresText);
  const { note, cercleNotes } = view.review;
  if (view.review.unit.level === 'region') return <CercleNotesSection notes={cercleNotes} lang={lang} />;
  if (!view.allowed.note && !note) return null;
  const base = `/trimestres/${view.review.unit.code}/${view.review.period}`;
  return (
    <section class="panel" aria-labelledby="note-csr">
      <h2 id="note-csr">{t.noteTitle}</h2>
      {note ? (
        <>
          <p class="note">{note.text}</p>
          <p class="hint">
            {t.noteVersion(note.author, formatDateTime(note.updatedAt, lang), note.revision)}
          </p>
        </>
      ) : (
        <p class="empty">{t.noNote}</p>
      )}
      {view.allowed.note && view.mayValidate ? (
        <form method="post" action={`${base}/note`} class="stack wide">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <FormError view={view} form="note" id="erreur-note" />
          <div>
            <label for="note">{t.noteTitle}</label>
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
              {t.noteHint}
            </p>
          </div>
          <div>
            <button type="submit">{t.saveNote}</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** The CSR's notes on a region's cercles, as national reads them. */
export function CercleNotesSection(props: { notes: QuarterReview['cercleNotes']; lang: Lang }) {
  const { notes, lang } = props;
  const t = text(lang, trimestresText);
  return (
    <section class="panel" aria-labelledby="note-csr">
      <h2 id="note-csr">{t.cercleNotesTitle}</h2>
      {notes.length === 0 ? (
        <p class="empty">{t.noCercleNote}</p>
      ) : (
        <ul class="notes">
          {notes.map((n) => (
            <li key={n.cercle.code}>
              <strong>
                {n.cercle.name} ({n.cercle.code})
              </strong>
              <p class="note">{n.note.text}</p>
              <p class="hint">{t.noteWrittenBy(n.note.author, formatDateTime(n.note.updatedAt, lang))}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A stored figure as a person reads it: the page's digits, oui/non (yes/no), the text. */
export function figureText(
  line: { valueType: ReviewLine['valueType'] },
  figure: (Pick<ReviewFigure, 'value'> & { text?: string | null }) | null,
  lang: Lang,
): string {
  if (!figure) return '—';
  if (line.valueType === 'text') return figure.text ?? '—';
  if (figure.value === null) return '—';
  const t = text(lang, trimestresText);
  if (line.valueType === 'boolean') return figure.value === 1 ? t.yes : t.no;
  return formatNumber(figure.value, 2, lang);
}

function ValuesSection(props: { review: QuarterReview; domain: string | undefined; lang: Lang }) {
  const { review, lang } = props;
  const t = text(lang, trimestresText);
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
      <h2 id="valeurs">{t.valuesTitle}</h2>
      <p>
        {t.valuesIntro(formatQuarter(current!, lang), before.length)}
        {review.outlierCount > 0 ? <strong>{t.unusualCount(review.outlierCount)}</strong> : t.noUnusual}
      </p>
      {unusual.length > 0 ? (
        <LinesTable
          caption={t.unusualCaption}
          lines={unusual}
          quarters={review.quarters}
          region={region}
          lang={lang}
          withDomain
        />
      ) : null}
      {!shown ? (
        <p class="empty">{t.noValues}</p>
      ) : (
        <>
          <DomainMenu
            label={t.domainsNav}
            domains={review.domains}
            current={shown.domain}
            href={(d) => `${base}domaine=${d}#valeurs`}
          />
          <LinesTable
            caption={shown.label}
            lines={shown.lines}
            quarters={review.quarters}
            region={region}
            lang={lang}
          />
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
  lang: Lang;
  withDomain?: boolean;
}) {
  const { quarters, lang } = props;
  const t = text(lang, trimestresText);
  const places = [
    ...(props.region ? [{ heading: t.cercle, of: (l: ReviewLine) => l.cercle?.name ?? '' }] : []),
    { heading: t.commune, of: (l: ReviewLine) => l.commune.name },
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
          {figureText(line, line.figures[i] ?? null, lang)}
        </td>
      )}
      lang={lang}
      {...(props.withDomain ? { withDomain: true } : {})}
    />
  );
}

function CommunesSection(props: { review: QuarterReview; lang: Lang }) {
  const { review, lang } = props;
  const t = text(lang, trimestresText);
  // One cercle's communes need no cercle column.
  const region = review.unit.level === 'region' && !review.within;
  return (
    <section class="panel" aria-labelledby="communes">
      <h2 id="communes">{t.communesTitle}</h2>
      <div class="table-scroll">
        <table class="completeness">
          <caption class="hint">{t.communesCaption(formatQuarter(review.period, lang))}</caption>
          <thead>
            <tr>
              {region ? <th scope="col">{t.cercle}</th> : null}
              <th scope="col">{t.commune}</th>
              <th scope="col" class="number">
                {t.entered}
              </th>
              <th scope="col" class="number">
                {t.expected}
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
                  {formatCount(c.entered, lang)}
                  {c.entered === 0 ? <span class="hint">{t.noValue}</span> : null}
                </td>
                <td class="number">{formatCount(c.expected, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
