import { type NodeLevel, orgUnitLevelOfNode } from '@oise/core';
import type { EnrolmentPreview } from '@oise/sync';
import { type Lang, text } from '../messages/lang.js';
import { reglagesText } from '../messages/reglages.js';
import { formatDateTime } from './format.js';
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

const levelLabel = (level: NodeLevel, lang: Lang) =>
  text(lang, reglagesText).level(orgUnitLevelOfNode(level));
/** « parent » / « enfant », « parent node » / « child ». */
export const relationLabel = (relation: 'parent' | 'child', lang: Lang) =>
  text(lang, reglagesText).relation(relation === 'child');

/** *Voisins et clés*: this node's key, the trusted neighbours, enrolling and revoking a key. */
export function VoisinsPage(props: { frame: PageFrame; view: VoisinsView }) {
  const { frame, view } = props;
  const { lang } = frame;
  const t = text(lang, reglagesText);
  return (
    <ReglagesLayout frame={frame} section="voisins" canAdmin={view.canAdmin}>
      <NoticeBox notice={view.notice} lang={frame.lang} />
      {view.starter ? (
        <div class="message ok">
          {t.starterReady(view.starter.code)}
          <a
            href={`/reglages/demarrage/${encodeURIComponent(view.starter.code)}`}
            download={view.starter.file}
          >
            {t.starterDownload(view.starter.code)}
          </a>
          {t.starterHandOver(view.starter.code, view.own.fingerprint)}
        </div>
      ) : null}
      {view.pending ? <ConfirmEnrolment frame={frame} pending={view.pending} /> : null}
      <section class="panel" aria-labelledby="cle-du-noeud">
        <h2 id="cle-du-noeud">{t.ownKey}</h2>
        <dl class="facts">
          <dt>{t.node}</dt>
          <dd>
            {view.own.code} ({levelLabel(view.own.level, lang)})
          </dd>
          <dt>{t.fingerprint}</dt>
          <dd>
            <code class="fingerprint">{view.own.fingerprint}</code>
          </dd>
        </dl>
        <p class="hint">{t.readFingerprint}</p>
        <p>
          <a href="/reglages/cle-publique" download={`cle-${view.own.code}.json`}>
            {t.downloadKey(view.own.code)}
          </a>
          {t.downloadKeyAfter}
        </p>
      </section>
      <section class="panel" aria-labelledby="voisins">
        <h2 id="voisins">{t.trusted}</h2>
        {view.neighbours.length === 0 ? (
          <p class="empty">{t.noNeighbour}</p>
        ) : (
          <table>
            <caption class="hint">{t.trustedCaption(view.neighbours.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.neighbour}</th>
                <th scope="col">{t.relationHeading}</th>
                <th scope="col">{t.fingerprint}</th>
                <th scope="col">{t.enrolledOn}</th>
                {view.canAdmin ? <th scope="col">{t.action}</th> : null}
              </tr>
            </thead>
            <tbody>
              {view.neighbours.map((n) => (
                <tr key={n.code}>
                  <th scope="row">
                    {n.name ? `${n.name} (${n.code})` : n.code}
                    <span class="hint"> — {levelLabel(n.level, lang)}</span>
                  </th>
                  <td>{relationLabel(n.relation, lang)}</td>
                  <td>
                    <code class="fingerprint">{n.fingerprint}</code>
                  </td>
                  <td>{formatDateTime(n.enrolledAt, lang)}</td>
                  {view.canAdmin ? (
                    <td>
                      <form method="post" action="/reglages/revoquer">
                        <input type="hidden" name="_csrf" value={frame.csrfToken} />
                        <input type="hidden" name="code" value={n.code} />
                        <button type="submit" class="danger" aria-label={t.revokeLabel(n.code)}>
                          {t.revoke}
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
          <h2 id="enroler">{t.enrolTitle}</h2>
          <p>{t.enrolIntro(view.own.code)}</p>
          <EnrolFileForm
            csrfToken={frame.csrfToken}
            id="cle"
            label={t.enrolField}
            hint={t.enrolHint}
            accept=".json,.oise"
            button={t.readFile}
          />
        </section>
      ) : null}
    </ReglagesLayout>
  );
}

function ConfirmEnrolment(props: { frame: PageFrame; pending: NonNullable<VoisinsView['pending']> }) {
  const { preview, token, name } = props.pending;
  const starter = preview.starter;
  const { lang } = props.frame;
  const t = text(lang, reglagesText);
  return (
    <section class="panel confirm" aria-labelledby="confirmer">
      <h2 id="confirmer">{t.confirmTitle(preview.code)}</h2>
      <dl class="facts">
        <dt>{t.file}</dt>
        <dd>
          {name} ({t.fileKind(preview.kind === 'starter')})
        </dd>
        <dt>{t.node}</dt>
        <dd>
          {preview.code} ({levelLabel(preview.level, lang)}),{' '}
          {t.ofThisNode(relationLabel(preview.relation, lang))}
        </dd>
        <dt>{t.fingerprint}</dt>
        <dd>
          <code class="fingerprint fingerprint-large">{preview.fingerprint}</code>
        </dd>
        {starter ? (
          <>
            <dt>{t.content}</dt>
            <dd>
              {t.starterContent(starter.territory.units, starter.territory.communes, starter.indicators)}
            </dd>
          </>
        ) : null}
      </dl>
      <p>{t.callToCompare(preview.code)}</p>
      <form class="stack" method="post" action="/reglages/enroler/confirmer">
        <input type="hidden" name="_csrf" value={props.frame.csrfToken} />
        <input type="hidden" name="jeton" value={token} />
        <input type="hidden" name="empreinte" value={preview.fingerprint} />
        <div class="check">
          <input id="correspond" name="correspond" type="checkbox" value="oui" required />
          <label for="correspond">{t.matches}</label>
        </div>
        <div class="actions">
          <button type="submit">{t.enrol(preview.code)}</button>
          <a href="/reglages">{t.cancel}</a>
        </div>
      </form>
    </section>
  );
}

/**
 * « Enrôler une clé »'s form: one file (a key or a starter package), streamed to
 * `/reglages/enroler`, which reads it and asks to confirm (*Mise en place* uses it too).
 */
export function EnrolFileForm(props: {
  csrfToken: string;
  id: string;
  label: string;
  hint: string;
  accept: string;
  button: string;
}) {
  return (
    <form
      class="stack"
      method="post"
      action={`/reglages/enroler?_csrf=${encodeURIComponent(props.csrfToken)}`}
      enctype="multipart/form-data"
    >
      <div>
        <label for={props.id}>{props.label}</label>
        <input
          id={props.id}
          name={ENROL_FIELD}
          type="file"
          accept={props.accept}
          aria-describedby={`${props.id}-aide`}
        />
        <p class="hint" id={`${props.id}-aide`}>
          {props.hint}
        </p>
      </div>
      <div>
        <button type="submit">{props.button}</button>
      </div>
    </form>
  );
}
