/**
 * The connected file browser: `repoId` and a ref in, a {@link FileTree} fed by the hooks out.
 * Small repositories load whole; large ones folder by folder (see `useRepositoryTree`).
 */
import { useCallback, useState } from 'react';
import { useFamilyLabels } from '../shared/labels.js';
import { FileTree, type FileTreeProps } from './FileTree.js';
import { fileBrowserLabels } from './labels.js';
import { ancestors } from './tree-model.js';
import { useRepositoryTree } from './use-repository-tree.js';

export interface FileBrowserProps
  extends Omit<FileTreeProps, 'source' | 'onRetry' | 'onLoadMore' | 'complete'> {
  repoId: string;
  /** A branch, tag or commit SHA; the default branch when left out. */
  gitRef?: string;
}

export function FileBrowser({ repoId, gitRef, ...treeProps }: FileBrowserProps) {
  const labels = useFamilyLabels(fileBrowserLabels, treeProps.labels);
  // The tree keeps expansion unless the app controls it; either way the data hook needs to know
  // which folders are open, so it is mirrored here. A selected file starts with its folders open.
  const [ownExpanded, setOwnExpanded] = useState<ReadonlySet<string>>(
    () =>
      new Set(
        treeProps.defaultExpanded ??
          (treeProps.selectedPath ? ancestors(treeProps.selectedPath) : []),
      ),
  );
  const expanded = treeProps.expanded ?? ownExpanded;
  const { onExpandedChange } = treeProps;
  const changeExpanded = useCallback(
    (next: ReadonlySet<string>) => {
      setOwnExpanded(next);
      onExpandedChange?.(next);
    },
    [onExpandedChange],
  );
  const tree = useRepositoryTree(repoId, gitRef, expanded);
  return (
    <FileTree
      {...treeProps}
      source={tree.source}
      complete={tree.mode !== 'lazy'}
      expanded={expanded}
      onExpandedChange={changeExpanded}
      onRetry={tree.retry}
      onLoadMore={tree.loadMore}
      {...(tree.missing ? { emptyMessage: labels.repositoryNotFound(repoId) } : {})}
    />
  );
}
