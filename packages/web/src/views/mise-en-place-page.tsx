import type { SetupState } from '@oise/node';
import { text } from '../messages/lang.js';
import { premierText } from '../messages/premier.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';
import { EnrolFileForm } from './reglages-voisins-page.js';

export interface SetupView {
  /** The node folder, as a path to read. */
  dir: string;
  /** Just created by the first start (the page says so). */
  created: boolean;
  fingerprint: string;
  state: SetupState;
  canAdmin: boolean;
}

/** *Mise en place*: the new node's key, then the parent's starter package (or, at national, the territory). */
export function SetupPage(props: { frame: PageFrame; view: SetupView }) {
  const { frame, view } = props;
  const t = text(frame.lang, premierText);
  const { code, level } = frame.node;
  const parent = view.state.parent;
  return (
    <Layout frame={frame} title={t.setupTitle}>
      <h1>{t.setupTitle}</h1>
      {view.created ? (
        <output class="message ok setup-created">{t.created(t.levelName(level), code, view.dir)}</output>
      ) : null}
      {view.state.ready ? <p class="message ok">{t.ready}</p> : null}
      <section class="panel" aria-labelledby="cle">
        <h2 id="cle">{t.keyTitle}</h2>
        <dl class="facts">
          <dt>{t.fingerprint}</dt>
          <dd>
            <code class="fingerprint">{view.fingerprint}</code>
          </dd>
        </dl>
        <p>
          <a href="/reglages/cle-publique" download={`cle-${code}.json`}>
            {t.downloadKey(code)}
          </a>
        </p>
        <p class="hint">{parent ? t.keyText(parent.code) : t.keyTextNational}</p>
      </section>
      {parent ? (
        <section class="panel" aria-labelledby="demarrage">
          <h2 id="demarrage">{t.packageStepTitle(parent.code)}</h2>
          {parent.fingerprint ? (
            <>
              <p class="message ok">{t.parentEnrolled(parent.code, parent.fingerprint)}</p>
              <p>
                {view.state.communes > 0 ? t.territory(view.state.communes) : t.territoryMissing(parent.code)}
              </p>
            </>
          ) : (
            <>
              <p>{t.packageStepText(parent.code, code)}</p>
              {view.canAdmin ? (
                <EnrolFileForm
                  csrfToken={frame.csrfToken}
                  id="paquet-demarrage"
                  label={t.packageField(parent.code)}
                  hint={t.packageHint(code)}
                  accept=".oise"
                  button={t.readFile}
                />
              ) : (
                <p class="message">{t.adminOnly}</p>
              )}
            </>
          )}
        </section>
      ) : (
        <section class="panel" aria-labelledby="territoire">
          <h2 id="territoire">{t.territoryTitle}</h2>
          <p>{view.state.communes > 0 ? t.territory(view.state.communes) : t.territoryText}</p>
          <ul>
            <li>
              <a href="/reglages/territoire">{t.territoryLink}</a>
            </li>
            <li>
              <a href="/reglages">{t.neighboursLink}</a>
            </li>
          </ul>
        </section>
      )}
      <p>
        <a href="/">{t.goHome}</a>
      </p>
    </Layout>
  );
}
