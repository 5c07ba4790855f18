/**
 * git-storage-kit/components/diff-viewer: The diff viewer: `DiffViewer` (connected), `DiffView` and its parts, the patch parser and planner. Importing one family
 * bundles only it (and what it uses).
 */
export { DiffFile, type DiffFileProps } from './DiffFile.js';
export { DiffFileList, type DiffFileListProps } from './DiffFileList.js';
export { DiffPiece, type DiffPieceProps, WORD_DIFF_MAX_LINE } from './DiffPiece.js';
export { DiffView, type DiffViewProps } from './DiffView.js';
export { CONTEXT_MAX_BYTES, DiffViewer, type DiffViewerProps } from './DiffViewer.js';
export {
  type DiffData,
  type DiffEntry,
  diffEntries,
  HIGHLIGHT_MAX_LINES,
} from './diff-model.js';
export {
  type DiffBlock,
  type FileFact,
  type FilePlan,
  fileFacts,
  fileIdentity,
  type LineSource,
  type LinesBlock,
  PIECE_ROWS,
  planFile,
} from './diff-plan.js';
export {
  hunkSide,
  LineKind,
  lineText,
  type ParsedPatch,
  type PatchHunk,
  type PatchSection,
  parsePatch,
} from './parse-patch.js';
