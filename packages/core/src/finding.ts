import { formatLocation } from './errors.js';

export type Severity = 'error' | 'warning';

/**
 * Where a finding points. A line of a text file or a sheet is its `line` as a spreadsheet
 * shows it (the header is line 1); an entry of a JSON data value set (DHIS2's `dataValues`)
 * is its 0-based `index`, as in the file. `column` is the spreadsheet column letter (A, B, …),
 * a column name when no letter applies, or the JSON property; empty for the whole line.
 */
export interface FindingPlace {
  file: string;
  sheet?: string;
  line?: number;
  index?: number;
  column: string;
}

/**
 * One thing an import or a check noticed about one place of one file. `code` is stable
 * (scripts match on it); `message` is French and says what to do. Batch work returns these
 * instead of throwing on the first bad line.
 */
export interface Finding {
  file: string;
  sheet?: string;
  line?: number;
  index?: number;
  column: string;
  severity: Severity;
  code: string;
  message: string;
}

export function makeFinding(place: FindingPlace, severity: Severity, code: string, message: string): Finding {
  const out: Finding = {
    file: place.file,
    ...(place.line !== undefined ? { line: place.line } : {}),
    ...(place.index !== undefined ? { index: place.index } : {}),
    column: place.column,
    severity,
    code,
    message,
  };
  if (place.sheet !== undefined) out.sheet = place.sheet;
  return out;
}

/**
 * `fichier.csv, feuille « Santé », ligne 4, colonne E : ` for a line,
 * `valeurs.json, dataValues[3], champ value : ` for an entry of a JSON file, or
 * `valeurs.xml, ligne 1, dataValue n° 4, attribut value : ` for an entry of an XML file.
 */
function findingPlaceText(place: FindingPlace): string {
  // An XML data value set: the line of the `<dataValue>` and its rank (DHIS2 writes one line).
  if (place.index !== undefined && place.line !== undefined)
    return `${place.file}, ligne ${place.line}, dataValue n° ${place.index + 1}${place.column ? `, attribut ${place.column}` : ''} : `;
  if (place.index !== undefined)
    return `${place.file}, dataValues[${place.index}]${place.column ? `, champ ${place.column}` : ''} : `;
  return formatLocation({ file: place.file, sheet: place.sheet, line: place.line, column: place.column });
}

/** One line for a person, as `oise import` prints it: `fichier.csv, ligne 4, colonne E : [refusé CODE] message`. */
export function describeFinding(f: Finding): string {
  const level = f.severity === 'error' ? 'refusé' : 'attention';
  return `${findingPlaceText(f)}[${level} ${f.code}] ${f.message}`;
}
