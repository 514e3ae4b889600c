/**
 * Every stable error code of OISE, with what it means in one English line (printed by
 * `--lang en`, before the French message that carries the details). `OiseError` takes only
 * these codes, so the type checker proves each one is explained here.
 *
 * To add a code: add one line here, in alphabetical order, then throw it with
 * `new OiseError('YOUR_CODE', 'message en français…')`.
 */
export const ERROR_CODES = {
  ACCOUNT_EXISTS:
    'an account with this login already exists on this node; choose another login or change its password (oise user passwd).',
  ACCOUNT_LAST_ADMIN: 'the last admin account cannot be removed; create another admin account first.',
  ACCOUNT_LOGIN_INVALID: 'a login is 2 to 64 letters, digits, dots, dashes or underscores.',
  ACCOUNT_NOT_FOUND: 'no account has this login on this node (oise user list shows them).',
  ACCOUNT_PASSWORD_ABORTED: 'the password was not given (input closed); nothing was changed.',
  ACCOUNT_PASSWORD_MISMATCH: 'the two passwords typed differ; nothing was changed, try again.',
  ACCOUNT_PASSWORD_WEAK: 'the password is too short; choose a longer one.',
  ACCOUNT_ROLE_INVALID: 'the role is one of saisie, validation, lecture or admin.',
  BACKUP_CORRUPT:
    'the backup does not match its manifest, or its database is damaged; nothing was changed — use another copy.',
  BACKUP_DIR_MISSING:
    'the backup folder does not exist (a USB key not plugged in?); plug it in or change backup.dir.',
  BACKUP_SCHEMA_NEWER:
    'the backup was made by a newer OISE (a database schema unknown here); update OISE first.',
  BACKUP_SETTING_INVALID: 'backup.keep must be a whole number of daily backups to keep (0 turns them off).',
  BACKUP_UNREADABLE:
    'this is not a readable OISE backup (not a .tar.gz, truncated or damaged); nothing was changed.',
  BACKUP_WRONG_NODE:
    'the backup is of another node than the one in the target folder; restore it into an empty folder.',
  BOUNDARIES_GEOMETRY:
    'the boundary file has a geometry that cannot be drawn; export it again as GeoJSON polygons.',
  BOUNDARIES_INVALID:
    'the boundary file is not GeoJSON; give a FeatureCollection of regions, cercles or communes.',
  BOUNDARIES_NO_CODE: 'the boundary features carry no region_code, cercle_code or commune_code property.',
  BOUNDARIES_TOO_LARGE: 'the boundary file is over the size cap; simplify its outlines and try again.',
  BOUNDARIES_UNREADABLE: 'the boundary file cannot be read; check its path.',
  BUNDLE_APPLY_FAILED:
    'applying the bundle failed and nothing was stored; report this bundle to the OISE team.',
  BUNDLE_BAD_HASH: 'the rows do not match the hash the bundle announces: it was altered or damaged.',
  BUNDLE_BAD_SIGNATURE:
    "the signature does not verify with the sender's enrolled key: the bundle was altered.",
  BUNDLE_DIRECTION:
    'this sender cannot send bundles in this direction (up from a child, down from the parent).',
  BUNDLE_FORMAT: 'this is not an OISE bundle, or its format version is unknown; update OISE.',
  BUNDLE_PATH: 'the inbox file is a link out of the inbox or has `..` in its name; it was not read.',
  BUNDLE_REVOKED_SENDER: "the sender's key was revoked on this node.",
  BUNDLE_SCHEMA:
    'the bundle needs a newer database schema than this program knows; update OISE to the version named.',
  BUNDLE_SCOPE: 'the bundle holds rows its sender may not send to this node; nothing was applied.',
  BUNDLE_SEQUENCE: 'the sequence number or the counts of the bundle are not valid.',
  BUNDLE_TOO_LARGE: 'the bundle is larger than the limits; it is not a normal OISE bundle.',
  BUNDLE_UNKNOWN_SENDER: 'the sender is not enrolled on this node; enrol its key first (oise enroll).',
  BUNDLE_UNREADABLE: 'the bundle is not readable (not gzip, truncated, or without manifest or signature).',
  BUNDLE_WRONG_RECIPIENT: 'the bundle is meant for another node; hand it to its recipient.',
  CATALOG_INVALID: 'the indicator catalog has errors (listed by line); fix them and try again.',
  CONSOLIDATE_NO_TERRITORY: "this node's territory is not loaded yet; ingest national's DOWN bundle first.",
  DB_BACKUP_FAILED: 'the online copy of the database failed; check the free disk space.',
  DB_DRIVER_UNAVAILABLE:
    'no SQLite driver loads: better-sqlite3 is not built for this Node.js and node:sqlite needs Node 24; install one.',
  DB_IN_USE: 'another program has the node database open (oise serve, oise run); stop it, then try again.',
  DB_MIGRATION_FAILED: 'the database schema could not be updated; the file is left as it was.',
  DB_OPEN_FAILED: 'the node database cannot be opened; check --dir.',
  DECISION_NOT_ALLOWED: 'this decision is not possible in the quarter’s current status.',
  DECISION_UNIT_INVALID: 'this unit is not a direct child of this node.',
  DHIS2_ADX_MAPPING: 'an ADX export needs the data set and the category options in the mapping file.',
  DHIS2_IMPORT_NOT_CERCLE: "DHIS2 values are imported at the node of the communes' cercle.",
  DHIS2_MAPPING_INVALID: 'the DHIS2 mapping file has errors (listed by line); fix them and try again.',
  DHIS2_UNREADABLE:
    'the file is not a DHIS2 data value set (JSON, CSV, XML or ADX); export it again from DHIS2.',
  DHIS2_XML_UNSAFE:
    'the XML file declares a DOCTYPE or an entity, which OISE refuses; export it again from DHIS2.',
  ENROLL_NOT_NEIGHBOUR: 'only the parent and direct children can be enrolled.',
  EXPORT_UNKNOWN_RECIPIENT: 'no enrolled neighbour has this code; enrol its key first (oise enroll).',
  FICHE_COMMUNE_UNKNOWN:
    'this commune is not in the cercle; give the code or the name of one of its communes.',
  FILE_NOT_FOUND: 'the file does not exist; check its path.',
  FILE_UNREADABLE: 'the file cannot be read; check its path and permissions.',
  KEY_FILE_INVALID: 'this is not an OISE public-key file; ask the neighbour for a new `oise key export`.',
  KEY_FILE_PRIVATE: 'this file holds a PRIVATE key; never share it — ask for the public export.',
  KEY_FINGERPRINT_MISMATCH: 'the fingerprint does not match the key: the file was altered.',
  KEY_MISSING: "the node's private key is missing; restore keys/ or create the node again.",
  NODE_BUSY: 'another pass is already running on this node; wait for it to finish.',
  NODE_CODE_INVALID: 'the code does not match the level (ML, ML04, ML0401).',
  NODE_EXISTS: 'this folder already holds a node; choose another folder.',
  NODE_FOLDER_NOT_EMPTY:
    'this folder holds something else than a node; OISE writes nothing there: choose an empty or new folder.',
  NODE_INCOMPLETE: 'the node folder is incomplete; create it again with oise init.',
  NODE_LEVEL_INVALID: 'the level must be cercle, region or national.',
  NODE_NOT_FOUND: 'this is not an OISE node folder (no node.sqlite); check --dir or run oise init.',
  NODE_PARENT_INVALID: 'the parent code does not contain this node’s code.',
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
  RECORD_NOT_FOUND: "no such record in this cercle's lists (or it was deleted); open the list again.",
  REPORT_DEFINITION_INVALID: 'a report definition in reports/ is invalid.',
  REPORT_DEFINITION_UNREADABLE: 'a report definition in reports/ cannot be read.',
  REPORT_FONT_MISSING: 'the report font cannot be loaded; reinstall the dependencies (pnpm install).',
  REPORT_INDICATOR_UNKNOWN: 'a report names an indicator missing from the catalog.',
  REPORT_PNG_INVALID: 'a chart could not be rendered as a PNG.',
  REPORT_UNIT_UNKNOWN:
    "the unit is not in this quarter's territory; has the territory arrived (oise ingest)?",
  RESTORE_TARGET_EXISTS:
    'the target folder already holds a node; add --force to replace it (its database is kept aside).',
  RETURN_REASON_REQUIRED: 'a return needs a reason (--reason "…").',
  SAVED_VIEW_INVALID:
    'a saved view needs a name (1 to 80 characters) and a dashboard address of 2 000 characters at most.',
  SAVED_VIEW_NAME_TAKEN:
    'a saved view of this node already has this name; choose another name or delete it first.',
  SCHEDULE_INVALID: 'the schedule is not a 5-field cron expression (e.g. "30 6 * * *").',
  SERVE_LISTEN:
    'the server cannot listen on this address: the port is taken or not allowed; choose another with --port.',
  SITE_LEVEL_REFUSED:
    'a cercle node does not build the public site; run oise site on the national node (the whole country) or a region node (its region).',
  SITE_NOTHING_PUBLISHED:
    'no quarter is published yet, so the public site would be empty; publish a quarter first (oise report at national).',
  SITE_OUT_INVALID:
    'the site folder cannot be written there; choose another --out folder (not the node folder itself).',
  STARTER_BAD_SIGNATURE:
    'the starter package does not verify with the key it carries: it was altered on the way.',
  STARTER_INVALID:
    'this is not a readable OISE starter package; ask the parent to write it again (oise enroll).',
  STARTER_KEY_MISMATCH:
    "the parent enrolled another key than this node's: the key file was replaced on the way.",
  STARTER_NOT_CHILD: 'a starter package is written only for an enrolled direct child.',
  STARTER_PARENT_KEY_CHANGED:
    'this node already trusts another key for its parent; revoke it first if the parent really changed its key.',
  STARTER_WRONG_NODE: 'this starter package is meant for another node; hand it to its recipient.',
  SUBMIT_NOT_ALLOWED: 'national does not submit quarters; it consolidates them.',
  TEMPLATE_NOT_CERCLE: 'entry workbooks are made at cercle nodes.',
  TEMPLATE_NO_TERRITORY:
    "this node's territory is not loaded yet; apply the region's starter package (oise enroll) first.",
  TERRITORY_COLUMNS_MISSING: 'columns are missing in the territory file (see the header named).',
  TERRITORY_CSV_INVALID: 'the territory file is not readable CSV; save it as « CSV UTF-8 ».',
  TERRITORY_INVALID: 'the territory file has errors (listed by line); nothing was stored.',
  TERRITORY_NOT_NATIONAL: 'territory is national reference data; other nodes receive it by DOWN bundle.',
  UI_LISTEN: 'the pages cannot listen on this address and port; choose another --port or --host.',
  UPLOAD_TOO_SLOW:
    'the upload stalled or came slower than the minimum rate; it was cut off and nothing was kept.',
  USAGE: 'the command line is not right; see the usage below.',
  WEB_FIRST_START_LOOPBACK:
    'a folder without a node starts on this PC only (loopback): create the node and an account first.',
  WEB_NO_ACCOUNT:
    'the pages are served beyond loopback but no account exists; create one with oise user add first.',
} as const satisfies Record<string, string>;

/** A stable error code: one of `ERROR_CODES`. */
export type ErrorCode = keyof typeof ERROR_CODES;
