/** A page without the node's frame: for refusals made before anything is known of the viewer. */
export function BarePage(props: { title: string; message: string }) {
  return (
    <html lang="fr">
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
            <a href="/">Retour à l'accueil</a>
          </p>
        </main>
      </body>
    </html>
  );
}
