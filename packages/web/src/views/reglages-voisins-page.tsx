import { type NodeLevel, ORG_UNIT_LEVEL_LABELS, orgUnitLevelOfNode } from '@oise/core';
import type { EnrolmentPreview } from '@oise/sync';
import { formatCount, formatDateTime } from './format.js';
import type { PageFrame } from './page-frame.js';
import { type Notice, NoticeBox, ReglagesLayout } from './reglages-frame.js';

export const ENROL_FIELD = 'cle';

export interface NeighbourRow {
  code: string;
  name: string | null;
  relation: 'parent' | 'child';
  level: NodeLevel;
  fingerprint: string;
  enrolledAt: string;
}

export interface VoisinsView {
  own: { code: string; level: NodeLevel; fingerprint: string };
  neighbours: NeighbourRow[];
  canAdmin: boolean;
  notice?: Notice | undefined;
  /** A file read and checked, waiting for the fingerprint to be confirmed by phone. */
  pending?: { token: string; name: string; preview: EnrolmentPreview } | undefined;
  /** A child just enrolled: its starter package to hand over. */
  starter?: { code: string; file: string } | undefined;
}

const levelLabel = (level: NodeLevel) => ORG_UNIT_LEVEL_LABELS[orgUnitLevelOfNode(level)];
export const RELATION_LABELS = { parent: 'parent', child: 'enfant' } as const;

