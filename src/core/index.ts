/**
 * git-storage-kit core: the framework-agnostic client for Pierre Code Storage.
 * Runs in browsers, Node 20+ and web workers.
 */
export {
  ApiError,
  AuthError,
  type RefUpdate,
  RefUpdateError,
  type RefUpdateReason,
  refUpdateReason,
  ValidationError,
} from './errors.js';
export { branchNameProblem, isFullSha, pathProblem, repoIdProblem } from './paths.js';
export { MAX_CHUNK_BYTES, type Scope, ZERO_SHA } from './wire-types.js';
