/** Everything the core exports, for both entries (index.ts for Node, browser.ts for browsers). */

export { CHUNK_SIZE, sourceSize } from './chunker.js';
export { CommitBuilder, type CreateCommitOptions } from './commit-builder.js';
export {
  CommitDraft,
  type CommitDraftOptions,
  type CommitDraftPhase,
  type CommitDraftSnapshot,
  type DraftCommitOptions,
  type StagedChange,
} from './commit-draft.js';
export type {
  DraftPersistence,
  DraftPersistenceState,
  NotKeptReason,
  PersistedChange,
  PersistedDraft,
} from './draft-persistence.js';
export { DraftStore } from './draft-store.js';
export {
  ApiError,
  AuthError,
  GitStorageError,
  NetworkError,
  type RefUpdate,
  RefUpdateError,
  type RefUpdateReason,
  refUpdateReason,
  ValidationError,
} from './errors.js';
export { GitStorage, type GitStorageOptions } from './git-storage.js';
export type { RetryOptions } from './http.js';
export type { IndexedDbDraftOptions } from './indexeddb-drafts.js';
export { indexedDbDraftPersistence } from './indexeddb-lazy.js';
export type { RefPolicy } from './jwt.js';
export {
  branchNameProblem,
  isFullSha,
  pathProblem,
  repoIdProblem,
  tagNameProblem,
} from './paths.js';
export {
  type CreateCommitFromDiffOptions,
  type FileRequestHeaders,
  type GetFileOptions,
  type ListCommitsOptions,
  type ListFilesOptions,
  Repo,
  type RestoreCommitOptions,
} from './repo.js';
export { blobTransport } from './transports/blob.js';
export { fetchStreamTransport } from './transports/fetch-stream.js';
export { nodeHttpTransport } from './transports/node-http.js';
export type { UploadRequest, UploadResponse, UploadTransport } from './transports/types.js';
export type * from './types.js';
export { MAX_CHUNK_BYTES, type Scope, ZERO_SHA } from './wire-types.js';
