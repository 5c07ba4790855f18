/**
 * git-storage-kit/components: React components over the hooks, each as a connected part (takes
 * `repoId`, reads through the hooks) and a presentational part (takes data as props). Import
 * `git-storage-kit/styles.css` once for the look. The built entry starts with 'use client', so a
 * Next.js App Router page can import it.
 */
export * from './blame/index.js';
export * from './branch-picker/index.js';
export * from './code-search/index.js';
export * from './commit-composer/index.js';
export * from './commit-history/index.js';
export * from './commit-view/index.js';
export * from './compare/index.js';
export * from './diff-viewer/index.js';
export * from './file-browser/index.js';
export * from './file-view/index.js';
export * from './repository-browser/index.js';
export * from './review/index.js';
export { ConfirmDialog, type ConfirmDialogProps } from './shared/ConfirmDialog.js';
export { defaultLabels, useLabels } from './shared/default-labels.js';
export { formatBytes, formatRelativeTime } from './shared/format.js';
export {
  type GitStorageLabels,
  GitStorageLabelsProvider,
  type SharedLabels,
  useLocale,
} from './shared/labels.js';
