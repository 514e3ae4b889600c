import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The one schema every node holds (cercle, region, national). Kysely types for the tables that
 * the migrations create; see the package README for who owns which rows.
 *
 * Synced tables carry the same four columns: `owner` (the node code that may write the row),
 * `revision` (bumped by the owner on every change; an incoming row wins only when higher),
 * `updated_at` (ISO timestamp), and `local_seq` (this node's change counter, set by triggers,
 * never sent: it tells the exporter what changed since a neighbour's acknowledgement).
 */
export interface SyncColumns {
  owner: string;
  revision: number;
  updated_at: string;
  local_seq: Generated<number>;
}

export interface NodeInfoTable {
  id: Generated<number>;
  code: string;
  level: 'national' | 'region' | 'cercle';
  parent_code: string | null;
  created_at: string;
}

export interface NodeSettingTable {
  key: string;
  value: string;
}

export interface ChangeCounterTable {
  id: number;
  value: number;
}

/** Consolidation's own state, one row (id 1), never synced (migration 0006). */
export interface ConsolidationStateTable {
  id: number;
  /** The change counter up to which the node's aggregates were last consolidated. */
  consolidated_up_to: number;
}

/** One version of an org unit: a new row when its name or parent changes. */
export interface OrgUnitTable extends SyncColumns {
  code: string;
  valid_from: string;
  valid_to: string | null;
  level: 'pays' | 'region' | 'cercle' | 'commune';
  name: string;
  parent_code: string | null;
  deleted: Generated<number>;
}

export interface IndicatorTable extends SyncColumns {
  code: string;
  label_fr: string;
  label_en: string;
  domain: string;
  kind: 'ressource' | 'realisation' | 'resultat' | 'impact';
  value_type: 'integer' | 'number' | 'percentage' | 'text' | 'boolean';
  unit: string;
  disaggregation: 'none' | 'sex';
  aggregation: 'sum' | 'average' | 'min' | 'max' | 'last' | 'ratio';
  time_aggregation: 'sum' | 'average' | 'min' | 'max' | 'last' | 'ratio';
  numerator_code: string | null;
  denominator_code: string | null;
  ratio_factor: number | null;
  min_value: number | null;
  max_value: number | null;
  /** Code of an indicator this one is a part of (a part is never above its whole). */
  part_of_code: string | null;
  description: string | null;
  sort_order: number;
  deleted: Generated<number>;
}

/**
 * A unit's outline for the maps (migration 0010): `geometry` is the JSON of MultiPolygon
 * coordinates, exterior rings clockwise as d3-geo expects. Written by national (catalog).
 */
export interface OrgUnitBoundaryTable extends SyncColumns {
  code: string;
  level: 'region' | 'cercle' | 'commune';
  name: string;
  geometry: string;
  /** The file it was imported from (its name only). */
  source: string;
}

/** A figure: indicator × org unit × quarter × category (`''` = total, `F`, `M`). */
export interface DataValueTable extends SyncColumns {
  org_unit_code: string;
  indicator_code: string;
  period: string;
  category: string;
  value: number | null;
  value_text: string | null;
  comment: string | null;
  author: string;
  channel: string;
  deleted: Generated<number>;
}

export interface ElectedOfficialTable extends SyncColumns {
  id: string;
  org_unit_code: string;
  period: string;
  full_name: string;
  role: string;
  sex: 'F' | 'M';
  birth_year: number | null;
  schooling: string;
  literate: number;
  mandate_start: number | null;
  mandate_end: number | null;
  author: string;
  deleted: Generated<number>;
}

export interface TrainingActionTable extends SyncColumns {
  id: string;
  org_unit_code: string;
  period: string;
  theme: string;
  start_date: string;
  end_date: string | null;
  days: number;
  participants_f: number;
  participants_m: number;
  target_group: string;
  funder: string | null;
  cost: number | null;
  author: string;
  deleted: Generated<number>;
}

export interface CccActivityTable extends SyncColumns {
  id: string;
  org_unit_code: string;
  period: string;
  kind: string;
  activity_date: string;
  days: number;
  description: string;
  participants: number | null;
  author: string;
  deleted: Generated<number>;
}

/** A decentralised-cooperation partnership of a Malian collectivity with a foreign one. */
export interface PartnershipTable extends SyncColumns {
  id: string;
  org_unit_code: string;
  malian_name: string;
  partner_name: string;
  partner_country: string;
  partner_level: string;
  since_year: number | null;
  status: string;
  sectors: string;
  contact: string | null;
  url: string | null;
  author: string;
  deleted: Generated<number>;
}

export interface CooperationProgrammeTable extends SyncColumns {
  id: string;
  partnership_id: string;
  org_unit_code: string;
  title: string;
  sector: string;
  start_year: number | null;
  end_year: number | null;
  budget: number | null;
  currency: string;
  funder: string | null;
  author: string;
  deleted: Generated<number>;
}

/** A unit's submission of a quarter, numbered (1, then 2 after a return …). Owned by the unit's node. */
export interface QuarterSubmissionTable extends SyncColumns {
  org_unit_code: string;
  period: string;
  number: number;
  submitted_at: string;
  submitted_by: string;
  missing_count: number;
}

/** The parent's decision on submission n: `validated`, `returned` (with a reason), `consolidated`. */
export interface QuarterDecisionTable extends SyncColumns {
  org_unit_code: string;
  period: string;
  submission_number: number;
  decision: 'validated' | 'returned' | 'consolidated';
  reason: string | null;
  decided_at: string;
  decided_by: string;
}

/**
 * When the node above received submission n of a unit's quarter (0005): written by the receiver
 * (`owner`) as it applies the submission from its child's bundle, never changed after. "On time"
 * is read from it: the first reception on or before the due date.
 */
export interface QuarterReceptionTable extends SyncColumns {
  org_unit_code: string;
  period: string;
  submission_number: number;
  received_at: string;
}

/** The CSR's qualitative note on a cercle's quarter. */
export interface QuarterNoteTable extends SyncColumns {
  org_unit_code: string;
  period: string;
  author: string;
  text: string;
}

/** A published report file; `content` travels in DOWN bundles, `sha256` proves it arrived intact. */
export interface DocumentTable extends SyncColumns {
  id: string;
  period: string;
  org_unit_code: string;
  kind: string;
  title: string;
  file_name: string;
  media_type: string;
  sha256: string;
  size: number;
  content: Uint8Array;
  created_at: string;
  deleted: Generated<number>;
}

/** Every change to a value: old, new, who, when, through which channel. Local to the node. */
export interface JournalTable {
  id: Generated<number>;
  at: string;
  table_name: string;
  row_key: string;
  old_value: string | null;
  new_value: string | null;
  old_revision: number | null;
  new_revision: number;
  author: string;
  channel: string;
}

export interface BundleLogTable {
  id: Generated<number>;
  direction: 'in' | 'out';
  file_name: string;
  sender: string;
  recipient: string;
  bundle_direction: 'up' | 'down';
  sequence: number;
  sha256: string;
  status: 'applied' | 'duplicate' | 'rejected' | 'written';
  reason: string | null;
  quarters: string;
  row_count: number;
  byte_size: number;
  at: string;
  /** 1: signed by a key enrolled here; 0: a refusal that cannot be tied to a key (0012). */
  signed: Generated<number>;
  /** Where a body received over the network came from; null for a file (0012). */
  remote_address: string | null;
}

export interface TrustedKeyTable {
  node_code: string;
  relation: 'parent' | 'child';
  level: 'national' | 'region' | 'cercle';
  public_key: string;
  fingerprint: string;
  enrolled_at: string;
  revoked_at: string | null;
}

/** What this node has exchanged with one neighbour: the basis of deltas and acknowledgements. */
export interface SyncPeerTable {
  peer_code: string;
  /** Sequence number of the last bundle written to the peer. */
  last_sent_sequence: number;
  /** Our change counter up to which the peer has acknowledged applying our rows. */
  acked_local_seq: number;
  /** The peer's highest bundle sequence applied here (acknowledged back in our next bundle). */
  applied_peer_sequence: number;
  /**
   * The peer's change counter (its `local_seq`) up to which we have applied its rows without a
   * gap (acknowledged back in our next bundle; renamed from `applied_peer_seq` in 0007).
   */
  applied_peer_local_seq: number;
  updated_at: string;
  /** 1 when a row-bearing bundle from the peer was applied since our last bundle to it (0003). */
  ack_due: Generated<number>;
  /** The highest of our bundle sequences the peer says it applied (0003). */
  peer_acked_sequence: Generated<number>;
  /** Our change counter at the end of the last bundle written to the peer (0007). */
  sent_to_local_seq: Generated<number>;
  /** JSON `[[from, to], …]`: ranges of the peer's changes applied beyond the acknowledgement (0007). */
  applied_ahead: Generated<string>;
}

export interface PipelineRunTable {
  id: Generated<number>;
  pipeline: string;
  period: string | null;
  started_at: string;
  finished_at: string | null;
  outcome: 'running' | 'success' | 'failure' | 'nothing-to-do';
  steps: string;
  error: string | null;
}

/**
 * A derived figure. `source` says who computed it: `local` (this node, from raw rows it holds)
 * or `published` (received from national in a DOWN bundle); the two never overwrite each other.
 */
export interface AggregateValueTable {
  indicator_code: string;
  org_unit_code: string;
  period: string;
  category: string;
  source: 'local' | 'published';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  reporting: number;
  expected: number;
  on_time: number;
  computed_by: string;
  computed_at: string;
  owner: string;
  revision: number;
  updated_at: string;
  local_seq: Generated<number>;
}

/**
 * What the national node last published for a quarter: the change mark (highest `local_seq`) of
 * the local aggregates the reports were made from. Local to the node, never synced.
 */
export interface ReportPublicationTable {
  period: string;
  aggregates_mark: number;
}

/** A person who may open the node's pages beyond loopback (local to the PC, never synced). */
export interface WebAccountTable {
  login: string;
  role: 'saisie' | 'validation' | 'lecture' | 'admin';
  /** `scrypt$N$r$p$salt$hash` (base64url salt and hash). */
  password_hash: string;
  created_at: string;
  updated_at: string;
}

/** A signed-in browser (local, never synced); `id` is the SHA-256 of the cookie's token. */
export interface WebSessionTable {
  id: string;
  login: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** A dashboard view a node keeps (local, never synced): its name and query string. */
export interface SavedViewTable {
  id: Generated<number>;
  name: string;
  /** The dashboard's query string, without `?`. */
  query: string;
  author: string;
  created_at: string;
}

export interface Database {
  node_info: NodeInfoTable;
  node_setting: NodeSettingTable;
  change_counter: ChangeCounterTable;
  consolidation_state: ConsolidationStateTable;
  org_unit: OrgUnitTable;
  org_unit_boundary: OrgUnitBoundaryTable;
  indicator: IndicatorTable;
  data_value: DataValueTable;
  elected_official: ElectedOfficialTable;
  training_action: TrainingActionTable;
  ccc_activity: CccActivityTable;
  partnership: PartnershipTable;
  cooperation_programme: CooperationProgrammeTable;
  quarter_submission: QuarterSubmissionTable;
  quarter_decision: QuarterDecisionTable;
  quarter_reception: QuarterReceptionTable;
  quarter_note: QuarterNoteTable;
  document: DocumentTable;
  journal: JournalTable;
  bundle_log: BundleLogTable;
  trusted_key: TrustedKeyTable;
  sync_peer: SyncPeerTable;
  pipeline_run: PipelineRunTable;
  aggregate_value: AggregateValueTable;
  report_publication: ReportPublicationTable;
  web_account: WebAccountTable;
  web_session: WebSessionTable;
  saved_view: SavedViewTable;
}

export type OrgUnit = Selectable<OrgUnitTable>;
export type NewOrgUnit = Insertable<OrgUnitTable>;
export type OrgUnitBoundary = Selectable<OrgUnitBoundaryTable>;
export type Indicator = Selectable<IndicatorTable>;
export type NewIndicator = Insertable<IndicatorTable>;
export type DataValue = Selectable<DataValueTable>;
export type NewDataValue = Insertable<DataValueTable>;
export type DataValueUpdate = Updateable<DataValueTable>;
export type AggregateValue = Selectable<AggregateValueTable>;
export type ElectedOfficial = Selectable<ElectedOfficialTable>;
export type TrainingAction = Selectable<TrainingActionTable>;
export type CccActivity = Selectable<CccActivityTable>;
export type Partnership = Selectable<PartnershipTable>;
export type CooperationProgramme = Selectable<CooperationProgrammeTable>;
export type QuarterSubmission = Selectable<QuarterSubmissionTable>;
export type QuarterDecision = Selectable<QuarterDecisionTable>;
export type QuarterReception = Selectable<QuarterReceptionTable>;
export type QuarterNote = Selectable<QuarterNoteTable>;
export type DocumentRow = Selectable<DocumentTable>;
export type BundleLogEntry = Selectable<BundleLogTable>;
export type TrustedKey = Selectable<TrustedKeyTable>;
export type SyncPeer = Selectable<SyncPeerTable>;
export type PipelineRun = Selectable<PipelineRunTable>;
export type WebAccount = Selectable<WebAccountTable>;
export type WebSession = Selectable<WebSessionTable>;
export type SavedView = Selectable<SavedViewTable>;

/** Tables whose rows travel in bundles, with their primary-key columns (the row identity). */
export const SYNCED_TABLES = {
  org_unit: ['code', 'valid_from'],
  org_unit_boundary: ['code'],
  indicator: ['code'],
  data_value: ['org_unit_code', 'indicator_code', 'period', 'category'],
  elected_official: ['id'],
  training_action: ['id'],
  ccc_activity: ['id'],
  partnership: ['id'],
  cooperation_programme: ['id'],
  quarter_submission: ['org_unit_code', 'period', 'number'],
  quarter_decision: ['org_unit_code', 'period', 'submission_number'],
  quarter_reception: ['org_unit_code', 'period', 'submission_number'],
  quarter_note: ['org_unit_code', 'period'],
  document: ['id'],
  aggregate_value: ['indicator_code', 'org_unit_code', 'period', 'category', 'source'],
} as const satisfies Partial<Record<keyof Database, readonly string[]>>;

export type SyncedTable = keyof typeof SYNCED_TABLES;

export type Timestamp = ColumnType<string, string, string>;
