/**
 * Opening a file in the {@link TextEditor}: a staged text or small file (read from the staged
 * Blob), a file of the branch (read through the query cache), or a new file. Staging the edit
 * replaces whatever was staged at the path.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { StagedChange } from '../../core/browser.js';
import { decodeText, storageQueries, useGitStorage } from '../../react/index.js';
import type { CommitComposerLabels } from './labels.js';
import { EDITABLE_MAX_BYTES } from './staging.js';
import type { TextEditorProps } from './TextEditor.js';

interface Editing {
  /** Changes with every open, so the editor starts fresh. */
  key: number;
  path: string;
  isNew: boolean;
  text: string | undefined;
  problem?: string;
}

export function useFileEditor(options: {
  repoId: string;
  branch: string;
  staged: readonly StagedChange[];
  stageText: (path: string, text: string) => void;
  labels: CommitComposerLabels;
}) {
  const client = useGitStorage();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing | null>(null);
  const opened = useRef(0);

  const load = (key: number, path: string, read: () => Promise<string | undefined>) => {
    read().then(
      (text) =>
        setEditing((now) =>
          now?.key !== key
            ? now
            : text === undefined
              ? { ...now, problem: options.labels.notEditable(path) }
              : { ...now, text },
        ),
      (error: unknown) =>
        setEditing((now) =>
          now?.key !== key
            ? now
            : {
                ...now,
                problem: options.labels.fileError(
                  error instanceof Error ? error.message : String(error),
                ),
              },
        ),
    );
  };

  /** Opens `path`: its staged content if staged, else the branch's file. */
  const open = (path: string) => {
    const key = ++opened.current;
    const change = options.staged.find((c) => c.path === path);
    if (change?.kind === 'file' && typeof change.source === 'string') {
      setEditing({ key, path, isNew: false, text: change.source });
      return;
    }
    setEditing({ key, path, isNew: false, text: undefined });
    // Duck-typed: a Blob from another realm (an iframe, Node's own) is still a Blob.
    const source = change?.kind === 'file' ? change.source : undefined;
    if (source !== undefined && typeof (source as Blob).arrayBuffer === 'function') {
      const blob = source as Blob;
      load(key, path, async () => {
        if (blob.size > EDITABLE_MAX_BYTES) return undefined;
        // The hooks' rule: binary with a NUL in the first 8 KiB, or when not valid UTF-8.
        return decodeText(new Uint8Array(await blob.arrayBuffer()));
      });
    } else if (change?.kind === 'file') {
      setEditing({
        key,
        path,
        isNew: false,
        text: undefined,
        problem: options.labels.notEditable(path),
      });
    } else {
      load(key, path, async () => {
        const file = await queryClient.fetchQuery(
          storageQueries.file(client, options.repoId, {
            ref: options.branch,
            path,
            maxBytes: EDITABLE_MAX_BYTES,
          }),
        );
        return file.isBinary || file.truncated ? undefined : file.text;
      });
    }
  };

  /** Opens an empty editor for a new file at `path` (typed by the user), with `text` in it. */
  const openNew = (path: string, text = '') => {
    setEditing({ key: ++opened.current, path, isNew: true, text });
  };

  const editorProps: TextEditorProps | null = editing && {
    path: editing.path,
    pathEditable: editing.isNew,
    text: editing.text,
    problem: editing.problem,
    onStage: (path, text) => {
      options.stageText(path, text);
      setEditing(null);
    },
    onCancel: () => setEditing(null),
    labels: options.labels,
  };
  return { open, openNew, editorProps, editorKey: editing?.key ?? 0 };
}
