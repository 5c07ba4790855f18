/**
 * git-storage-kit/components/file-browser: The file browser: `FileBrowser` (connected), `FileTree`, `useFileTree` and the tree model. Importing one family
 * bundles only it (and what it uses).
 */
export { FileBrowser, type FileBrowserProps } from './FileBrowser.js';
export { FileTree, type FileTreeProps } from './FileTree.js';
export {
  ancestors,
  type FolderContents,
  PathTree,
  type TreeEntryLike,
  type TreeNode,
  type TreeNodeKind,
  type TreeNodeRow,
  type TreeRow,
  type TreeSource,
  type TreeStatusRow,
  visibleRows,
} from './tree-model.js';
export {
  type FileTreeModel,
  type UseFileTreeOptions,
  useFileTree,
} from './use-file-tree.js';
export {
  FOLDER_PAGE,
  type RepositoryTree,
  useRepositoryTree,
  WHOLE_TREE_LIMIT,
} from './use-repository-tree.js';
