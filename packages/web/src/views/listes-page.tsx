import { quarterLabel } from '@oise/core';
import type { RecordKind, RecordList } from '@oise/entry';
import { type Lang, text } from '../messages/lang.js';
import { listesText } from '../messages/listes.js';
import { sentence } from './cell-state.js';
import { formatCount } from './format.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';
import { QuarterChooser } from './quarter-chooser.js';
import {
  fieldText,
  formFields,
  isFigure,
  listPath,
  listTitle,
  recordPath,
  recordTitle,
} from './record-fields.js';

/** What a page says after a change: « Entrée ajoutée : Awa Traoré », and the remarks to check. */
export interface ListFlash {
  text: string;
  remarks: string[];
}

export interface ListesIndexView {
  quarter: string;
  choices: string[];
  counts: { kind: RecordKind; count: number }[];
}

/** *Listes*: the cercle's four lists, with how many records each holds for the quarter. */
export function ListesIndexPage(props: { frame: PageFrame; view: ListesIndexView }) {
  const { view } = props;
  const { lang } = props.frame;
  const t = text(lang, listesText);
  const quarter = quarterLabel(view.quarter, lang);
  return (
    <Layout frame={props.frame} title={t.indexTitle(quarter)}>
      <h1>{t.indexHeading(quarter)}</h1>
      <section class="panel" aria-labelledby="choix-listes">
        <h2 id="choix-listes">{t.quarter}</h2>
        <QuarterChooser action="/listes" quarter={view.quarter} choices={view.choices} lang={lang} />
        <p class="hint">{t.byQuarter}</p>
      </section>
      <section class="panel" aria-labelledby="les-listes">
        <h2 id="les-listes">{t.fourLists}</h2>
        <table>
          <caption class="visually-hidden">{t.listsCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.list}</th>
              <th scope="col" class="number">
                {t.entries}
              </th>
              <th scope="col">{t.period}</th>
            </tr>
          </thead>
          <tbody>
            {view.counts.map(({ kind, count }) => {
              const timeless = kind.kind === 'partnerships';
              return (
                <tr key={kind.kind}>
                  <th scope="row">
                    <a href={listPath(kind, timeless ? undefined : view.quarter)}>{listTitle(kind)}</a>
                  </th>
                  <td class="number">{formatCount(count, lang)}</td>
                  <td>{timeless ? t.allQuarters : quarter}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}

export interface RecordListView {
  list: RecordList;
  choices: string[];
  canEnter: boolean;
  flash: ListFlash | undefined;
}

/** One list: its records as a table, « Modifier » and « Supprimer » on each row, « Ajouter ». */
export function RecordListPage(props: { frame: PageFrame; view: RecordListView }) {
  const { list, flash } = props.view;
  const { lang } = props.frame;
  const t = text(lang, listesText);
  const { kind } = list;
  const title = listTitle(kind);
  const period = list.quarter ? ` — ${quarterLabel(list.quarter, lang)}` : '';
  const editable = props.view.canEnter && !list.readOnly;
  const fields = formFields(kind);
  return (
    <Layout frame={props.frame} title={`${title}${period}`}>
      <h1>
        {title}
        {period}
      </h1>
      <p>
        <a href={list.quarter ? `/listes?trimestre=${list.quarter}` : '/listes'}>{t.allLists}</a>
      </p>
      {list.quarter ? (
        <section class="panel" aria-labelledby="choix-liste">
          <h2 id="choix-liste">{t.quarter}</h2>
          <QuarterChooser
            action={listPath(kind)}
            quarter={list.quarter}
            choices={props.view.choices}
            lang={lang}
          />
        </section>
      ) : null}
      {flash ? <FlashMessage flash={flash} lang={lang} /> : null}
      {list.readOnly ? (
        <div class="message warning" id="liste-verrou">
          {t.listReadOnly}
          {sentence(list.readOnly.message)}
        </div>
      ) : !props.view.canEnter ? (
        <div class="message">{t.roleReadOnly}</div>
      ) : null}
      <section class="panel" aria-labelledby="entrees">
        <h2 id="entrees">{t.entriesOf(list.records.length, list.cercle.name)}</h2>
        {editable ? (
          <p>
            <a
              class="button"
              href={`/listes/${kind.fileWord}/ajouter${list.quarter ? `?trimestre=${list.quarter}` : ''}`}
            >
              {t.add}
              <span class="visually-hidden">{t.addTo(title)}</span>
            </a>
          </p>
        ) : null}
        {list.records.length === 0 ? (
          <p class="empty">
            {t.noEntry}
            {list.quarter ? t.forThisQuarter : ''}.
          </p>
        ) : (
          // Focusable, so a keyboard can scroll a wide list sideways (nothing else in it may take the focus).
          <section
            class="grid-scroll records-scroll"
            tabindex={0}
            aria-label={t.tableOf(`${title}${period}`)}
          >
            <table class="records">
              <caption class="visually-hidden">
                {title}
                {period}
              </caption>
              <thead>
                <tr>
                  {fields.map((f) => (
                    <th key={f.column} scope="col" class={isFigure(f) ? 'number' : undefined}>
                      {f.label}
                    </th>
                  ))}
                  {editable ? <th scope="col">{t.actions}</th> : null}
                </tr>
              </thead>
              <tbody>
                {list.records.map((r) => (
                  <tr key={r.id}>
                    {fields.map((f) =>
                      f.column === kind.titleColumn ? (
                        <th key={f.column} scope="row">
                          {fieldText(f, r[f.column], list.units, lang)}
                        </th>
                      ) : (
                        <td key={f.column} class={isFigure(f) ? 'number' : undefined}>
                          {fieldText(f, r[f.column], list.units, lang)}
                        </td>
                      ),
                    )}
                    {editable ? (
                      <td>
                        <div class="actions">
                          <a href={recordPath(kind, r.id, 'modifier')}>
                            {t.edit}
                            <span class="visually-hidden">{t.quoted(recordTitle(kind, r))}</span>
                          </a>
                          <a href={recordPath(kind, r.id, 'supprimer')}>
                            {t.remove}
                            <span class="visually-hidden">{t.quoted(recordTitle(kind, r))}</span>
                          </a>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
    </Layout>
  );
}

function FlashMessage(props: { flash: ListFlash; lang: Lang }) {
  const { text: said, remarks } = props.flash;
  const t = text(props.lang, listesText);
  // An <output> is a status region: read once by screen readers when the page opens.
  return (
    <output class={`message flash ${remarks.length > 0 ? 'warning' : ''}`} aria-label={t.result}>
      <span>{said}</span>
      {remarks.map((m) => (
        <span key={m}>
          {t.toCheck}
          {sentence(m)}
        </span>
      ))}
    </output>
  );
}
