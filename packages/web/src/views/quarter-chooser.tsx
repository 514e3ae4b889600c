import { quarterLabel } from '@oise/core';
import type { Child } from 'hono/jsx';
import { type Lang, text } from '../messages/lang.js';
import { quarterChooserText } from '../messages/quarter-chooser.js';

/**
 * The « Trimestre » list of a form: the choices (the quarter shown among them, first if it is
 * not), each as « 1er trimestre 2025 », the shown one selected.
 */
export function QuarterSelect(props: {
  id: string;
  quarter: string;
  choices: readonly string[];
  lang?: Lang;
}) {
  const lang = props.lang ?? 'fr';
  const choices = props.choices.includes(props.quarter) ? props.choices : [props.quarter, ...props.choices];
  return (
    <div>
      <label for={props.id}>{text(lang, quarterChooserText).quarter}</label>
      <select id={props.id} name="trimestre">
        {choices.map((q) => (
          <option key={q} value={q} selected={q === props.quarter}>
            {quarterLabel(q, lang)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A page's quarter chooser: a GET form to `action` with the list, what else it carries, and its button. */
export function QuarterChooser(props: {
  action: string;
  quarter: string;
  choices: readonly string[];
  button?: string;
  lang?: Lang;
  children?: Child;
}) {
  const lang = props.lang ?? 'fr';
  return (
    <form class="inline" method="get" action={props.action}>
      <QuarterSelect id="trimestre" quarter={props.quarter} choices={props.choices} lang={lang} />
      {props.children}
      <button type="submit">{props.button ?? text(lang, quarterChooserText).showQuarter}</button>
    </form>
  );
}
