import { STATUS_LABELS } from '@oise/workflow';
import type { MessageTable } from './lang.js';

/** A quarter's state as its badge says it (French: workflow's own words). */
const fr = { ...STATUS_LABELS };
const en = {
  open: 'open',
  submitted: 'submitted',
  validated: 'validated',
  returned: 'returned',
  consolidated: 'consolidated',
} satisfies typeof fr;
export const quarterStateText: MessageTable<typeof fr> = { fr, en };
