/** The evidence bundle's manifest.json format (version 1). */
import type { ChainAnchor, ChainItemType, ChainVerification } from '../db/chain';
import type { ChecklistItemId } from './labels';

export const BUNDLE_FORMAT = 'kamiguard-evidence-bundle';
export const BUNDLE_VERSION = 1;
export const SIGNATURE_FORMAT = 'kamiguard-manifest-signature';

/** A complaint draft included in the bundle. */
export interface BundleDraft {
  channel: string;
  title?: string;
  body: string;
}

/** One file of the bundle (every file except manifest.json and manifest.sig.json). */
export interface ManifestFile {
  path: string;
  /** SHA-256 (hex) of the file's bytes as written in the ZIP. */
  sha256: string;
  size: number;
}

/**
 * A file beside manifest.json that its `files` cannot list: it is made from manifest.json's final bytes (a signature,
 * a timestamp token over them), so it is checked against manifest.json itself.
 */
export interface ManifestDetachedFile {
  path: 'manifest.sig.json' | 'manifest.tsr';
  /** What it is and how to check it. */
  about: string;
}

/** A chain record as hashed: `record` is exactly the hashed content (without id, orderId, hash). */
export interface ManifestChainEntry {
  /** Position in the order's chain (0-based, events and evidence together). */
  seq: number;
  type: ChainItemType;
  record: Record<string, unknown>;
  hash?: string;
  /** ISO 8601 (UTC) of `at` / `capturedAt`. */
  time: string;
}

/** How an evidence item's file fared: bytes present and matching, present but not matching, or absent. */
export type ManifestFileStatus = 'ok' | 'hash_mismatch' | 'missing';

export interface ManifestEvidenceEntry extends ManifestChainEntry {
  type: 'evidence';
  /** Path inside the ZIP (absent when the bytes are missing). */
  path?: string;
  file: ManifestFileStatus;
  /** SHA-256 of the bytes actually written, when they differ from `record.sha256`. */
  fileSha256?: string;
}

export interface ManifestOrder {
  /** Folder of this order's files inside the ZIP. */
  dir: string;
  /** The order's facts (card keys masked unless the export included them). */
  order: Record<string, unknown>;
  chain: {
    genesis: string;
    head: string;
    count: number;
    anchor?: ChainAnchor | null;
    verification: ChainVerification;
  };
  events: ManifestChainEntry[];
  evidence: ManifestEvidenceEntry[];
  checklist: { id: ChecklistItemId; present: boolean; count: number }[];
  drafts: BundleDraft[];
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  /** ISO 8601 (UTC). */
  generatedAt: string;
  generator: { name: string; version?: string };
  hashAlgorithm: 'SHA-256';
  /** How to recompute every chain hash without this software. */
  chainAlgorithm: { tag: string; recordHash: string; genesis: string; canonicalJson: string };
  orders: ManifestOrder[];
  files: ManifestFile[];
  /** The files made from this one after it was written (absent when there are none). */
  detached?: ManifestDetachedFile[];
}

/** Contents of manifest.sig.json. */
export interface ManifestSignatureFile {
  format: typeof SIGNATURE_FORMAT;
  version: 1;
  /** The signed file. */
  file: 'manifest.json';
  /** SHA-256 of manifest.json's bytes. */
  sha256: string;
  /** 'ECDSA-P256-SHA256' for signing.ts keys. */
  alg: string;
  publicKeyJwk: JsonWebKey;
  /** Base64 signature over manifest.json's bytes (IEEE P1363 r||s for ECDSA, as WebCrypto produces). */
  signature: string;
}
