import type { QuarterState } from '@oise/workflow';
import { type Lang, text } from '../messages/lang.js';
import { quarterStateText } from '../messages/quarter-state.js';

/** A quarter's state in the workflow's own word (or its English), with a colour that only repeats it. */
export function QuarterStateBadge(props: { state: QuarterState; lang?: Lang }) {
  return (
    <span class={`state state-${props.state}`}>
      {text(props.lang ?? 'fr', quarterStateText)[props.state]}
    </span>
  );
}
