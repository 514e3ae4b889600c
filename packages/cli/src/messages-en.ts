/**
 * English for `--lang en`: what each stable error code means and what to do. The French
 * message, which carries the details (names, values, lines), is printed after it.
 */
export const ERRORS_EN: Record<string, string> = {
  BOUNDARIES_GEOMETRY:
    'the boundary file has a geometry that cannot be drawn; export it again as GeoJSON polygons.',
  BOUNDARIES_INVALID: 'the boundary file is not GeoJSON; give a FeatureCollection of regions or cercles.',
  BOUNDARIES_NO_CODE: 'the boundary features carry no region_code or cercle_code property.',
  BOUNDARIES_UNREADABLE: 'the boundary file cannot be read; check its path.',
  CATALOG_INVALID: 'the indicator catalog has errors (listed by line); fix them and try again.',
  CONSOLIDATE_NO_TERRITORY: "this node's territory is not loaded yet; ingest national's DOWN bundle first.",
  DB_MIGRATION_FAILED: 'the database schema could not be updated; the file is left as it was.',
  DB_OPEN_FAILED: 'the node database cannot be opened; check --dir.',
  DECISION_NOT_ALLOWED: 'this decision is not possible in the quarter’s current status.',
  DECISION_UNIT_INVALID: 'this unit is not a direct child of this node.',
  ENROLL_NOT_NEIGHBOUR: 'only the parent and direct children can be enrolled.',
  EXPORT_UNKNOWN_RECIPIENT: 'no enrolled neighbour has this code; enrol its key first (oise enroll).',
  FILE_NOT_FOUND: 'the file does not exist; check its path.',
  FILE_UNREADABLE: 'the file cannot be read; check its path and permissions.',
  KEY_FILE_INVALID: 'this is not an OISE public-key file; ask the neighbour for a new `oise key export`.',
  KEY_FILE_PRIVATE: 'this file holds a PRIVATE key; never share it — ask for the public export.',
  KEY_FINGERPRINT_MISMATCH: 'the fingerprint does not match the key: the file was altered.',
  KEY_MISSING: "the node's private key is missing; restore keys/ or create the node again.",
  NODE_CODE_INVALID: 'the code does not match the level (ML, ML04, ML0401).',
  NODE_EXISTS: 'this folder already holds a node; choose another folder.',
  NODE_INCOMPLETE: 'the node folder is incomplete; create it again with oise init.',
  NODE_LEVEL_INVALID: 'the level must be cercle, region or national.',
  NODE_NOT_FOUND: 'this is not an OISE node folder (no node.sqlite); check --dir or run oise init.',
  NODE_PARENT_INVALID: 'the parent code does not contain this node’s code.',
  NODE_BUSY: 'another pass is already running on this node; wait for it to finish.',
  NOTE_EMPTY: 'the note is empty; write the analysis with --text.',
  NOTE_NOT_ALLOWED: 'only a region writes notes on its cercles’ quarters.',
  NOTE_UNIT_INVALID: 'this unit is not a cercle of this region.',
  PERIOD_INVALID: 'the period must be a quarter (2025Q1 or 2025T1) or a year (2025).',
  QUARTER_ALREADY_SUBMITTED: 'the quarter is already submitted; it reopens only if the region returns it.',
  QUARTER_FUTURE: 'this quarter has not started yet.',
  QUARTER_INVALID: 'write a quarter as the year then the quarter, e.g. 2025Q1 or 2025T1.',
  QUARTER_NOT_SUBMITTED: 'the cercle has not submitted this quarter yet.',
  QUERY_BAD_CATEGORY: 'this indicator has no such category (F, M or empty for the total).',
  QUERY_UNKNOWN_INDICATOR: 'unknown indicator; see oise indicators list.',
  QUERY_UNKNOWN_UNIT: 'unknown unit in the territory held by this node.',
  REPORT_DEFINITION_INVALID: 'a report definition in reports/ is invalid.',
  REPORT_DEFINITION_UNREADABLE: 'a report definition in reports/ cannot be read.',
  REPORT_FONT_MISSING: 'the report font cannot be loaded; reinstall the dependencies (pnpm install).',
  REPORT_INDICATOR_UNKNOWN: 'a report names an indicator missing from the catalog.',
  REPORT_PNG_INVALID: 'a chart could not be rendered as a PNG.',
  REPORT_UNIT_UNKNOWN:
    "the unit is not in this quarter's territory; has the territory arrived (oise ingest)?",
  RETURN_REASON_REQUIRED: 'a return needs a reason (--reason "…").',
  SUBMIT_NOT_ALLOWED: 'national does not submit quarters; it consolidates them.',
  TEMPLATE_NOT_CERCLE: 'entry workbooks are made at cercle nodes.',
  TEMPLATE_NO_TERRITORY: "this node's territory is not loaded yet; ingest the region's DOWN bundle first.",
  TERRITORY_COLUMNS_MISSING: 'columns are missing in the territory file (see the header named).',
  TERRITORY_CSV_INVALID: 'the territory file is not readable CSV; save it as « CSV UTF-8 ».',
  TERRITORY_INVALID: 'the territory file has errors (listed by line); nothing was stored.',
  TERRITORY_NOT_NATIONAL: 'territory is national reference data; other nodes receive it by DOWN bundle.',
};

/** The English line for an error code, or undefined when there is none yet. */
export function errorInEnglish(code: string): string | undefined {
  return ERRORS_EN[code];
}
