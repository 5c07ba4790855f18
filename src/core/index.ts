/**
 * git-storage-kit core: the framework-agnostic client for Pierre Code Storage.
 * Runs in browsers, Node 20+ and web workers; no Node built-in is imported. This entry can also
 * mint tokens from a private key (`key`, for servers); browsers get `browser.ts` through the
 * package's `browser` export condition, which leaves that code out of their bundles.
 */
import { GitStorage as BaseGitStorage, type GitStorageOptions } from './git-storage.js';
import { registerKeySigner } from './key-mode.js';

export * from './exports.js';

/**
 * The client. Give it `getToken` in browsers (your backend mints tokens), or `key`/`token` on a
 * server. Registering the signer in the constructor (not at import) keeps it with the class
 * through bundlers that drop side-effect-only statements (`sideEffects: false`).
 */
export class GitStorage extends BaseGitStorage {
  constructor(options: GitStorageOptions) {
    registerKeySigner(() => import('./key-signer.js'));
    super(options);
  }
}
