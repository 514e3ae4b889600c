import type { WaitingBundle } from '@oise/sync';
import type { DropVerdict } from '../uploads/drop-bundles.js';
import { UPLOAD_FIELD, UPLOAD_MAX_FILES } from '../uploads/receive-bundles.js';
import { formatCount } from './format.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';
import { WaitingBundlesTable } from './waiting-bundles.js';

export interface PaquetsView {
  waiting: (WaitingBundle & { size: string })[];
  canHandle: boolean;
  /** The verdicts of the drop just made, if any. */
  verdicts?: DropVerdict[];
  /** Why a drop was refused whole (nothing kept). */
  dropError?: string;
}

const VERDICT_LABELS: Record<DropVerdict['status'], string> = {
  applied: 'appliqué',
  duplicate: 'déjà reçu',
  rejected: 'refusé',
  ignored: 'pas un paquet',
  queued: 'en attente',
};

/** The outbox to download, and the drop of received packages into the inbox. */
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
      {view.verdicts ? <DropResults verdicts={view.verdicts} /> : null}
      {view.canHandle ? (
        <section class="panel" aria-labelledby="deposer">
          <h2 id="deposer">Déposer des paquets</h2>
          <p>
            Les paquets reçus d'un voisin (clé USB, courriel) sont vérifiés comme à la commande « oise ingest
            » : signature d'une clé enrôlée, destinataire, empreinte. Chacun est appliqué ou refusé, avec sa
            raison.
          </p>
          <form
            class="stack"
            method="post"
            action={`/paquets/depot?_csrf=${encodeURIComponent(frame.csrfToken)}`}
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
      ) : null}
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

function DropResults(props: { verdicts: DropVerdict[] }) {
  return (
    <section class="panel" aria-labelledby="resultat-depot">
      <h2 id="resultat-depot">Résultat du dépôt</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Fichier</th>
            <th scope="col">Verdict</th>
            <th scope="col">Détail</th>
          </tr>
        </thead>
        <tbody>
          {props.verdicts.map((v) => (
            <tr key={v.storedAs}>
              <td>{v.file}</td>
              <td>
                <span class={`state state-${v.status}`}>{VERDICT_LABELS[v.status]}</span>
              </td>
              <td>
                {v.sender && v.sequence !== null ? `de ${v.sender}, paquet n° ${v.sequence} — ` : ''}
                {v.reason}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
