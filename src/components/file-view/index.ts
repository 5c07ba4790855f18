/**
 * git-storage-kit/components/file-view: The file view: `FileView` (connected) and `FilePreview`.
 * Importing one family bundles only it (and what it uses).
 */
export {
  FilePreview,
  type FilePreviewCommit,
  type FilePreviewProps,
} from './FilePreview.js';
export { FileView, type FileViewProps } from './FileView.js';
export type { FileViewLabels } from './labels.js';
