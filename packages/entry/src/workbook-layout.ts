/**
 * The shape of the entry workbook, shared by the writer and the reader. A filled workbook maps
 * back through its metadata sheet, never through sheet or header names, so a user may rename
 * headers or sort nothing without breaking the import.
 *
 * Metadata sheet (`_oise`, veryHidden; LibreOffice keeps it as hidden), one fact per row:
 *   format | oise-saisie          version | 1
 *   node | ML0401                 cercle | ML0401           quarter | 2025Q1
 *   column | sheet | B | indicator | category        (an entry column of a domain sheet)
 *   row | sheet | 5 | ML040101                       (a commune row of a domain sheet)
 *   prefill | sheet | C5 | 12                        (a cell pre-filled with a stored value)
 *   records | sheet | officials | 1 | 2              (a record list: kind, header row, first row)
 *   record_column | sheet | C | full_name            (a record list column)
 *   record_id | sheet | 7 | elu-…                    (a pre-filled record row and its id)
 */
export const WORKBOOK_FORMAT = 'oise-saisie';
export const WORKBOOK_VERSION = 1;
export const META_SHEET = '_oise';
export const LISTS_SHEET = 'Listes';
export const INSTRUCTIONS_SHEET = 'Instructions';

/** Domain sheets: title, label, code/unit/bounds, category header; communes from row 5. */
export const DOMAIN_HEADER_ROWS = 4;
export const DOMAIN_FIRST_ROW = DOMAIN_HEADER_ROWS + 1;
/** Record lists: header on row 1, entries from row 2, this many empty rows offered. */
export const RECORD_EMPTY_ROWS = 150;

export const COLORS = {
  header: 'FFDDEBF7',
  title: 'FF1F4E79',
  previous: 'FFEDEDED',
  previousText: 'FF7F7F7F',
  entry: 'FFFFFFFF',
  prefilled: 'FFFFF2CC',
} as const;

export type MetaRow = (string | number)[];
