export { applyRows } from './apply-rows.js';
export {
  BINARY_COLUMNS,
  type ManifestDraft,
  type ParsedBundle,
  encodeBundle,
  hasValidContentHash,
  hasValidSignature,
  parseBundle,
  readRows,
  writeFileAtomic,
} from './bundle-codec.js';
export * from './bundle-format.js';
export { type BundleStatus, type NeighbourBundles, getBundleStatus } from './bundle-status.js';
export { documentPath, materializeDocuments } from './documents.js';
export {
  type ExportOptions,
  type ExportResult,
  type WrittenBundle,
  exportBundles,
} from './export-bundles.js';
export { type IngestFileResult, type IngestOptions, ingestBundles } from './ingest-bundles.js';
export { type Recipient, markQuarterDue, selectRowsFor, validatedQuarters } from './should-have.js';
export { type PeerState, changeCounter, readPeer } from './sync-peer.js';
export { type TableShape, tableShape } from './table-columns.js';
