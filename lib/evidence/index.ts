/**
 * The evidence layer: hashing, the per-order hash chain, evidence storage, images, the evidence bundle, signing,
 * backup and restore. Modules are small and can be imported directly; this file lists the public API.
 */
export { sha256Hex, sha256HexSync, canonicalJson, hashedContent, toBytes, type ByteSource } from '../hash';
export {
  CHAIN_TAG,
  genesisHash,
  computeRecordHash,
  orderChainItems,
  verifyChain,
  type ChainAnchor,
  type ChainBreakReason,
  type ChainItem,
  type ChainVerification,
  type OrderIdentity,
} from '../db/chain';
export {
  EVIDENCE_KV_PREFIX,
  anchorKey,
  appendChained,
  appendEventsChained,
  chainTables,
  loadChainItems,
  readAnchor,
  verifyOrderChain,
} from '../db/timeline';
export {
  addEvidence,
  getBlobBytes,
  storageUsage,
  evidenceChecklist,
  type AddEvidenceOptions,
  type AddEvidenceResult,
  type ChecklistEntry,
  type EvidenceInput,
  type StorageUsage,
} from './store';
export { EvidenceWriteError, StorageFullError, WRITE_ERROR_MESSAGES, isQuotaError, type UnsavedItem } from './errors';
export { buildTextRecord, TEXT_RECORD_MIME, type TextRecordInput } from './text-record';
export {
  BUNDLE_SETTINGS_KEY,
  DEFAULT_BUNDLE_SETTINGS,
  loadBundleSettings,
  saveBundleSettings,
  type BundleSettings,
} from './bundle-settings';
export { dataUrlToBlob } from './data-url';
export { encodeLosslessWebp, setWebpWasmLoader, warmUpWebpEncoder } from './webp-wasm';
export {
  compressImage,
  makeThumbnail,
  nextStitchScroll,
  planCrops,
  planStitch,
  maxSegmentHeight,
  stitchCaptures,
  type CompressedImage,
  type StitchPlan,
} from './image';
export { buildBundle, type BundleInput, type BundleOrderInput, type BundleSignature } from './bundle';
export { collectAllBundleOrders, collectBundleOrder } from './bundle-data';
export type { BundleDraft, BundleManifest, ManifestSignatureFile } from './manifest';
export { createManifestSigner, getSigningKey, verifyManifestSignature } from './signing';
export {
  BACKUP_ERROR_MESSAGES,
  BackupError,
  exportBackup,
  importBackup,
  type BackupErrorCode,
  type ImportOptions,
  type ImportReport,
} from '../backup';
export {
  EVIDENCE_CHECKLIST,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_KINDS,
  EVENT_KIND_LABELS,
  ORDER_STATUS_LABELS,
  type Locale,
  type Localized,
} from './labels';
