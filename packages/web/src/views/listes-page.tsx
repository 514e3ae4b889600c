import { quarterLabel } from '@oise/core';
import type { RecordKind, RecordList } from '@oise/entry';
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
  return (
    <Layout frame={props.frame} title={`Listes — ${quarterLabel(view.quarter)}`}>
      <h1>Listes du cercle — {quarterLabel(view.quarter)}</h1>
      <section class="panel" aria-labelledby="choix-listes">
        <h2 id="choix-listes">Trimestre</h2>
        <QuarterChooser action="/listes" quarter={view.quarter} choices={view.choices} />
        <p class="hint">
          Les élus, les formations et les activités se saisissent par trimestre ; les partenariats valent pour
          tous les trimestres.
        </p>
      </section>
      <section class="panel" aria-labelledby="les-listes">
        <h2 id="les-listes">Les quatre listes</h2>
        <table>
          <caption class="visually-hidden">Listes du cercle et nombre d'entrées</caption>
          <thead>
            <tr>
              <th scope="col">Liste</th>
              <th scope="col" class="number">
                Entrées
              </th>
              <th scope="col">Période</th>
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
                  <td class="number">{formatCount(count)}</td>
                  <td>{timeless ? 'tous les trimestres' : quarterLabel(view.quarter)}</td>
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
  const { kind } = list;
  const title = listTitle(kind);
  const period = list.quarter ? ` — ${quarterLabel(list.quarter)}` : '';
  const editable = props.view.canEnter && !list.readOnly;
  const fields = formFields(kind);
  return (
    <Layout frame={props.frame} title={`${title}${period}`}>
      <h1>
        {title}
        {period}
      </h1>
      <p>
        <a href={list.quarter ? `/listes?trimestre=${list.quarter}` : '/listes'}>Toutes les listes</a>
      </p>
      {list.quarter ? (
        <section class="panel" aria-labelledby="choix-liste">
          <h2 id="choix-liste">Trimestre</h2>
          <QuarterChooser action={listPath(kind)} quarter={list.quarter} choices={props.view.choices} />
        </section>
      ) : null}
      {flash ? <FlashMessage flash={flash} /> : null}
      {list.readOnly ? (
        <div class="message warning" id="liste-verrou">
          Liste en lecture seule : {sentence(list.readOnly.message)}
        </div>
      ) : !props.view.canEnter ? (
        <div class="message">Votre rôle permet de consulter les listes, pas de les modifier.</div>
      ) : null}
      <section class="panel" aria-labelledby="entrees">
        <h2 id="entrees">
          {formatCount(list.records.length)} entrée{list.records.length > 1 ? 's' : ''} — cercle de{' '}
          {list.cercle.name}
        </h2>
        {editable ? (
          <p>
            <a
              class="button"
              href={`/listes/${kind.fileWord}/ajouter${list.quarter ? `?trimestre=${list.quarter}` : ''}`}
            >
              Ajouter<span class="visually-hidden"> à la liste « {title} »</span>
            </a>
          </p>
        ) : null}
        {list.records.length === 0 ? (
          <p class="empty">Aucune entrée{list.quarter ? ' pour ce trimestre' : ''}.</p>
        ) : (
          // Focusable, so a keyboard can scroll a wide list sideways (nothing else in it may take the focus).
          <section class="grid-scroll records-scroll" tabindex={0} aria-label={`${title}${period} (tableau)`}>
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
                  {editable ? <th scope="col">Actions</th> : null}
                </tr>
              </thead>
              <tbody>
                {list.records.map((r) => (
                  <tr key={r.id}>
                    {fields.map((f) =>
                      f.column === kind.titleColumn ? (
                        <th key={f.column} scope="row">
                          {fieldText(f, r[f.column], list.units)}
                        </th>
                      ) : (
                        <td key={f.column} class={isFigure(f) ? 'number' : undefined}>
                          {fieldText(f, r[f.column], list.units)}
                        </td>
                      ),
                    )}
                    {editable ? (
                      <td>
                        <div class="actions">
                          <a href={recordPath(kind, r.id, 'modifier')}>
                            Modifier<span class="visually-hidden"> « {recordTitle(kind, r)} »</span>
                          </a>
                          <a href={recordPath(kind, r.id, 'supprimer')}>
                            Supprimer<span class="visually-hidden"> « {recordTitle(kind, r)} »</span>
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

function FlashMessage(props: { flash: ListFlash }) {
  const { text, remarks } = props.flash;
  // An <output> is a status region: read once by screen readers when the page opens.
  return (
    <output class={`message flash ${remarks.length > 0 ? 'warning' : ''}`} aria-label="Résultat">
      <span>{text}</span>
      {remarks.map((m) => (
        <span key={m}>À vérifier : {sentence(m)}</span>
      ))}
    </output>
  );
}
