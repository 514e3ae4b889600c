import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';

/** The sign-in form (accounts mode). */
export function LoginPage(props: {
  frame: PageFrame;
  suite: string;
  login?: string;
  error?: string;
}) {
  return (
    <Layout frame={props.frame} title="Connexion">
      <h1>Connexion</h1>
      {props.error ? (
        <div class="message error" role="alert">
          {props.error}
        </div>
      ) : (
        <p>
          Ces pages sont servies sur le réseau : connectez-vous avec le compte que l'administrateur du nœud
          vous a donné.
        </p>
      )}
      <section class="panel">
        <form class="stack" method="post" action="/connexion">
          <input type="hidden" name="_csrf" value={props.frame.csrfToken} />
          <input type="hidden" name="suite" value={props.suite} />
          <div>
            <label for="login">Identifiant</label>
            <input
              id="login"
              name="login"
              type="text"
              autocomplete="username"
              required
              value={props.login ?? ''}
            />
          </div>
          <div>
            <label for="password">Mot de passe</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
          </div>
          <div>
            <button type="submit">Se connecter</button>
          </div>
        </form>
      </section>
    </Layout>
  );
}
