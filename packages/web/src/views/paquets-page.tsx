import type { NeighbourAddress, WaitingBundle } from '@oise/sync';
import type { JobView } from '../jobs/job-runner.js';
import { text } from '../messages/lang.js';
import { paquetsText } from '../messages/paquets.js';
import { UPLOAD_FIELD, UPLOAD_MAX_FILES } from '../uploads/receive-bundles.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';
import { type PaquetsResult, PaquetsResultSection } from './paquets-results.js';
import { WaitingBundlesTable } from './waiting-bundles.js';

export interface PaquetsView {
  waiting: (WaitingBundle & { size: string })[];
  canHandle: boolean;
  /** Enrolled neighbours and their HTTP addresses. */
  addresses: NeighbourAddress[];
  /** This node's HTTP inbox (`oise ui --inbox-port`), when it listens. */
  inboxAddress: string | undefined;
  /** The node's folder, for the commands the page suggests. */
  nodeDir: string;
  /** Steps of this page still running, with their progress pages. */
  running: { send?: { job: JobView; href: string }; export?: { job: JobView; href: string } };
  /** The result of the step just made, if any. */
  result?: PaquetsResult;
  /** Why a drop was refused whole (nothing kept). */
  dropError?: string;
}

/**
 * Packages: send and receive over HTTP, prepare the packages now, drop received ones into the
 * inbox, and the outbox to download; the log is a page of its own.
 */
export function PaquetsPage(props: { frame: PageFrame; view: PaquetsView }) {
  const { frame, view } = props;
  const t = text(frame.lang, paquetsText);
  return (
    <Layout frame={frame} title={t.title}>
      <h1>{t.title}</h1>
      {view.dropError ? (
        <div class="message error" role="alert">
          {view.dropError}
        </div>
      ) : null}
      {view.result ? <PaquetsResultSection result={view.result} lang={frame.lang} /> : null}
      <p>
        <a href="/paquets/journal">{t.journalLink}</a>
        {t.journalLinkAfter}
      </p>
      <HttpSection frame={frame} view={view} />
      {view.canHandle ? (
        <section class="panel" aria-labelledby="preparer">
          <h2 id="preparer">{t.prepareTitle}</h2>
          <p>{t.prepareIntro}</p>
          {view.running.export ? (
            <p>
              {t.prepareRunning}
              <a href={view.running.export.href}>{t.seeProgress}</a>.
            </p>
          ) : (
            <form method="post" action="/paquets/preparer">
              <input type="hidden" name="_csrf" value={frame.csrfToken} />
              <button type="submit">{t.prepareButton}</button>
            </form>
          )}
        </section>
      ) : null}
      {view.canHandle ? <DropSection frame={frame} /> : null}
      <section class="panel" aria-labelledby="a-envoyer">
        <h2 id="a-envoyer">{t.toSendTitle}</h2>
        <WaitingBundlesTable
          bundles={view.waiting}
          canDownload={view.canHandle}
          caption={t.toSendCaption}
          lang={frame.lang}
        />
      </section>
    </Layout>
  );
}

function HttpSection(props: { frame: PageFrame; view: PaquetsView }) {
  const { frame, view } = props;
  const t = text(frame.lang, paquetsText);
  const withAddress = view.addresses.filter((a) => a.url && !a.problem);
  const waitingFor = (code: string) => view.waiting.filter((w) => w.recipient === code).length;
  const toSend = withAddress.reduce((n, a) => n + waitingFor(a.code), 0);
  const command = (setting: string) => `oise settings --dir ${view.nodeDir} ${setting} http://machine:8080`;
  return (
    <section class="panel" aria-labelledby="http">
      <h2 id="http">{t.httpTitle}</h2>
      {view.addresses.length === 0 ? (
        <p class="empty">{t.noNeighbour}</p>
      ) : (
        <table>
          <caption class="hint">{t.addressesCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.neighbour}</th>
              <th scope="col">{t.address}</th>
              <th scope="col">{t.waiting}</th>
            </tr>
          </thead>
          <tbody>
            {view.addresses.map((a) => (
              <tr key={a.code}>
                <th scope="row">
                  {a.code} ({t.relation(a.relation === 'parent')})
                </th>
                <td>{a.url ? (a.problem ? t.unusable(a.url, a.problem) : a.url) : t.noAddress}</td>
                <td class="number">{t.bundles(waitingFor(a.code))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.addresses.length > 0 && withAddress.length === 0 ? (
        <div class="message">
          <p>{t.noAddressSet}</p>
          {view.addresses.map((a) => (
            <p key={a.code}>
              <code>{command(a.setting)}</code>
            </p>
          ))}
        </div>
      ) : null}
      {withAddress.length > 0 && view.canHandle ? (
        toSend === 0 && !view.running.send ? (
          <p>{t.nothingToSend}</p>
        ) : view.running.send ? (
          <p>
            {t.sendRunning}
            <a href={view.running.send.href}>{t.seeProgress}</a>.
          </p>
        ) : (
          <form method="post" action="/paquets/envoi">
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <p class="hint" id="envoi-aide">
              {t.sendHint}
            </p>
            <button type="submit" aria-describedby="envoi-aide">
              {t.sendButton}
            </button>
          </form>
        )
      ) : null}
      <h3>{t.receiveTitle}</h3>
      <p>{t.receiveIntro}</p>
      {view.inboxAddress ? (
        <p>
          {t.inboxListens}
          <code>{view.inboxAddress}</code>
          {t.inboxListensAfter}
        </p>
      ) : (
        <p>
          {t.inboxClosed}
          <code>oise ui --dir {view.nodeDir} --inbox-port 8080 --inbox-host 0.0.0.0</code>
          {t.inboxClosedOr}
          <code>oise serve</code>
          {t.inboxClosedAfter}
        </p>
      )}
    </section>
  );
}

function DropSection(props: { frame: PageFrame }) {
  const t = text(props.frame.lang, paquetsText);
  return (
    <section class="panel" aria-labelledby="deposer">
      <h2 id="deposer">{t.dropTitle}</h2>
      <p>{t.dropIntro}</p>
      <form
        class="stack"
        method="post"
        action={`/paquets/depot?_csrf=${encodeURIComponent(props.frame.csrfToken)}`}
        enctype="multipart/form-data"
      >
        <div>
          <label for="fichiers">{t.dropField}</label>
          <input
            id="fichiers"
            name={UPLOAD_FIELD}
            type="file"
            multiple
            accept=".gz"
            aria-describedby="fichiers-aide"
          />
          <p class="hint" id="fichiers-aide">
            {t.dropHint(UPLOAD_MAX_FILES)}
          </p>
        </div>
        <div>
          <button type="submit">{t.dropButton}</button>
        </div>
      </form>
    </section>
  );
}
