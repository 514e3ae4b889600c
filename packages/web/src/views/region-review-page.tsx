import type { CercleFigure, CercleSummary, RegionQuarterReview, RegionReviewLine } from '@oise/entry';
import { type Lang, text } from '../messages/lang.js';
import { trimestresText } from '../messages/trimestres.js';
import { DomainMenu, FigureLinesTable } from './figure-lines-table.js';
import { formatCount, formatQuarter } from './format.js';
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
  const { lang } = frame;
  const t = text(lang, trimestresText);
  const who = `${review.unit.name} (${review.unit.code})`;
  const title = `${who} — ${formatQuarter(review.period, lang)}`;
  const shown = review.domains.find((d) => d.domain === view.domain) ?? review.domains[0];
  return (
    <Layout frame={frame} title={title}>
      <p class="breadcrumb">
        <a href="/trimestres">{t.backToBoard}</a>
      </p>
      <h1>{title}</h1>
      {view.done ? <Done view={view} who={who} lang={lang} /> : null}
      <StateSection review={review} lang={lang} />
      <CerclesSection review={review} domain={shown?.domain} lang={lang} />
      <FiguresSection review={review} shown={shown} lang={lang} />
      <CercleNotesSection
        notes={review.cercles.flatMap((c) =>
          c.note ? [{ cercle: { code: c.code, name: c.name }, note: c.note }] : [],
        )}
        lang={lang}
      />
      <ReviewFooter view={view} csrf={frame.csrfToken} who={who} lang={lang} />
    </Layout>
  );
}

/** Where a cercle's communes are reviewed, in one domain when one is shown. */
function communesHref(review: RegionQuarterReview, cercle: string, domain: string | undefined): string {
  const base = `/trimestres/${review.unit.code}/${review.period}?cercle=${cercle}`;
  return `${base}${domain ? `&domaine=${domain}` : ''}#valeurs`;
}

function CerclesSection(props: { review: RegionQuarterReview; domain: string | undefined; lang: Lang }) {
  const { review, lang } = props;
  const t = text(lang, trimestresText);
  return (
    <section class="panel" aria-labelledby="cercles">
      <h2 id="cercles">{t.cerclesTitle}</h2>
      {review.upToDate ? null : <p class="message warning">{t.staleAggregates}</p>}
      <div class="table-scroll">
        <table class="completeness">
          <caption class="hint">{t.cerclesCaption(formatQuarter(review.period, lang))}</caption>
          <thead>
            <tr>
              <th scope="col">{t.cercle}</th>
              <th scope="col" class="number">
                {t.communesWithValues}
              </th>
              <th scope="col" class="number">
                {t.missingEntries}
              </th>
              <th scope="col" class="number">
                {t.unusualValues}
              </th>
              <th scope="col">{t.noteTitle}</th>
              <th scope="col">{t.communes}</th>
            </tr>
          </thead>
          <tbody>
            {review.cercles.map((c) => (
              <tr key={c.code}>
                <th scope="row">
                  {c.name} <span class="code">({c.code})</span>
                </th>
                <td class="number">{t.communesOf(c.reporting, c.expected)}</td>
                <td class="number">
                  {formatCount(c.missing, lang)} <span class="hint">{t.outOf(c.entries)}</span>
                </td>
                <td class="number">{formatCount(c.outliers, lang)}</td>
                <td>{c.note ? t.hasNote : <span class="hint">{t.noNoteShort}</span>}</td>
                <td>
                  <CercleLink review={review} cercle={c} domain={props.domain} lang={lang} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">{t.missingHint}</p>
    </section>
  );
}

function CercleLink(props: {
  review: RegionQuarterReview;
  cercle: CercleSummary;
  domain: string | undefined;
  lang: Lang;
}) {
  const { cercle } = props;
  const t = text(props.lang, trimestresText);
  return (
    <a href={communesHref(props.review, cercle.code, props.domain)}>
      {t.communesLink(cercle.name)}
      {cercle.arrivedSince > 0 ? <span class="hint">{t.arrivedSince(cercle.arrivedSince)}</span> : null}
    </a>
  );
}

function FiguresSection(props: {
  review: RegionQuarterReview;
  shown: RegionQuarterReview['domains'][number] | undefined;
  lang: Lang;
}) {
  const { review, shown, lang } = props;
  const t = text(lang, trimestresText);
  const [current, ...before] = review.quarters;
  const unusual = review.domains.flatMap((d) =>
    d.lines.filter((l) => l.outlier).map((l) => ({ ...l, domain: d.label })),
  );
  const base = `/trimestres/${review.unit.code}/${review.period}`;
  const n = review.outlierCount;
  return (
    <section class="panel" aria-labelledby="valeurs">
      <h2 id="valeurs">{t.figuresTitle}</h2>
      <p>
        {t.figuresIntro(formatQuarter(current!, lang), before.length)}
        {n > 0 ? <strong>{t.unusualFigures(n)}</strong> : t.noUnusualFigure}
      </p>
      {unusual.length > 0 ? (
        <CercleLinesTable
          caption={t.unusualFiguresCaption}
          lines={unusual}
          quarters={review.quarters}
          lang={lang}
          withDomain
        />
      ) : null}
      {!shown ? (
        <p class="empty">{t.noFigures}</p>
      ) : (
        <>
          <DomainMenu
            label={t.figuresNav}
            domains={review.domains}
            current={shown.domain}
            href={(d) => `${base}?domaine=${d}#valeurs`}
          />
          <CercleLinesTable
            caption={shown.label}
            lines={shown.lines}
            quarters={review.quarters}
            lang={lang}
          />
          <nav aria-label={t.communesByCercle(shown.label)}>
            <p>
              {t.communesOfDomain(shown.label)}
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
function CercleFigureCell(props: {
  line: RegionReviewLine;
  figure: CercleFigure | null;
  current: boolean;
  lang: Lang;
}) {
  const { figure, lang } = props;
  return (
    <td class={props.current ? 'number current' : 'number'}>
      {figureText(props.line, figure, lang)}
      {figure && figure.reporting < figure.expected ? (
        <span class="hint block">
          {text(lang, trimestresText).communesOf(figure.reporting, figure.expected)}
        </span>
      ) : null}
    </td>
  );
}

function CercleLinesTable(props: {
  caption: string;
  lines: (RegionReviewLine & { domain?: string })[];
  quarters: string[];
  lang: Lang;
  withDomain?: boolean;
}) {
  const { quarters, lang } = props;
  return (
    <FigureLinesTable
      caption={props.caption}
      lines={props.lines}
      quarters={quarters}
      places={[{ heading: text(lang, trimestresText).cercle, of: (l) => l.cercle.name }]}
      keyOf={(l) => `${l.indicator}|${l.category}|${l.cercle.code}`}
      figure={(line, i) => (
        <CercleFigureCell
          key={quarters[i]}
          line={line}
          figure={line.figures[i] ?? null}
          current={i === 0}
          lang={lang}
        />
      )}
      lang={lang}
      {...(props.withDomain ? { withDomain: true } : {})}
    />
  );
}
