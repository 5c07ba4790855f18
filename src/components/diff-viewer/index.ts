/**
 * git-storage-kit/components/diff-viewer: The diff viewer: `DiffViewer` (connected), `DiffView`
 * (presentational), `DiffFileList`, the headless `useDiffView`, and the patch parser. Importing one
 * family bundles only it (and what it uses).
 */
export { DiffFileList, type DiffFileListProps } from './DiffFileList.js';
export { DiffView, type DiffViewProps } from './DiffView.js';
export { DiffViewer, type DiffViewerProps } from './DiffViewer.js';
export type { DiffData, DiffEntry } from './diff-model.js';
export {
  type AnnotationBlock,
  type DiffBlock,
  type FilePlan,
  type FoldBlock,
  fileIdentity,
  type HunkHeaderBlock,
  type LineSource,
  type LinesBlock,
  type NoteBlock,
} from './diff-plan.js';
export type { DiffViewerLabels } from './labels.js';
export {
  LineKind,
  type ParsedPatch,
  type PatchHunk,
  type PatchSection,
  parsePatch,
} from './parse-patch.js';
export {
  type DiffAnnotation,
  type DiffLineRange,
  type DiffViewModel,
  type FoldState,
  type UseDiffViewOptions,
  useDiffView,
} from './use-diff-view.js';
