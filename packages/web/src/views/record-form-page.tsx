import { quarterLabel } from '@oise/core';
import type { RecordField, RecordKind, RecordUnit, StoredRecord } from '@oise/entry';
import { type Lang, text } from '../messages/lang.js';
import { listesText } from '../messages/listes.js';
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
  const { lang } = frame;
  const t = text(lang, listesText);
  const { kind } = view;
  const title = listTitle(kind);
  const period = view.quarter ? ` — ${quarterLabel(view.quarter, lang)}` : '';
  const heading = view.id ? t.editHeading(view.values[kind.titleColumn] ?? '') : t.add;
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
          <h2 id="erreurs-titre">{t.notSaved}</h2>
          <ul>
            {view.general.map((m) => (
              <li key={m}>{sentence(m)}</li>
            ))}
            {formFields(kind)
              .filter((f) => view.errors.has(f.column))
              .map((f) => (
                <li key={f.column}>
                  <a href={`#${fieldId(f.column)}`}>{f.label}</a>
                  {t.fieldSaid}
                  {view.errors.get(f.column)!.map(sentence).join(' ')}
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      {view.readOnly ? (
        <div class="message warning">
          {t.listReadOnly}
          {sentence(view.readOnly)}
        </div>
      ) : (
        <section class="panel">
          <form class="stack record-form" method="post" action={action} novalidate>
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            {view.quarter ? <input type="hidden" name="trimestre" value={view.quarter} /> : null}
            <p class="hint">{t.required}</p>
            {formFields(kind).map((f) => (
              <FieldInput key={f.column} field={f} view={view} lang={lang} />
            ))}
            <p class="buttons">
              <button type="submit">{view.id ? t.saveChanges : t.saveEntry}</button>
              <a href={listPath(kind, view.quarter)}>{t.cancelToList}</a>
            </p>
          </form>
        </section>
      )}
      {view.readOnly ? (
        <p>
          <a href={listPath(kind, view.quarter)}>{t.backToList}</a>
        </p>
      ) : null}
    </Layout>
  );
}

/** The expected form of a field, said under its label: « année, par exemple 2016 »… */
function fieldHint(field: RecordField, lang: Lang): string | undefined {
  const t = text(lang, listesText);
  const bounds = field.min !== undefined && field.max !== undefined ? t.bounds(field.min, field.max) : '';
  switch (field.type) {
    case 'year':
      return t.hintYear(bounds);
    case 'integer':
      return t.hintInteger(bounds);
    case 'number':
      return t.hintNumber(bounds, field.form && field.form !== 'ex. 1,5' ? field.form : '');
    case 'date':
      return t.hintDate;
    default:
      return undefined;
  }
}

function FieldInput(props: { field: RecordField; view: RecordFormView; lang: Lang }) {
  const { field, view, lang } = props;
  const t = text(lang, listesText);
  const id = fieldId(field.column);
  const value = view.values[field.column] ?? '';
  const errors = view.errors.get(field.column);
  const hint = fieldHint(field, lang);
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
              { code: 'oui', label: t.yes },
              { code: 'non', label: t.no },
            ]
          : undefined;
  return (
    <div class={`field${errors ? ' field-invalid' : ''}`}>
      <label for={id}>
        {field.label}
        {field.required ? <span class="required">{t.requiredMark}</span> : null}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-aide`}>
          {hint}
        </p>
      ) : null}
      {errors ? (
        <p class="field-error" id={`${id}-erreur`}>
          {t.error}
          {errors.map(sentence).join(' ')}
        </p>
      ) : null}
      {choices ? (
        <select {...common}>
          <option value="" selected={value === ''}>
            {t.choose}
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
  const { lang } = frame;
  const t = text(lang, listesText);
  const { kind, record } = view;
  const name = recordTitle(kind, record);
  const heading = t.removeHeading(name, listTitle(kind));
  return (
    <Layout frame={frame} title={heading}>
      <h1>{heading}</h1>
      {view.refusal ? (
        <div class="message error" role="alert">
          {t.removeRefused}
          {sentence(view.refusal)}
        </div>
      ) : (
        <div class="message warning">
          {t.willBeRemoved(view.quarter ? quarterLabel(view.quarter, lang) : '')}
        </div>
      )}
      <section class="panel" aria-labelledby="entree-supprimee">
        <h2 id="entree-supprimee">{t.theEntry}</h2>
        <dl class="facts">
          {formFields(kind).map((f) => [
            <dt key={`t-${f.column}`}>{f.label}</dt>,
            <dd key={`d-${f.column}`}>{fieldText(f, record[f.column], view.units, lang)}</dd>,
          ])}
        </dl>
      </section>
      {view.refusal ? null : (
        <form class="inline" method="post" action={recordPath(kind, record.id, 'supprimer')}>
          <input type="hidden" name="_csrf" value={frame.csrfToken} />
          <button type="submit" class="danger">
            {t.removeThis}
          </button>
          <a href={listPath(kind, view.quarter)}>{t.cancelKeep}</a>
        </form>
      )}
      {view.refusal ? (
        <p>
          <a href={listPath(kind, view.quarter)}>{t.backToList}</a>
        </p>
      ) : null}
    </Layout>
  );
}
