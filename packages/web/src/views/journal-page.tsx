import {
  BUNDLE_LOG_STATUS_LABELS,
  type BundleLogCounts,
  type BundleLogFilter,
  type BundleLogItem,
  type BundleLogPage,
} from '@oise/sync';
import { type Lang, text } from '../messages/lang.js';
import { paquetsText } from '../messages/paquets.js';
import { formatBytes, formatCount, formatDateTime, formatPeriod } from './format.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';

export interface JournalView {
  log: BundleLogPage;
  filter: BundleLogFilter;
  counts: BundleLogCounts[];
}

/** The query word of each filter (`?filtre=refuses`). */
export const JOURNAL_FILTERS: Readonly<Record<string, BundleLogFilter>> = {
  tous: 'all',
  refuses: 'rejected',
};

const filterLabel = (filter: BundleLogFilter, lang: Lang) => {
  const t = text(lang, paquetsText);
  return filter === 'rejected' ? t.filterRejected : t.filterAll;
};

const journalHref = (filter: BundleLogFilter, page = 1) =>
  `/paquets/journal?filtre=${filter === 'rejected' ? 'refuses' : 'tous'}${page > 1 ? `&page=${page}` : ''}`;

/** The log of the bundles received and written here: what was applied or refused, and why. */
export function JournalPage(props: { frame: PageFrame; view: JournalView }) {
  const { frame, view } = props;
  const { log } = view;
  const { lang } = frame;
  const t = text(lang, paquetsText);
  return (
    <Layout frame={frame} title={t.journalTitle}>
      <h1>{t.journalTitle}</h1>
      <p>
        <a href="/paquets">{t.backToPaquets}</a>
      </p>
      <section class="panel" aria-labelledby="par-voisin">
        <h2 id="par-voisin">{t.byNeighbour}</h2>
        <CountsTable counts={view.counts} lang={lang} />
      </section>
      <section class="panel" aria-labelledby="journal">
        <h2 id="journal">{filterLabel(view.filter, lang)}</h2>
        <nav class="filters" aria-label={t.filterNav}>
          <ul>
            {(['all', 'rejected'] as const).map((f) => (
              <li key={f}>
                <a href={journalHref(f)} aria-current={f === view.filter ? 'page' : undefined}>
                  {filterLabel(f, lang)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {log.items.length === 0 ? (
          <p class="empty">{view.filter === 'rejected' ? t.noneRejected : t.noneYet}</p>
        ) : (
          <LogTable log={log} lang={lang} />
        )}
        {log.pageCount > 1 ? <Pager log={log} filter={view.filter} lang={lang} /> : null}
      </section>
    </Layout>
  );
}

function CountsTable(props: { counts: BundleLogCounts[]; lang: Lang }) {
  const { lang } = props;
  const t = text(lang, paquetsText);
  if (props.counts.length === 0) return <p class="empty">{t.noExchange}</p>;
  return (
    <table>
      <caption class="hint">{t.countsCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.neighbour}</th>
          <th scope="col">{t.applieds}</th>
          <th scope="col">{t.duplicates}</th>
          <th scope="col">{t.rejecteds}</th>
          <th scope="col">{t.writtenFor}</th>
        </tr>
      </thead>
      <tbody>
        {props.counts.map((c) => (
          <tr key={c.neighbour}>
            <th scope="row">{c.neighbour || t.unknownSender}</th>
            <td class="number">{formatCount(c.applied, lang)}</td>
            <td class="number">{formatCount(c.duplicate, lang)}</td>
            <td class="number">{formatCount(c.rejected, lang)}</td>
            <td class="number">{formatCount(c.written, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LogTable(props: { log: BundleLogPage; lang: Lang }) {
  const { log, lang } = props;
  const t = text(lang, paquetsText);
  const first = (log.page - 1) * log.pageSize + 1;
  return (
    <table class="journal">
      <caption class="hint">{t.logCaption(first, first + log.items.length - 1, log.total)}</caption>
      <thead>
        <tr>
          <th scope="col">{t.date}</th>
          <th scope="col">{t.way}</th>
          <th scope="col">{t.neighbour}</th>
          <th scope="col">{t.number}</th>
          <th scope="col">{t.state}</th>
          <th scope="col">{t.reasonOrContent}</th>
          <th scope="col">{t.size}</th>
        </tr>
      </thead>
      <tbody>
        {log.items.map((item) => (
          <tr key={item.id}>
            <td class="when">{formatDateTime(item.at, lang)}</td>
            <td>{t.inOut(item.direction === 'in')}</td>
            <td>{neighbourOf(item, lang)}</td>
            <td class="number">{item.sequence > 0 ? formatCount(item.sequence, lang) : '—'}</td>
            <td>
              <span class={`state state-${item.status}`}>{BUNDLE_LOG_STATUS_LABELS[item.status]}</span>
            </td>
            <td>
              <span class="file">{item.file}</span>
              <br />
              {item.status === 'rejected' ? item.reason : contentOf(item, lang)}
            </td>
            <td class="number">{formatBytes(item.bytes, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function neighbourOf(item: BundleLogItem, lang: Lang): string {
  const t = text(lang, paquetsText);
  if (item.direction === 'out') return t.forCode(item.recipient);
  if (!item.sender) return t.unknownSender;
  // A refusal nobody enrolled signed: the code is only what the body claims.
  return item.signed ? t.fromCode(item.sender) : t.claims(item.sender);
}

function contentOf(item: BundleLogItem, lang: Lang): string {
  const t = text(lang, paquetsText);
  if (item.rows === 0) return t.ackRows;
  const rows = t.rows(item.rows);
  return item.quarters.length
    ? `${rows} (${item.quarters.map((p) => formatPeriod(p, lang)).join(', ')})`
    : rows;
}

function Pager(props: { log: BundleLogPage; filter: BundleLogFilter; lang: Lang }) {
  const { log, filter } = props;
  const t = text(props.lang, paquetsText);
  return (
    <nav class="pager" aria-label={t.pagesNav}>
      {log.page > 1 ? <a href={journalHref(filter, log.page - 1)}>{t.previous}</a> : null}
      <span>{t.pageOf(log.page, log.pageCount)}</span>
      {log.page < log.pageCount ? <a href={journalHref(filter, log.page + 1)}>{t.next}</a> : null}
    </nav>
  );
}
