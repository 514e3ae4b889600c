import { connexionText } from '../messages/connexion.js';
import { text } from '../messages/lang.js';
import { LanguageSwitch, Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';

/** The sign-in form (accounts mode), with the language switch (nobody is signed in yet). */
export function LoginPage(props: {
  frame: PageFrame;
  suite: string;
  login?: string;
  error?: string;
}) {
  const { lang } = props.frame;
  const t = text(lang, connexionText);
  return (
    <Layout frame={props.frame} title={t.title}>
      <h1>{t.title}</h1>
      <p>
        <LanguageSwitch lang={lang} here={props.suite} via="/connexion" />
      </p>
      {props.error ? (
        <div class="message error" role="alert">
          {props.error}
        </div>
      ) : (
        <p>{t.intro}</p>
      )}
      <section class="panel">
        <form class="stack" method="post" action="/connexion">
          <input type="hidden" name="_csrf" value={props.frame.csrfToken} />
          <input type="hidden" name="suite" value={props.suite} />
          <div>
            <label for="login">{t.login}</label>
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
            <label for="password">{t.password}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
          </div>
          <div>
            <button type="submit">{t.signIn}</button>
          </div>
        </form>
      </section>
    </Layout>
  );
}
