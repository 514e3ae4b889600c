import { NODE_LEVELS, type NodeLevel } from '@oise/core';
import { type Lang, text } from '../messages/lang.js';
import { layoutText } from '../messages/layout.js';
import { premierText } from '../messages/premier.js';
import { LanguageSwitch } from './layout.js';

/** The fields of « Créer le nœud », as typed (kept when refused). */
export interface FirstStartValues {
  niveau: string;
  code: string;
  parent: string;
}

export type FirstStartField = keyof FirstStartValues;

export interface FirstStartView {
  lang: Lang;
  csrfToken: string;
  /** The folder the node goes into, as given to `oise ui --dir`. */
  dir: string;
  values: FirstStartValues;
  /** A refusal beside its field. */
  errors: Partial<Record<FirstStartField, string>>;
  /** A refusal of the whole form (the folder, a creation under way). */
  general?: string | undefined;
}

/** Where « Créer le nœud » posts. */
export const FIRST_START_PATH = '/premier-demarrage';

/**
 * « Premier démarrage d'OISE »: the page `oise ui` serves on a folder without a node: create
 * the node (what `oise init` asks), and how the region's starter package is taken afterwards.
 * No node yet, so no menu: a page of its own.
 */
export function FirstStartPage(props: { view: FirstStartView }) {
  const { view } = props;
  const t = text(view.lang, premierText);
  const hasErrors = Object.keys(view.errors).length > 0;
  return (
    <html lang={view.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${t.title} — OISE`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/static/oise.css" />
      </head>
      <body>
        <a class="skip" href="#contenu">
          {text(view.lang, layoutText).skip}
        </a>
        <header class="banner">
          <p class="brand">OISE</p>
          <div class="who">
            <LanguageSwitch lang={view.lang} here="/" />
          </div>
        </header>
        <main id="contenu">
          <h1>{t.title}</h1>
          <p>{t.intro(view.dir)}</p>
          <p class="hint">{t.loopbackOnly}</p>
          {view.general ? (
            <div class="message error" role="alert">
              {view.general}
            </div>
          ) : hasErrors ? (
            <div class="message error" role="alert">
              {t.formErrors}
            </div>
          ) : null}
          <section class="panel" aria-labelledby="creer">
            <h2 id="creer">{t.createTitle}</h2>
            <form class="stack" method="post" action={FIRST_START_PATH}>
              <input type="hidden" name="_csrf" value={view.csrfToken} />
              <fieldset
                class={view.errors.niveau ? 'field-invalid' : undefined}
                aria-describedby={view.errors.niveau ? 'niveau-erreur' : undefined}
              >
                <legend>{t.levelLegend}</legend>
                {view.errors.niveau ? (
                  <p class="field-error" id="niveau-erreur">
                    {t.error}
                    {view.errors.niveau}
                  </p>
                ) : null}
                {[...NODE_LEVELS].reverse().map((level: NodeLevel) => (
                  <div key={level} class="choice">
                    <input
                      type="radio"
                      id={`niveau-${level}`}
                      name="niveau"
                      value={level}
                      checked={view.values.niveau === level}
                    />
                    <label for={`niveau-${level}`}>{t.levelChoice(level)}</label>
                  </div>
                ))}
              </fieldset>
              <TextField id="code" label={t.codeLabel} hint={t.codeHint} view={view} required />
              <TextField id="parent" label={t.parentLabel} hint={t.parentHint} view={view} />
              <div>
                <button type="submit">{t.createButton}</button>
              </div>
            </form>
          </section>
          <section class="panel" aria-labelledby="paquet">
            <h2 id="paquet">{t.packageTitle}</h2>
            <p>{t.packageIntro}</p>
            <ol>
              <li>{t.packageStep1}</li>
              <li>{t.packageStep2}</li>
              <li>{t.packageStep3}</li>
            </ol>
          </section>
        </main>
      </body>
    </html>
  );
}

function TextField(props: {
  id: 'code' | 'parent';
  label: string;
  hint: string;
  view: FirstStartView;
  required?: boolean;
}) {
  const { id, view } = props;
  const error = view.errors[id];
  const t = text(view.lang, premierText);
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      <p class="hint" id={`${id}-aide`}>
        {props.hint}
      </p>
      {error ? (
        <p class="field-error" id={`${id}-erreur`}>
          {t.error}
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        type="text"
        autocomplete="off"
        spellcheck={false}
        value={view.values[id]}
        required={props.required}
        aria-describedby={error ? `${id}-aide ${id}-erreur` : `${id}-aide`}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}
