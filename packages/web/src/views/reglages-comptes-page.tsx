import { type Account, PASSWORD_MIN_LENGTH, ROLES, type Role } from '@oise/accounts';
import { text } from '../messages/lang.js';
import { reglagesText } from '../messages/reglages.js';
import { roleText } from '../messages/roles.js';
import { formatDateTime } from './format.js';
import type { PageFrame } from './page-frame.js';
import { type Notice, NoticeBox, ReglagesLayout } from './reglages-frame.js';

export interface ComptesView {
  accounts: Account[];
  /** Accounts matter beyond loopback only: said on a loopback page. */
  loopback: boolean;
  notice?: Notice | undefined;
  /** After a refused « Ajouter », the login and role typed (never the password). */
  typed?: { login: string; role: Role } | undefined;
}

/** *Comptes* (admin): the accounts of `oise user list`, add, change a password, remove. */
export function ComptesPage(props: { frame: PageFrame; view: ComptesView }) {
  const { frame, view } = props;
  const csrf = <input type="hidden" name="_csrf" value={frame.csrfToken} />;
  const { lang } = frame;
  const t = text(lang, reglagesText);
  const roles = text(lang, roleText);
  const passwordHint = t.passwordHint(PASSWORD_MIN_LENGTH);
  return (
    <ReglagesLayout frame={frame} section="comptes" canAdmin={true}>
      <NoticeBox notice={view.notice} lang={frame.lang} />
      {view.loopback ? <p class="message">{t.loopback}</p> : null}
      <section class="panel" aria-labelledby="liste-comptes">
        <h2 id="liste-comptes">{t.accounts}</h2>
        {view.accounts.length === 0 ? (
          <p class="empty">{t.noAccount}</p>
        ) : (
          <table>
            <caption class="hint">{t.accountsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.login}</th>
                <th scope="col">{t.role}</th>
                <th scope="col">{t.changedOn}</th>
                <th scope="col">{t.action}</th>
              </tr>
            </thead>
            <tbody>
              {view.accounts.map((a) => (
                <tr key={a.login}>
                  <th scope="row">{a.login}</th>
                  <td>
                    {a.role} ({roles[a.role]})
                  </td>
                  <td>{formatDateTime(a.updatedAt, lang)}</td>
                  <td>
                    <form method="post" action="/reglages/comptes/supprimer">
                      {csrf}
                      <input type="hidden" name="login" value={a.login} />
                      <button type="submit" class="danger" aria-label={t.removeLabel(a.login)}>
                        {t.remove}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="panel" aria-labelledby="ajouter-compte">
        <h2 id="ajouter-compte">{t.addTitle}</h2>
        <form class="stack" method="post" action="/reglages/comptes/ajouter" autocomplete="off">
          {csrf}
          <div>
            <label for="nouveau-login">{t.login}</label>
            <input
              id="nouveau-login"
              name="login"
              type="text"
              required
              value={view.typed?.login ?? ''}
              aria-describedby="nouveau-login-aide"
            />
            <p class="hint" id="nouveau-login-aide">
              {t.loginHint}
            </p>
          </div>
          <div>
            <label for="nouveau-role">{t.role}</label>
            <select id="nouveau-role" name="role">
              {ROLES.map((r) => (
                <option value={r} selected={(view.typed?.role ?? 'saisie') === r} key={r}>
                  {r} — {roles[r]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="nouveau-mdp">{t.password}</label>
            <input
              id="nouveau-mdp"
              name="mot_de_passe"
              type="password"
              required
              autocomplete="new-password"
              aria-describedby="nouveau-mdp-aide"
            />
            <p class="hint" id="nouveau-mdp-aide">
              {passwordHint}
            </p>
          </div>
          <div>
            <label for="nouveau-mdp2">{t.passwordAgain}</label>
            <input
              id="nouveau-mdp2"
              name="confirmation"
              type="password"
              required
              autocomplete="new-password"
            />
          </div>
          <div>
            <button type="submit">{t.addButton}</button>
          </div>
        </form>
      </section>
      {view.accounts.length > 0 ? (
        <section class="panel" aria-labelledby="changer-mdp">
          <h2 id="changer-mdp">{t.changeTitle}</h2>
          <form class="stack" method="post" action="/reglages/comptes/mot-de-passe" autocomplete="off">
            {csrf}
            <div>
              <label for="mdp-login">{t.account}</label>
              <select id="mdp-login" name="login">
                {view.accounts.map((a) => (
                  <option value={a.login} key={a.login}>
                    {a.login}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="mdp-nouveau">{t.newPassword}</label>
              <input
                id="mdp-nouveau"
                name="mot_de_passe"
                type="password"
                required
                autocomplete="new-password"
                aria-describedby="mdp-nouveau-aide"
              />
              <p class="hint" id="mdp-nouveau-aide">
                {passwordHint}
                {t.sessionsClose}
              </p>
            </div>
            <div>
              <label for="mdp-nouveau2">{t.newPasswordAgain}</label>
              <input
                id="mdp-nouveau2"
                name="confirmation"
                type="password"
                required
                autocomplete="new-password"
              />
            </div>
            <div>
              <button type="submit">{t.changeButton}</button>
            </div>
          </form>
        </section>
      ) : null}
    </ReglagesLayout>
  );
}
