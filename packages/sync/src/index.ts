export { type SeqRange, advanceAck } from './ack-ranges.js';
export { applyRows } from './apply-rows.js';
export {
  BINARY_COLUMNS,
  BundleEncoder,
  type ManifestHeader,
  type ManifestDraft,
  type ParsedBundle,
  encodeBundle,
  hasValidContentHash,
  hasValidSignature,
  parseBundle,
  readRows,
} from './bundle-codec.js';
export * from './bundle-format.js';
export {
  BUNDLE_LOG_STATUS_LABELS,
  type BundleLogCounts,
  type BundleLogFilter,
  type BundleLogItem,
  type BundleLogPage,
  bundleLogCounts,
  groupedBundleLog,
  readBundleLog,
} from './bundle-log-read.js';
export { type BundleStatus, type NeighbourBundles, getBundleStatus } from './bundle-status.js';
export { documentPath, materializeDocuments } from './documents.js';
export {
  DEFAULT_SPLIT,
  type ExportOptions,
  type ExportResult,
  type WrittenBundle,
  exportBundles,
} from './export-bundles.js';
export {
  type StageOutcome,
  type StagedInboxFile,
  removeOrphanUploads,
  stageInboxFile,
} from './inbox-staging.js';
export { type NeighbourExport, exportToNeighbours } from './export-to.js';
export { type IngestFileResult, type IngestOptions, ingestBundles } from './ingest-bundles.js';
export {
  type Recipient,
  type SequencedRow,
  hasRowsFor,
  markQuarterDue,
  selectRowsFor,
  streamRowsFor,
  validatedQuarters,
} from './should-have.js';
export { type PeerState, changeCounter, readPeer } from './sync-peer.js';
export {
  NEWEST_SCHEMA,
  OISE_VERSION,
  READABLE_FROM,
  SYNCED_ADDITIONS,
  type SyncedAddition,
  type SyncedColumnAddition,
  isKnownSchemaVersion,
  isSchemaBefore,
  tablesKnownAt,
} from './schema-compat.js';
export { type TableShape, tableShape } from './table-columns.js';
export {
  type HttpInbox,
  type HttpInboxOptions,
  type UploadAnswer,
  startHttpInbox,
} from './http-inbox.js';
export {
  CHILD_URL_SETTING_PREFIX,
  INBOX_PATH,
  type NeighbourAddress,
  PARENT_URL_SETTING,
  SEND_OUTCOME_LABELS,
  type SendOptions,
  type SendResult,
  type SentBundle,
  inboxUrl,
  isFetchBlockedPort,
  neighbourAddresses,
  sendOutbox,
  transportUrls,
} from './http-send.js';
export { SENT_FOLDER, type WaitingBundle, moveToSent, sentCount, waitingBundles } from './outbox-files.js';
export {
  type EnrolmentPreview,
  type NeighbourEnrolment,
  enrollNeighbour,
  previewEnrolment,
} from './neighbour-enrolment.js';
export { type SettingCheck, checkSettingValue } from './setting-check.js';
export {
  STARTER_FORMAT,
  type StarterApplied,
  type StarterHeader,
  type StarterPackage,
  type StarterWritten,
  applyStarterPackage,
  checkStarterPackage,
  defaultStarterPath,
  isStarterPackage,
  readStarterPackage,
  sameFingerprint,
  starterFileName,
  writeStarterPackage,
} from './starter-package.js';
export {
  DEFAULT_INBOX_LIMITS,
  INBOX_LIMIT_SETTINGS,
  type InboxLimits,
  inboxLimits,
} from './inbox-limits.js';
export {
  MAX_MANIFEST_BYTES,
  type ManifestPeek,
  type PeekResult,
  peekManifest,
  startManifestPeek,
} from './manifest-peek.js';
export {
  DEFAULT_REJECTED_QUOTA_MIB,
  REJECTED_QUOTA_SETTING,
  type RejectedQuota,
  enforceRejectedQuota,
  isNetworkName,
  overQuotaWarning,
  quotaUseFr,
  rejectedQuota,
} from './rejected-quota.js';
export { type GateLimits, type GateRefusal, UploadGate } from './upload-gate.js';
export { type UploadCut, UploadGuard, type UploadLimits } from './upload-guard.js';
export { addressedKey, signedByEnrolledKey } from './verify-manifest.js';
