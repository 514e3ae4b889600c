import { type Account, PASSWORD_MIN_LENGTH, ROLES, ROLE_LABELS, type Role } from '@oise/accounts';
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
  const passwordHint = `${PASSWORD_MIN_LENGTH} caractères au moins.`;
  return (
    <ReglagesLayout frame={frame} section="comptes" canAdmin={true}>
      <NoticeBox notice={view.notice} />
      {view.loopback ? (
        <p class="message">
          Sur ce poste (adresse locale), personne ne se connecte. Les comptes servent quand les pages sont
          ouvertes sur le réseau (oise ui --host …).
        </p>
      ) : null}
      <section class="panel" aria-labelledby="liste-comptes">
        <h2 id="liste-comptes">Comptes</h2>
        {view.accounts.length === 0 ? (
          <p class="empty">Aucun compte sur ce nœud.</p>
        ) : (
          <table>
            <caption class="hint">Les comptes de ce nœud (ils ne voyagent jamais dans les paquets).</caption>
            <thead>
              <tr>
                <th scope="col">Identifiant</th>
                <th scope="col">Rôle</th>
                <th scope="col">Modifié le</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {view.accounts.map((a) => (
                <tr key={a.login}>
                  <th scope="row">{a.login}</th>
                  <td>
                    {a.role} ({ROLE_LABELS[a.role]})
                  </td>
                  <td>{formatDateTime(a.updatedAt)}</td>
                  <td>
                    <form method="post" action="/reglages/comptes/supprimer">
                      {csrf}
                      <input type="hidden" name="login" value={a.login} />
                      <button type="submit" class="danger" aria-label={`Supprimer le compte ${a.login}`}>
                        Supprimer
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
        <h2 id="ajouter-compte">Ajouter un compte</h2>
        <form class="stack" method="post" action="/reglages/comptes/ajouter" autocomplete="off">
          {csrf}
          <div>
            <label for="nouveau-login">Identifiant</label>
            <input
              id="nouveau-login"
              name="login"
              type="text"
              required
              value={view.typed?.login ?? ''}
              aria-describedby="nouveau-login-aide"
            />
            <p class="hint" id="nouveau-login-aide">
              Lettres sans accent, chiffres, point, tiret ou soulignement (par exemple aminata.traore).
            </p>
          </div>
          <div>
            <label for="nouveau-role">Rôle</label>
            <select id="nouveau-role" name="role">
              {ROLES.map((r) => (
                <option value={r} selected={(view.typed?.role ?? 'saisie') === r} key={r}>
                  {r} — {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="nouveau-mdp">Mot de passe</label>
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
            <label for="nouveau-mdp2">Mot de passe, une seconde fois</label>
            <input
              id="nouveau-mdp2"
              name="confirmation"
              type="password"
              required
              autocomplete="new-password"
            />
          </div>
          <div>
            <button type="submit">Ajouter le compte</button>
          </div>
        </form>
      </section>
      {view.accounts.length > 0 ? (
        <section class="panel" aria-labelledby="changer-mdp">
          <h2 id="changer-mdp">Changer un mot de passe</h2>
          <form class="stack" method="post" action="/reglages/comptes/mot-de-passe" autocomplete="off">
            {csrf}
            <div>
              <label for="mdp-login">Compte</label>
              <select id="mdp-login" name="login">
                {view.accounts.map((a) => (
                  <option value={a.login} key={a.login}>
                    {a.login}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="mdp-nouveau">Nouveau mot de passe</label>
              <input
                id="mdp-nouveau"
                name="mot_de_passe"
                type="password"
                required
                autocomplete="new-password"
                aria-describedby="mdp-nouveau-aide"
              />
              <p class="hint" id="mdp-nouveau-aide">
                {passwordHint} Les sessions ouvertes avec l'ancien se ferment.
              </p>
            </div>
            <div>
              <label for="mdp-nouveau2">Nouveau mot de passe, une seconde fois</label>
              <input
                id="mdp-nouveau2"
                name="confirmation"
                type="password"
                required
                autocomplete="new-password"
              />
            </div>
            <div>
              <button type="submit">Changer le mot de passe</button>
            </div>
          </form>
        </section>
      ) : null}
    </ReglagesLayout>
  );
}
