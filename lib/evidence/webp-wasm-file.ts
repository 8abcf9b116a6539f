/** The WebP encoder's WebAssembly file: copied from @jsquash/webp into the extension's root by wxt.config.ts. */
export const WEBP_WASM = 'webp_enc_simd.wasm';
