/**
 * Optional signature of manifest.json with a per-install ECDSA P-256 key. The private key is generated
 * non-extractable and stored as a CryptoKey in the kv table (CryptoKeys are structured-cloneable), so it can sign
 * but never be read out, not even by this extension. Backups do not carry it: a restored install gets a new key.
 */
import type { KamiGuardDb } from '@/lib/db/database';
import type { BundleSignature } from './bundle';
import { EVIDENCE_KV_PREFIX } from '../db/timeline';
import { base64ToBytes, bytesToBase64, canonicalJson, sha256Hex } from '../hash';
import type { ManifestSignatureFile } from './manifest';

export const SIGNING_KEY_KV = `${EVIDENCE_KV_PREFIX}signingKey`;
export const SIGNATURE_ALG = 'ECDSA-P256-SHA256';

const KEY_PARAMS: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGN_PARAMS: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

/** The stored key pair: the private key as a CryptoKey, the public key as a JWK. */
export interface StoredSigningKey {
  privateKey: CryptoKey;
  publicKeyJwk: JsonWebKey;
  /** Epoch ms. */
  createdAt: number;
  /** SHA-256 of the canonical public JWK (kty, crv, x, y), to show and compare. */
  fingerprint: string;
}

function isStoredKey(value: unknown): value is StoredSigningKey {
  const v = value as StoredSigningKey | null;
  return (
    !!v && typeof CryptoKey !== 'undefined' && v.privateKey instanceof CryptoKey && typeof v.publicKeyJwk === 'object'
  );
}

/** SHA-256 of the public key's canonical JWK members (RFC 7638 style member set). */
export async function keyFingerprint(jwk: JsonWebKey): Promise<string> {
  return sha256Hex(canonicalJson({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }));
}

/** Returns this install's signing key, creating and storing it on first use. */
export async function getSigningKey(db: KamiGuardDb): Promise<StoredSigningKey> {
  const existing = (await db.kv.get(SIGNING_KEY_KV))?.value;
  if (isStoredKey(existing)) return existing;

  const pair = await crypto.subtle.generateKey(KEY_PARAMS, false, ['sign', 'verify']);
  // A generated public key is always exportable, whatever `extractable` says.
  const publicKeyJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const fresh: StoredSigningKey = {
    privateKey: pair.privateKey,
    publicKeyJwk: { kty: publicKeyJwk.kty, crv: publicKeyJwk.crv, x: publicKeyJwk.x, y: publicKeyJwk.y },
    createdAt: Date.now(),
    fingerprint: await keyFingerprint(publicKeyJwk),
  };
  // Another context may have created a key meanwhile: keep whichever was stored first.
  return db.transaction('rw', db.kv, async () => {
    const again = (await db.kv.get(SIGNING_KEY_KV))?.value;
    if (isStoredKey(again)) return again;
    await db.kv.put({ key: SIGNING_KEY_KV, value: fresh });
    return fresh;
  });
}

/** A `BundleInput.sign` function using this install's key. */
export function createManifestSigner(db: KamiGuardDb): (bytes: Uint8Array) => Promise<BundleSignature> {
  return async (bytes) => {
    const key = await getSigningKey(db);
    const signature = await crypto.subtle.sign(SIGN_PARAMS, key.privateKey, bytes as Uint8Array<ArrayBuffer>);
    return { alg: SIGNATURE_ALG, publicKeyJwk: key.publicKeyJwk, signature: bytesToBase64(new Uint8Array(signature)) };
  };
}

/** Checks manifest.sig.json against manifest.json's bytes (hash and ECDSA signature). */
export async function verifyManifestSignature(manifestBytes: Uint8Array, sig: ManifestSignatureFile): Promise<boolean> {
  if (sig.alg !== SIGNATURE_ALG) return false;
  if ((await sha256Hex(manifestBytes)) !== sig.sha256) return false;
  try {
    const key = await crypto.subtle.importKey('jwk', sig.publicKeyJwk, KEY_PARAMS, false, ['verify']);
    return await crypto.subtle.verify(
      SIGN_PARAMS,
      key,
      base64ToBytes(sig.signature) as Uint8Array<ArrayBuffer>,
      manifestBytes as Uint8Array<ArrayBuffer>,
    );
  } catch {
    return false;
  }
}
