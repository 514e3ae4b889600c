import {
  BUNDLE_LOG_STATUS_LABELS,
  type BundleLogCounts,
  type BundleLogFilter,
  type BundleLogItem,
  type BundleLogPage,
} from '@oise/sync';
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

const FILTER_LABELS: Record<BundleLogFilter, string> = {
  all: 'Tous les paquets',
  rejected: 'Les paquets refusés',
};

const journalHref = (filter: BundleLogFilter, page = 1) =>
  `/paquets/journal?filtre=${filter === 'rejected' ? 'refuses' : 'tous'}${page > 1 ? `&page=${page}` : ''}`;

/** The log of the bundles received and written here: what was applied or refused, and why. */
export function JournalPage(props: { frame: PageFrame; view: JournalView }) {
  const { frame, view } = props;
  const { log } = view;
  return (
    <Layout frame={frame} title="Journal des paquets">
      <h1>Journal des paquets</h1>
      <p>
        <a href="/paquets">Retour aux paquets</a>
      </p>
      <section class="panel" aria-labelledby="par-voisin">
        <h2 id="par-voisin">Par voisin</h2>
        <CountsTable counts={view.counts} />
      </section>
      <section class="panel" aria-labelledby="journal">
        <h2 id="journal">{FILTER_LABELS[view.filter]}</h2>
        <nav class="filters" aria-label="Filtre du journal">
          <ul>
            {(['all', 'rejected'] as const).map((f) => (
              <li key={f}>
                <a href={journalHref(f)} aria-current={f === view.filter ? 'page' : undefined}>
                  {FILTER_LABELS[f]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {log.items.length === 0 ? (
          <p class="empty">
            {view.filter === 'rejected'
              ? 'Aucun paquet refusé.'
              : 'Aucun paquet reçu ni écrit pour le moment.'}
          </p>
        ) : (
          <LogTable log={log} filter={view.filter} />
        )}
        {log.pageCount > 1 ? <Pager log={log} filter={view.filter} /> : null}
      </section>
    </Layout>
  );
}

function CountsTable(props: { counts: BundleLogCounts[] }) {
  if (props.counts.length === 0) return <p class="empty">Aucun échange pour le moment.</p>;
  return (
    <table>
      <caption class="hint">Paquets reçus de chaque voisin, par verdict, et paquets écrits pour lui.</caption>
      <thead>
        <tr>
          <th scope="col">Voisin</th>
          <th scope="col">Appliqués</th>
          <th scope="col">Déjà reçus</th>
          <th scope="col">Refusés</th>
          <th scope="col">Écrits pour lui</th>
        </tr>
      </thead>
      <tbody>
        {props.counts.map((c) => (
          <tr key={c.neighbour}>
            <th scope="row">{c.neighbour || 'expéditeur inconnu'}</th>
            <td class="number">{formatCount(c.applied)}</td>
            <td class="number">{formatCount(c.duplicate)}</td>
            <td class="number">{formatCount(c.rejected)}</td>
            <td class="number">{formatCount(c.written)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LogTable(props: { log: BundleLogPage; filter: BundleLogFilter }) {
  const { log } = props;
  const first = (log.page - 1) * log.pageSize + 1;
  return (
    <table class="journal">
      <caption class="hint">
        Du plus récent au plus ancien : lignes {formatCount(first)} à{' '}
        {formatCount(first + log.items.length - 1)} sur {formatCount(log.total)}.
      </caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Sens</th>
          <th scope="col">Voisin</th>
          <th scope="col">Numéro</th>
          <th scope="col">État</th>
          <th scope="col">Motif ou contenu</th>
          <th scope="col">Taille</th>
        </tr>
      </thead>
      <tbody>
        {log.items.map((item) => (
          <tr key={item.id}>
            <td class="when">{formatDateTime(item.at)}</td>
            <td>{item.direction === 'in' ? 'reçu' : 'écrit'}</td>
            <td>{neighbourOf(item)}</td>
            <td class="number">{item.sequence > 0 ? formatCount(item.sequence) : '—'}</td>
            <td>
              <span class={`state state-${item.status}`}>{BUNDLE_LOG_STATUS_LABELS[item.status]}</span>
            </td>
            <td>
              <span class="file">{item.file}</span>
              <br />
              {item.status === 'rejected' ? item.reason : contentOf(item)}
            </td>
            <td class="number">{formatBytes(item.bytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function neighbourOf(item: BundleLogItem): string {
  if (item.direction === 'out') return `pour ${item.recipient}`;
  if (!item.sender) return 'expéditeur inconnu';
  // A refusal nobody enrolled signed: the code is only what the body claims.
  return item.signed ? `de ${item.sender}` : `expéditeur inconnu (se dit ${item.sender})`;
}

function contentOf(item: BundleLogItem): string {
  if (item.rows === 0) return 'aucune ligne (accusé de réception)';
  const rows = `${formatCount(item.rows)} ligne${item.rows > 1 ? 's' : ''}`;
  return item.quarters.length ? `${rows} (${item.quarters.map(formatPeriod).join(', ')})` : rows;
}

function Pager(props: { log: BundleLogPage; filter: BundleLogFilter }) {
  const { log, filter } = props;
  return (
    <nav class="pager" aria-label="Pages du journal">
      {log.page > 1 ? <a href={journalHref(filter, log.page - 1)}>Page précédente</a> : null}
      <span>
        Page {formatCount(log.page)} sur {formatCount(log.pageCount)}
      </span>
      {log.page < log.pageCount ? <a href={journalHref(filter, log.page + 1)}>Page suivante</a> : null}
    </nav>
  );
}
