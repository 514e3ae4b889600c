import { countFr, formatNumberFr, quarterLabel } from '@oise/core';
import type { CercleFigure, CercleSummary, RegionQuarterReview, RegionReviewLine } from '@oise/entry';
import { FigureLinesTable } from './figure-lines-table.js';
import { formatCount } from './format.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';
import {
  CercleNotesSection,
  Done,
  ReviewFooter,
  type ReviewFrameView,
  StateSection,
  figureText,
} from './review-page.js';

export interface RegionReviewView extends ReviewFrameView {
  review: RegionQuarterReview;
  /** The domain whose cercle figures are listed (one at a time; the unusual ones of all are listed above). */
  domain: string | undefined;
}

/** A region's quarter in review at national: its cercles' figures first, their communes one link away. */
export function RegionReviewPage(props: { frame: PageFrame; view: RegionReviewView }) {
  const { frame, view } = props;
  const { review } = view;
  const who = `${review.unit.name} (${review.unit.code})`;
  const title = `${who} — ${quarterLabel(review.period)}`;
  const shown = review.domains.find((d) => d.domain === view.domain) ?? review.domains[0];
  return (
    <Layout frame={frame} title={title}>
      <p class="breadcrumb">
        <a href="/trimestres">Retour au tableau des trimestres</a>
      </p>
      <h1>{title}</h1>
      {view.done ? <Done view={view} who={who} /> : null}
      <StateSection review={review} />
      <CerclesSection review={review} domain={shown?.domain} />
      <FiguresSection review={review} shown={shown} />
      <CercleNotesSection
        notes={review.cercles.flatMap((c) =>
          c.note ? [{ cercle: { code: c.code, name: c.name }, note: c.note }] : [],
        )}
      />
      <ReviewFooter view={view} csrf={frame.csrfToken} who={who} />
    </Layout>
  );
}

/** Where a cercle's communes are reviewed, in one domain when one is shown. */
function communesHref(review: RegionQuarterReview, cercle: string, domain: string | undefined): string {
  const base = `/trimestres/${review.unit.code}/${review.period}?cercle=${cercle}`;
  return `${base}${domain ? `&domaine=${domain}` : ''}#valeurs`;
}

