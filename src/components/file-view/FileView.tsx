/**
 * The connected file view: reads the file (the first 1 MiB unless "Load all" is pressed), the
 * last commit that touched it, and streams downloads to disk.
 */
import { skipToken, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { storageQueries, useCommits, useFile, useGitStorage } from '../../react/index.js';
import { saveResponse } from './download.js';
import { FilePreview, type FilePreviewProps } from './FilePreview.js';

/** Images a Markdown file shows are read up to this size. */
const MARKDOWN_IMAGE_MAX_BYTES = 16 * 1024 * 1024;

/** Files up to this size can be loaded whole into the page with "Load all"; larger: download. */
export const LOAD_ALL_LIMIT = 64 * 1024 * 1024;

export interface FileViewProps
  extends Omit<
    FilePreviewProps,
    | 'path'
    | 'content'
    | 'loading'
    | 'error'
    | 'lastCommit'
    | 'onDownload'
    | 'downloading'
    | 'downloadError'
    | 'onLoadAll'
  > {
  repoId: string;
  /** A branch, tag or commit SHA; the default branch when left out. */
  gitRef?: string;
  path: string | null;
  /** Bytes read at first (default 1 MiB). */
  maxBytes?: number;
}

export function FileView({ repoId, gitRef, path, maxBytes, ...rest }: FileViewProps) {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  const ref = gitRef || undefined;
  // Relative images in Markdown, read at the same ref through the query cache.
  const readFile = useCallback(
    (imagePath: string) =>
      queryClient.fetchQuery(
        storageQueries.file(client, repoId, {
          path: imagePath,
          ...(ref ? { ref } : {}),
          maxBytes: MARKDOWN_IMAGE_MAX_BYTES,
        }),
      ),
    [queryClient, client, repoId, ref],
  );
  // The grammar loads while the file is read, not after (the first highlighted screen then
  // waits for the text only).
  useEffect(() => {
    if (!path) return;
    import('../shared/highlight.js')
      .then(({ preloadGrammar }) => preloadGrammar(path))
      .catch(() => {}); // no colours then: the text is shown plain
  }, [path]);
  const [loadAllOf, setLoadAllOf] = useState<string | null>(null);
  const wholeFile = loadAllOf !== null && loadAllOf === `${ref}:${path}`;
  const file = useFile(
    repoId,
    path ? { path, ref, maxBytes: wholeFile ? LOAD_ALL_LIMIT : maxBytes } : skipToken,
  );
  const history = useCommits(repoId, path ? { branch: ref, path, limit: 1 } : {}, {
    enabled: !!path,
  });
  const last = history.data?.pages[0]?.commits[0];

  const [download, setDownload] = useState<{ busy: boolean; error: Error | null }>({
    busy: false,
    error: null,
  });
  const onDownload = useCallback(async () => {
    if (!path) return;
    setDownload({ busy: true, error: null });
    try {
      const response = await client
        .repo({ id: repoId })
        .getFileStream({ path, ...(ref ? { ref } : {}) });
      await saveResponse(response, path.slice(path.lastIndexOf('/') + 1));
      setDownload({ busy: false, error: null });
    } catch (error) {
      const aborted = error instanceof DOMException && error.name === 'AbortError';
      setDownload({ busy: false, error: aborted ? null : (error as Error) });
    }
  }, [client, repoId, path, ref]);

  const content = path && file.data?.path === path ? file.data : undefined;
  const canLoadAll = !!content?.truncated && content.size <= LOAD_ALL_LIMIT;
  return (
    <FilePreview
      readFile={readFile}
      {...rest}
      path={path}
      content={content}
      loading={file.isFetching && !content}
      error={file.error}
      lastCommit={
        last
          ? { sha: last.sha, message: last.message, authorName: last.authorName, date: last.date }
          : null
      }
      onDownload={onDownload}
      downloading={download.busy}
      downloadError={download.error}
      {...(canLoadAll ? { onLoadAll: () => setLoadAllOf(`${ref}:${path}`) } : {})}
    />
  );
}
