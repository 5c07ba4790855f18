/**
 * git-storage-kit core for browsers (the package's `browser` export condition): the same API
 * without key-mode signing, so no JWT-signing code is bundled. Browsers get tokens from the host
 * backend through `getToken`; a private key never belongs in one.
 */
export * from './exports.js';
