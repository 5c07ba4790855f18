/**
 * A Markdown file rendered (markdown.tsx, loaded with the first Markdown file shown). Until the
 * renderer has loaded, skeleton lines hold its place.
 */
import { useEffect, useState } from 'react';
import type { FileContent } from '../../react/index.js';
import { Skeleton } from '../shared/Skeleton.js';
import type { MarkdownLabels } from './markdown.js';

type MarkdownModule = typeof import('./markdown.js');

/** Loaded once per page; a later Markdown file renders at once. */
let loaded: MarkdownModule | null = null;

/** `.md`, `.markdown` and the other names GitHub renders as Markdown. */
export function isMarkdownPath(path: string): boolean {
  return /\.(md|markdown|mdown|mkdn|mkd)$/i.test(path);
}

export function MarkdownPreview(props: {
  text: string;
  path: string;
  label: string;
  labels: MarkdownLabels & { loadingFile: string };
  readFile?: (path: string) => Promise<FileContent>;
  onOpenPath?: (path: string) => void;
  linkToPath?: (path: string) => string;
}) {
  const [module, setModule] = useState<MarkdownModule | null>(loaded);
  useEffect(() => {
    if (module) return;
    let current = true;
    import('./markdown.js').then(
      (made) => {
        loaded = made;
        if (current) setModule(made);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [module]);
  const { label, labels, ...body } = props;
  return (
    <article className="gsk-file-preview__markdown" aria-label={label}>
      {module ? (
        <module.MarkdownBody {...body} labels={labels} />
      ) : (
        <Skeleton label={labels.loadingFile} rows={6} />
      )}
    </article>
  );
}
