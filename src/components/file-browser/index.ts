/**
 * git-storage-kit/components/file-browser: The file browser: `FileBrowser` (connected), `FileTree`,
 * the headless `useFileTree`, and the tree model (`PathTree`, or any `TreeSource`). Importing one
 * family bundles only it (and what it uses).
 */
export { FileBrowser, type FileBrowserProps } from './FileBrowser.js';
export { FileTree, type FileTreeProps } from './FileTree.js';
export type { FileBrowserLabels } from './labels.js';
export {
  type FolderContents,
  PathTree,
  type TreeEntryLike,
  type TreeNode,
  type TreeNodeKind,
  type TreeNodeRow,
  type TreeRow,
  type TreeSource,
  type TreeStatusRow,
} from './tree-model.js';
export {
  type FileTreeModel,
  type UseFileTreeOptions,
  useFileTree,
} from './use-file-tree.js';
export { type RepositoryTree, useRepositoryTree } from './use-repository-tree.js';
