import { quarterLabel } from '@oise/core';
import type { Child } from 'hono/jsx';

/**
 * The « Trimestre » list of a form: the choices (the quarter shown among them, first if it is
 * not), each as « 1er trimestre 2025 », the shown one selected.
 */
export function QuarterSelect(props: { id: string; quarter: string; choices: readonly string[] }) {
  const choices = props.choices.includes(props.quarter) ? props.choices : [props.quarter, ...props.choices];
  return (
    <div>
      <label for={props.id}>Trimestre</label>
      <select id={props.id} name="trimestre">
        {choices.map((q) => (
          <option key={q} value={q} selected={q === props.quarter}>
            {quarterLabel(q)}
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
  children?: Child;
}) {
  return (
    <form class="inline" method="get" action={props.action}>
      <QuarterSelect id="trimestre" quarter={props.quarter} choices={props.choices} />
      {props.children}
      <button type="submit">{props.button ?? 'Afficher le trimestre'}</button>
    </form>
  );
}
