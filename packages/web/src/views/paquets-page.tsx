import type { NeighbourAddress, WaitingBundle } from '@oise/sync';
import type { JobView } from '../jobs/job-runner.js';
import { UPLOAD_FIELD, UPLOAD_MAX_FILES } from '../uploads/receive-bundles.js';
import { formatCount } from './format.js';
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
  return (
    <Layout frame={frame} title="Paquets">
      <h1>Paquets</h1>
      {view.dropError ? (
        <div class="message error" role="alert">
          {view.dropError}
        </div>
      ) : null}
      {view.result ? <PaquetsResultSection result={view.result} /> : null}
      <p>
        <a href="/paquets/journal">Journal des paquets</a> : ce qui a été reçu, appliqué ou refusé, et
        pourquoi.
      </p>
      <HttpSection frame={frame} view={view} />
      {view.canHandle ? (
        <section class="panel" aria-labelledby="preparer">
          <h2 id="preparer">Préparer les paquets</h2>
          <p>
            Écrit maintenant, pour chaque voisin enrôlé, le paquet signé de ce qu'il n'a pas encore reçu
            (comme la commande « oise export ») ; le passage du matin le fait aussi.
          </p>
          {view.running.export ? (
            <p>
              Préparation en cours : <a href={view.running.export.href}>voir l'avancement</a>.
            </p>
          ) : (
            <form method="post" action="/paquets/preparer">
              <input type="hidden" name="_csrf" value={frame.csrfToken} />
              <button type="submit">Préparer les paquets</button>
            </form>
          )}
        </section>
      ) : null}
      {view.canHandle ? <DropSection frame={frame} /> : null}
      <section class="panel" aria-labelledby="a-envoyer">
        <h2 id="a-envoyer">À envoyer</h2>
        <WaitingBundlesTable
          bundles={view.waiting}
          canDownload={view.canHandle}
          caption="Paquets écrits pour les voisins : téléchargez-les pour une clé USB ou un courriel."
        />
      </section>
    </Layout>
  );
}

function HttpSection(props: { frame: PageFrame; view: PaquetsView }) {
  const { frame, view } = props;
  const withAddress = view.addresses.filter((a) => a.url && !a.problem);
  const waitingFor = (code: string) => view.waiting.filter((w) => w.recipient === code).length;
  const toSend = withAddress.reduce((n, a) => n + waitingFor(a.code), 0);
  const command = (setting: string) => `oise settings --dir ${view.nodeDir} ${setting} http://machine:8080`;
  return (
    <section class="panel" aria-labelledby="http">
      <h2 id="http">Envoyer et recevoir par HTTP</h2>
      {view.addresses.length === 0 ? (
        <p class="empty">
          Aucun voisin enrôlé : enrôlez d'abord la clé d'un voisin (Réglages, ou « oise enroll »).
        </p>
      ) : (
        <table>
          <caption class="hint">Adresse de la boîte de réception de chaque voisin enrôlé.</caption>
          <thead>
            <tr>
              <th scope="col">Voisin</th>
              <th scope="col">Adresse</th>
              <th scope="col">En attente</th>
            </tr>
          </thead>
          <tbody>
            {view.addresses.map((a) => (
              <tr key={a.code}>
                <th scope="row">
                  {a.code} ({a.relation === 'parent' ? 'parent' : 'enfant'})
                </th>
                <td>
                  {a.url ? (a.problem ? `${a.url} — inutilisable : ${a.problem}` : a.url) : 'aucune adresse'}
                </td>
                <td class="number">{countText(waitingFor(a.code))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.addresses.length > 0 && withAddress.length === 0 ? (
        <div class="message">
          <p>
            Aucune adresse n'est réglée : les paquets attendent une clé USB ou un courriel. Pour les envoyer
            par le réseau, réglez l'adresse de la boîte de réception du voisin dans les Réglages, ou avec la
            commande :
          </p>
          {view.addresses.map((a) => (
            <p key={a.code}>
              <code>{command(a.setting)}</code>
            </p>
          ))}
        </div>
      ) : null}
      {withAddress.length > 0 && view.canHandle ? (
        toSend === 0 && !view.running.send ? (
          <p>Rien à envoyer pour le moment : aucun paquet n'attend pour un voisin qui a une adresse.</p>
        ) : view.running.send ? (
          <p>
            Envoi en cours : <a href={view.running.send.href}>voir l'avancement</a>.
          </p>
        ) : (
          <form method="post" action="/paquets/envoi">
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <p class="hint" id="envoi-aide">
              Chaque paquet en attente part vers l'adresse de son destinataire, du plus ancien au plus récent
              (comme « oise send ») ; le passage du matin le fait aussi.
            </p>
            <button type="submit" aria-describedby="envoi-aide">
              Envoyer maintenant
            </button>
          </form>
        )
      ) : null}
      <h3>Recevoir</h3>
      <p>
        Les paquets ne se demandent pas : chaque nœud envoie les siens à la boîte de réception de son voisin.
        Ceux des voisins arrivent donc d'eux-mêmes, et sont appliqués aussitôt, tant que la boîte de réception
        HTTP de ce nœud est ouverte.
      </p>
      {view.inboxAddress ? (
        <p>
          La boîte de réception de ce nœud écoute sur <code>{view.inboxAddress}</code> : c'est l'adresse que
          les voisins règlent chez eux.
        </p>
      ) : (
        <p>
          La boîte de réception HTTP de ce nœud n'est pas ouverte : lancez les pages avec{' '}
          <code>oise ui --dir {view.nodeDir} --inbox-port 8080 --inbox-host 0.0.0.0</code> (ou{' '}
          <code>oise serve</code>), ou déposez ci-dessous les paquets reçus par clé USB ou courriel.
        </p>
      )}
    </section>
  );
}

function countText(n: number): string {
  return n === 0 ? 'aucun paquet' : `${formatCount(n)} paquet${n > 1 ? 's' : ''}`;
}

function DropSection(props: { frame: PageFrame }) {
  return (
    <section class="panel" aria-labelledby="deposer">
      <h2 id="deposer">Déposer des paquets</h2>
      <p>
        Les paquets reçus d'un voisin (clé USB, courriel) sont vérifiés comme à la commande « oise ingest » :
        signature d'une clé enrôlée, destinataire, empreinte. Chacun est appliqué ou refusé, avec sa raison.
      </p>
      <form
        class="stack"
        method="post"
        action={`/paquets/depot?_csrf=${encodeURIComponent(props.frame.csrfToken)}`}
        enctype="multipart/form-data"
      >
        <div>
          <label for="fichiers">Paquets reçus (fichiers .oise.gz)</label>
          <input
            id="fichiers"
            name={UPLOAD_FIELD}
            type="file"
            multiple
            accept=".gz"
            aria-describedby="fichiers-aide"
          />
          <p class="hint" id="fichiers-aide">
            Jusqu'à {formatCount(UPLOAD_MAX_FILES)} fichiers à la fois, 64 Mio au plus chacun.
          </p>
        </div>
        <div>
          <button type="submit">Déposer des paquets</button>
        </div>
      </form>
    </section>
  );
}
