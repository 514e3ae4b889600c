import { type Lang, text } from '../messages/lang.js';
import { layoutText } from '../messages/layout.js';

/** A page without the node's frame: for refusals made before anything is known of the viewer. */
export function BarePage(props: { lang: Lang; title: string; message: string }) {
  const t = text(props.lang, layoutText);
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} — OISE`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/static/oise.css" />
      </head>
      <body>
        <main id="contenu">
          <h1>{props.title}</h1>
          <div class="message error" role="alert">
            {props.message}
          </div>
          <p>
            <a href="/">{t.backHome}</a>
          </p>
        </main>
      </body>
    </html>
  );
}
