import type { MessageTable } from './lang.js';

/** The quarter chooser of the pages (views/quarter-chooser.tsx). */
const fr = { quarter: 'Trimestre', showQuarter: 'Afficher le trimestre' };
const en = { quarter: 'Quarter', showQuarter: 'Show the quarter' } satisfies typeof fr;
export const quarterChooserText: MessageTable<typeof fr> = { fr, en };
