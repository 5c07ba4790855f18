/**
 * git-storage-kit/review: reviews kept in git notes and merge conflicts resolved through the API.
 * An entry of its own, so an app that does not review pays nothing for it.
 */

export {
  DEFAULT_REVIEW_NOTES_REF,
  MAX_COMMENT_LENGTH,
  type ParsedReviewNote,
  parseReviewEvent,
  parseReviewNote,
  REVIEW_FORMAT_VERSION,
  type ReviewComment,
  type ReviewEvent,
  type ReviewSide,
  type ReviewThread,
  serializeReviewEvent,
} from './format.js';
export {
  type CommitMergeResolutionOptions,
  type ConflictFileResolution,
  commitMergeResolution,
  type MergeResolutionResult,
} from './merge-resolution.js';
export {
  ReviewModel,
  type ReviewOptions,
  type ReviewSnapshot,
  type ReviewThreadState,
} from './review-model.js';