function CerclesSection(props: { review: RegionQuarterReview; domain: string | undefined }) {
  const { review } = props;
  return (
    <section class="panel" aria-labelledby="cercles">
      <h2 id="cercles">Cercles de la région</h2>
      {review.upToDate ? null : (
        <p class="message warning">
          Les chiffres des cercles sont ceux de la dernière consolidation : des valeurs sont arrivées depuis.
          Lancez « Consolider maintenant » depuis l'accueil pour les y ajouter.
        </p>
      )}
      <div class="table-scroll">
        <table class="completeness">
          <caption class="hint">
            Complétude, saisies manquantes et valeurs inhabituelles de chaque cercle au{' '}
            {quarterLabel(review.period)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Cercle</th>
              <th scope="col" class="number">
                Communes avec des valeurs
              </th>
              <th scope="col" class="number">
                Saisies manquantes
              </th>
              <th scope="col" class="number">
                Valeurs inhabituelles
              </th>
              <th scope="col">Note du CSR</th>
              <th scope="col">Communes</th>
            </tr>
          </thead>
          <tbody>
            {review.cercles.map((c) => (
              <tr key={c.code}>
                <th scope="row">
                  {c.name} <span class="code">({c.code})</span>
                </th>
                <td class="number">
                  {formatNumberFr(c.reporting)} / {countFr(c.expected, 'commune')}
                </td>
                <td class="number">
                  {formatCount(c.missing)} <span class="hint">sur {formatCount(c.entries)}</span>
                </td>
                <td class="number">{formatCount(c.outliers)}</td>
                <td>{c.note ? 'oui (ci-dessous)' : <span class="hint">aucune</span>}</td>
                <td>
                  <CercleLink review={review} cercle={c} domain={props.domain} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">
        Saisies manquantes : les communes × indicateurs à saisir sans valeur, d'après les agrégats de la
        consolidation. Les chiffres de chaque commune sont sur la page de son cercle.
      </p>
    </section>
  );
}

function CercleLink(props: {
  review: RegionQuarterReview;
  cercle: CercleSummary;
  domain: string | undefined;
}) {
  const { cercle } = props;
  return (
    <a href={communesHref(props.review, cercle.code, props.domain)}>
      Communes de {cercle.name}
      {cercle.arrivedSince > 0 ? (
        <span class="hint">
          {' '}
          ({countFr(cercle.arrivedSince, 'valeur arrivée', 'valeurs arrivées')} depuis)
        </span>
      ) : null}
    </a>
  );
}

function FiguresSection(props: {
  review: RegionQuarterReview;
  shown: RegionQuarterReview['domains'][number] | undefined;
}) {
  const { review, shown } = props;
  const [current, ...before] = review.quarters;
  const unusual = review.domains.flatMap((d) =>
    d.lines.filter((l) => l.outlier).map((l) => ({ ...l, domain: d.label })),
  );
  const base = `/trimestres/${review.unit.code}/${review.period}`;
  const n = review.outlierCount;
  return (
    <section class="panel" aria-labelledby="valeurs">
      <h2 id="valeurs">Chiffres des cercles</h2>
      <p>
        Chaque chiffre d'un cercle au {quarterLabel(current!)} (la somme de ses communes, ou la règle de
        l'indicateur) à côté des {before.length} trimestres précédents, un domaine à la fois.{' '}
        {n > 0 ? (
          <strong>
            {formatCount(n)} chiffre{n > 1 ? 's' : ''} inhabituel{n > 1 ? 's' : ''} (règle de la saisie : loin
            de la médiane des trimestres précédents du cercle).
          </strong>
        ) : (
          'Aucun chiffre inhabituel.'
        )}
      </p>
      {unusual.length > 0 ? (
        <CercleLinesTable
          caption="Chiffres inhabituels des cercles, tous domaines"
          lines={unusual}
          quarters={review.quarters}
          withDomain
        />
      ) : null}
      {!shown ? (
        <p class="empty">Aucun chiffre consolidé pour les cercles sur ces trimestres.</p>
      ) : (
        <>
          <nav class="domains" aria-label="Domaines des chiffres">
            <ul>
              {review.domains.map((d) => (
                <li key={d.domain}>
                  <a
                    href={`${base}?domaine=${d.domain}#valeurs`}
                    aria-current={d.domain === shown.domain ? 'page' : undefined}
                  >
                    {d.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <CercleLinesTable caption={shown.label} lines={shown.lines} quarters={review.quarters} />
          <nav aria-label={`Communes par cercle, ${shown.label}`}>
            <p>
              Les communes, {shown.label.toLowerCase()} :{' '}
              {review.cercles.map((c, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a key={c.code} href={communesHref(review, c.code, shown.domain)}>
                    {c.name}
                  </a>
                </>
              ))}
              .
            </p>
          </nav>
        </>
      )}
    </section>
  );
}

/** A cercle's figure, and how many communes it comes from when some are missing. */
function CercleFigureCell(props: { line: RegionReviewLine; figure: CercleFigure | null; current: boolean }) {
  const { figure } = props;
  return (
    <td class={props.current ? 'number current' : 'number'}>
      {figureText(props.line, figure)}
      {figure && figure.reporting < figure.expected ? (
        <span class="hint block">
          {formatNumberFr(figure.reporting)} / {countFr(figure.expected, 'commune')}
        </span>
      ) : null}
    </td>
  );
}

function CercleLinesTable(props: {
  caption: string;
  lines: (RegionReviewLine & { domain?: string })[];
  quarters: string[];
  withDomain?: boolean;
}) {
  const { quarters } = props;
  return (
    <FigureLinesTable
      caption={props.caption}
      lines={props.lines}
      quarters={quarters}
      places={[{ heading: 'Cercle', of: (l) => l.cercle.name }]}
      keyOf={(l) => `${l.indicator}|${l.category}|${l.cercle.code}`}
      figure={(line, i) => (
        <CercleFigureCell key={quarters[i]} line={line} figure={line.figures[i] ?? null} current={i === 0} />
      )}
      {...(props.withDomain ? { withDomain: true } : {})}
    />
  );
}
