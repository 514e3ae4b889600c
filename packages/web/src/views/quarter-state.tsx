import { type QuarterState, STATUS_LABELS } from '@oise/workflow';

/** A quarter's state in the workflow's own word, with a colour that only repeats it. */
export function QuarterStateBadge(props: { state: QuarterState }) {
  return <span class={`state state-${props.state}`}>{STATUS_LABELS[props.state]}</span>;
}
