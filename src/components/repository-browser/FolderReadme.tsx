/**
 * What the repository browser shows for a folder (the root included), as a code host does: the
 * folder's README, rendered, or a sentence when it has none.
 */
import type { ReactNode } from 'react';
import { useFiles } from '../../react/index.js';
import { FileView, type FileViewProps } from '../file-view/FileView.js';
import { Skeleton } from '../shared/Skeleton.js';

/** README names in the order a code host prefers them (case-insensitive). */
const README = /^readme(\.(md|markdown|mdown|mkd|txt|rst|adoc))?$/i;

/** The README of a folder's entries, Markdown first (`docs/README.md` in `docs`). */
export function findReadme(paths: readonly string[], folder: string): string | null {
  const prefix = folder ? `${folder}/` : '';
  const candidates = paths.filter(
    (path) =>
      path.startsWith(prefix) &&
      !path.slice(prefix.length).includes('/') &&
      README.test(path.slice(prefix.length)),
  );
  const rank = (path: string) => (/\.(md|markdown|mdown|mkd)$/i.test(path) ? 0 : 1);
  return candidates.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0] ?? null;
}

export function FolderReadme(
  props: Omit<FileViewProps, 'path'> & {
    folder: string;
    /** Shown when the folder has no README (or the listing failed: the tree says why). */
    empty: ReactNode;
    loadingLabel: string;
  },
) {
  const { folder, empty, loadingLabel, ...view } = props;
  const listing = useFiles(props.repoId, {
    ...(props.gitRef ? { ref: props.gitRef } : {}),
    ...(folder ? { path: folder } : {}),
  });
  if (listing.isPending) return <Skeleton label={loadingLabel} rows={6} />;
  const files = (listing.data?.entries ?? []).filter((e) => e.type === 'blob').map((e) => e.path);
  const readme = findReadme(files, folder);
  if (!readme) return <>{empty}</>;
  return <FileView {...view} path={readme} />;
}