/** *Voisins et clés*: this node's key, the trusted neighbours, enrolling and revoking a key. */
export function VoisinsPage(props: { frame: PageFrame; view: VoisinsView }) {
  const { frame, view } = props;
  return (
    <ReglagesLayout frame={frame} section="voisins" canAdmin={view.canAdmin}>
      <NoticeBox notice={view.notice} />
      {view.starter ? (
        <div class="message ok">
          Paquet de démarrage de {view.starter.code} prêt :{' '}
          <a
            href={`/reglages/demarrage/${encodeURIComponent(view.starter.code)}`}
            download={view.starter.file}
          >
            Télécharger le paquet de démarrage de {view.starter.code}
          </a>
          . Remettez-le à {view.starter.code} (clé USB, courriel), qui l'applique avec « oise enroll » ;
          lisez-lui par téléphone l'empreinte de ce nœud, {view.own.fingerprint}.
        </div>
      ) : null}
      {view.pending ? <ConfirmEnrolment frame={frame} pending={view.pending} /> : null}
      <section class="panel" aria-labelledby="cle-du-noeud">
        <h2 id="cle-du-noeud">La clé de ce nœud</h2>
        <dl class="facts">
          <dt>Nœud</dt>
          <dd>
            {view.own.code} ({levelLabel(view.own.level)})
          </dd>
          <dt>Empreinte</dt>
          <dd>
            <code class="fingerprint">{view.own.fingerprint}</code>
          </dd>
        </dl>
        <p class="hint">
          Lisez cette empreinte par téléphone au voisin qui enrôle votre clé : il doit voir la même sur son
          écran.
        </p>
        <p>
          <a href="/reglages/cle-publique" download={`cle-${view.own.code}.json`}>
            Télécharger la clé publique de {view.own.code}
          </a>{' '}
          (le fichier que produit « oise key export », à remettre au parent et aux enfants).
        </p>
      </section>
      <section class="panel" aria-labelledby="voisins">
        <h2 id="voisins">Voisins de confiance</h2>
        {view.neighbours.length === 0 ? (
          <p class="empty">Aucun voisin enrôlé : ce nœud n'accepte encore aucun paquet.</p>
        ) : (
          <table>
            <caption class="hint">
              Les paquets signés par ces clés sont acceptés ({formatCount(view.neighbours.length)} voisin
              {view.neighbours.length > 1 ? 's' : ''}).
            </caption>
            <thead>
              <tr>
                <th scope="col">Voisin</th>
                <th scope="col">Relation</th>
                <th scope="col">Empreinte</th>
                <th scope="col">Enrôlé le</th>
                {view.canAdmin ? <th scope="col">Action</th> : null}
              </tr>
            </thead>
            <tbody>
              {view.neighbours.map((n) => (
                <tr key={n.code}>
                  <th scope="row">
                    {n.name ? `${n.name} (${n.code})` : n.code}
                    <span class="hint"> — {levelLabel(n.level)}</span>
                  </th>
                  <td>{RELATION_LABELS[n.relation]}</td>
                  <td>
                    <code class="fingerprint">{n.fingerprint}</code>
                  </td>
                  <td>{formatDateTime(n.enrolledAt)}</td>
                  {view.canAdmin ? (
                    <td>
                      <form method="post" action="/reglages/revoquer">
                        <input type="hidden" name="_csrf" value={frame.csrfToken} />
                        <input type="hidden" name="code" value={n.code} />
                        <button type="submit" class="danger" aria-label={`Révoquer la clé de ${n.code}`}>
                          Révoquer
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {view.canAdmin ? (
        <section class="panel" aria-labelledby="enroler">
          <h2 id="enroler">Enrôler une clé</h2>
          <p>
            Choisissez le fichier de clé d'un voisin (produit par « oise key export ») ou le paquet de
            démarrage reçu du parent (demarrage-{view.own.code}.oise). La page montre son code et son
            empreinte : comparez-la par téléphone avant de confirmer.
          </p>
          <form
            class="stack"
            method="post"
            action={`/reglages/enroler?_csrf=${encodeURIComponent(frame.csrfToken)}`}
            enctype="multipart/form-data"
          >
            <div>
              <label for="cle">Fichier de clé ou paquet de démarrage</label>
              <input
                id="cle"
                name={ENROL_FIELD}
                type="file"
                accept=".json,.oise"
                aria-describedby="cle-aide"
              />
              <p class="hint" id="cle-aide">
                Une clé fait moins de 64 Kio ; un paquet de démarrage au plus 64 Mio.
              </p>
            </div>
            <div>
              <button type="submit">Lire le fichier</button>
            </div>
          </form>
        </section>
      ) : null}
    </ReglagesLayout>
  );
}

function ConfirmEnrolment(props: { frame: PageFrame; pending: NonNullable<VoisinsView['pending']> }) {
  const { preview, token, name } = props.pending;
  const starter = preview.starter;
  return (
    <section class="panel confirm" aria-labelledby="confirmer">
      <h2 id="confirmer">Confirmer l'enrôlement de {preview.code}</h2>
      <dl class="facts">
        <dt>Fichier</dt>
        <dd>
          {name} ({preview.kind === 'starter' ? 'paquet de démarrage' : 'clé publique'})
        </dd>
        <dt>Nœud</dt>
        <dd>
          {preview.code} ({levelLabel(preview.level)}), {RELATION_LABELS[preview.relation]} de ce nœud
        </dd>
        <dt>Empreinte</dt>
        <dd>
          <code class="fingerprint fingerprint-large">{preview.fingerprint}</code>
        </dd>
        {starter ? (
          <>
            <dt>Contenu</dt>
            <dd>
              territoire : {formatCount(starter.territory.units)} collectivités, dont{' '}
              {formatCount(starter.territory.communes)} communes de ce nœud ; catalogue :{' '}
              {formatCount(starter.indicators)} indicateurs
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        Appelez {preview.code} et faites-lui lire l'empreinte que montre son écran. Si elle diffère, ne
        confirmez pas : le fichier a été remplacé en chemin.
      </p>
      <form class="stack" method="post" action="/reglages/enroler/confirmer">
        <input type="hidden" name="_csrf" value={props.frame.csrfToken} />
        <input type="hidden" name="jeton" value={token} />
        <input type="hidden" name="empreinte" value={preview.fingerprint} />
        <div class="check">
          <input id="correspond" name="correspond" type="checkbox" value="oui" required />
          <label for="correspond">L'empreinte correspond à celle lue au téléphone</label>
        </div>
        <div class="actions">
          <button type="submit">Enrôler {preview.code}</button>
          <a href="/reglages">Annuler</a>
        </div>
      </form>
    </section>
  );
}
