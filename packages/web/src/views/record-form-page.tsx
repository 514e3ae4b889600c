import { quarterLabel } from '@oise/core';
import type { RecordField, RecordKind, RecordUnit, StoredRecord } from '@oise/entry';
import { sentence } from './cell-state.js';
import { Layout } from './layout.js';
import type { PageFrame } from './page-frame.js';
import { fieldText, formFields, listPath, listTitle, recordPath, recordTitle } from './record-fields.js';

/** The form of one record: what is typed, and what the record check said of each field. */
export interface RecordFormView {
  kind: RecordKind;
  units: RecordUnit[];
  /** The quarter of the record (undefined for partnerships). */
  quarter: string | undefined;
  /** Undefined for a new record. */
  id: string | undefined;
  values: Record<string, string>;
  /** Entry's French messages by field column. */
  errors: Map<string, string[]>;
  /** Messages about the whole record (its quarter closed…). */
  general: string[];
  /** Why nothing can be changed (the quarter closed): the form is not offered. */
  readOnly: string | undefined;
}

const fieldId = (column: string) => `champ-${column}`;

/** « Ajouter — Élus locaux » or « Modifier « Awa Traoré » — Élus locaux »: a labelled field per column. */
export function RecordFormPage(props: { frame: PageFrame; view: RecordFormView }) {
  const { view, frame } = props;
  const { kind } = view;
  const title = listTitle(kind);
  const period = view.quarter ? ` — ${quarterLabel(view.quarter)}` : '';
  const heading = view.id ? `Modifier « ${view.values[kind.titleColumn] ?? ''} »` : 'Ajouter';
  const action = view.id ? recordPath(kind, view.id, 'modifier') : `/listes/${kind.fileWord}/ajouter`;
  const problems = [...view.general, ...[...view.errors.values()].flat()];
  return (
    <Layout frame={frame} title={`${heading} — ${title}${period}`}>
      <h1>
        {heading} — {title}
        {period}
      </h1>
      {problems.length > 0 ? (
        <section class="message error" role="alert" aria-labelledby="erreurs-titre">
          <h2 id="erreurs-titre">L'entrée n'a pas été enregistrée</h2>
          <ul>
            {view.general.map((m) => (
              <li key={m}>{sentence(m)}</li>
            ))}
            {formFields(kind)
              .filter((f) => view.errors.has(f.column))
              .map((f) => (
                <li key={f.column}>
                  <a href={`#${fieldId(f.column)}`}>{f.label}</a> :{' '}
                  {view.errors.get(f.column)!.map(sentence).join(' ')}
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      {view.readOnly ? (
        <div class="message warning">Liste en lecture seule : {sentence(view.readOnly)}</div>
      ) : (
        <section class="panel">
          <form class="stack record-form" method="post" action={action} novalidate>
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            {view.quarter ? <input type="hidden" name="trimestre" value={view.quarter} /> : null}
            <p class="hint">Les champs marqués « obligatoire » doivent être remplis.</p>
            {formFields(kind).map((f) => (
              <FieldInput key={f.column} field={f} view={view} />
            ))}
            <p class="buttons">
              <button type="submit">
                {view.id ? 'Enregistrer les modifications' : "Enregistrer l'entrée"}
              </button>
              <a href={listPath(kind, view.quarter)}>Annuler, revenir à la liste</a>
            </p>
          </form>
        </section>
      )}
      {view.readOnly ? (
        <p>
          <a href={listPath(kind, view.quarter)}>Revenir à la liste</a>
        </p>
      ) : null}
    </Layout>
  );
}

/** The expected form of a field, said under its label: « année, par exemple 2016 »… */
function fieldHint(field: RecordField): string | undefined {
  const bounds =
    field.min !== undefined && field.max !== undefined ? ` (de ${field.min} à ${field.max})` : '';
  switch (field.type) {
    case 'year':
      return `L'année sur 4 chiffres, par exemple 2016${bounds}.`;
    case 'integer':
      return `Un nombre entier${bounds}.`;
    case 'number':
      return `Un nombre, par exemple 1,5${bounds}${field.form && field.form !== 'ex. 1,5' ? ` — en ${field.form}` : ''}.`;
    case 'date':
      return 'Une date (jour, mois, année).';
    default:
      return undefined;
  }
}

function FieldInput(props: { field: RecordField; view: RecordFormView }) {
  const { field, view } = props;
  const id = fieldId(field.column);
  const value = view.values[field.column] ?? '';
  const errors = view.errors.get(field.column);
  const hint = fieldHint(field);
  const described = [hint ? `${id}-aide` : '', errors ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    name: field.column,
    'aria-describedby': described || undefined,
    'aria-invalid': errors ? 'true' : undefined,
    'aria-required': field.required ? 'true' : undefined,
  };
  const choices: { code: string; label: string }[] | undefined =
    field.type === 'unit'
      ? view.units
      : field.type === 'enum'
        ? field.options
        : field.type === 'boolean'
          ? [
              { code: 'oui', label: 'oui' },
              { code: 'non', label: 'non' },
            ]
          : undefined;
  return (
    <div class={`field${errors ? ' field-invalid' : ''}`}>
      <label for={id}>
        {field.label}
        {field.required ? <span class="required"> (obligatoire)</span> : null}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-aide`}>
          {hint}
        </p>
      ) : null}
      {errors ? (
        <p class="field-error" id={`${id}-erreur`}>
          Erreur : {errors.map(sentence).join(' ')}
        </p>
      ) : null}
      {choices ? (
        <select {...common}>
          <option value="" selected={value === ''}>
            — choisissez —
          </option>
          {choices.map((o) => (
            <option key={o.code} value={o.code} selected={o.code === value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={field.type === 'date' ? 'date' : 'text'}
          inputmode={
            field.type === 'year' || field.type === 'integer'
              ? 'numeric'
              : field.type === 'number'
                ? 'decimal'
                : undefined
          }
          maxlength={2000}
          value={value}
        />
      )}
    </div>
  );
}

export interface RecordDeleteView {
  kind: RecordKind;
  units: RecordUnit[];
  record: StoredRecord;
  quarter: string | undefined;
  /** Why it cannot be deleted (the quarter closed). */
  refusal: string | undefined;
}

/** The confirmation of a deletion: what will be deleted, « Supprimer cette entrée » or back. */
export function RecordDeletePage(props: { frame: PageFrame; view: RecordDeleteView }) {
  const { view, frame } = props;
  const { kind, record } = view;
  const name = recordTitle(kind, record);
  return (
    <Layout frame={frame} title={`Supprimer « ${name} » — ${listTitle(kind)}`}>
      <h1>
        Supprimer « {name} » — {listTitle(kind)}
      </h1>
      {view.refusal ? (
        <div class="message error" role="alert">
          Suppression refusée : {sentence(view.refusal)}
        </div>
      ) : (
        <div class="message warning">
          Cette entrée sera supprimée de la liste{view.quarter ? ` du ${quarterLabel(view.quarter)}` : ''},
          ici et, au prochain paquet, à la région.
        </div>
      )}
      <section class="panel" aria-labelledby="entree-supprimee">
        <h2 id="entree-supprimee">L'entrée</h2>
        <dl class="facts">
          {formFields(kind).map((f) => [
            <dt key={`t-${f.column}`}>{f.label}</dt>,
            <dd key={`d-${f.column}`}>{fieldText(f, record[f.column], view.units)}</dd>,
          ])}
        </dl>
      </section>
      {view.refusal ? null : (
        <form class="inline" method="post" action={recordPath(kind, record.id, 'supprimer')}>
          <input type="hidden" name="_csrf" value={frame.csrfToken} />
          <button type="submit" class="danger">
            Supprimer cette entrée
          </button>
          <a href={listPath(kind, view.quarter)}>Annuler, garder l'entrée</a>
        </form>
      )}
      {view.refusal ? (
        <p>
          <a href={listPath(kind, view.quarter)}>Revenir à la liste</a>
        </p>
      ) : null}
    </Layout>
  );
}
