/**
 * The presentational file view: a header (path, size, last commit, Download) over the content —
 * text with line numbers (virtualized), an image from an object URL, or a description of a
 * binary file. Content is always text nodes or an <img>; nothing from the repository is ever
 * parsed as markup.
 */

import { useVirtualizer } from '@tanstack/react-virtual';
import { Download } from 'lucide-react';
import { type CSSProperties, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { FileContent } from '../../react/index.js';
import { BidiText, hasBidiControls } from '../shared/bidi.js';
import { cx } from '../shared/cx.js';
import { commitTitle, formatBytes, formatNumber } from '../shared/format.js';
import { CopyButton, ICON_SIZE, IconButton } from '../shared/IconButton.js';
import { type GitStorageLabels, useFamilyLabels, useLocale } from '../shared/labels.js';
import { RelativeTime } from '../shared/RelativeTime.js';
import { Skeleton } from '../shared/Skeleton.js';
import { CodeLine, splitLines, useHighlightedLines } from '../shared/use-highlighted-lines.js';
import { detectType } from './detect-type.js';
import { ImagePreview } from './ImagePreview.js';
import { fileViewLabels } from './labels.js';
import { isMarkdownPath, MarkdownPreview } from './MarkdownPreview.js';

export interface FilePreviewCommit {
  sha: string;
  message: string;
  authorName: string;
  date: Date;
}

export interface FilePreviewProps {
  /** The file's path; null when nothing is chosen. */
  path: string | null;
  /** What was read (as `useFile` gives it). */
  content?: FileContent | undefined;
  loading?: boolean;
  error?: Error | null;
  /** The last commit that touched the file, for the header. */
  lastCommit?: FilePreviewCommit | null;
  /** Offer "Download" and say when it runs or failed. */
  onDownload?: () => void;
  downloading?: boolean;
  downloadError?: Error | null;
  /** Offer "Load all" for a truncated file (omit when the whole file is too big to load). */
  onLoadAll?: () => void;
  /** Line height in pixels of the text view (default 20). */
  lineHeight?: number;
  /** BCP 47 locale for sizes and times (default: the user's). */
  locale?: string;
  /**
   * Extra actions in the header (buttons of the app), shown once the file is loaded — never for
   * a path that is not there. A function gets the content, to offer an action only where it
   * applies (Edit for text).
   */
  actions?: ReactNode | ((content: FileContent) => ReactNode);
  /**
   * Markdown files open rendered (Preview) or as text (Source); the switch in the header changes
   * it for the file shown. Default: `preview`.
   */
  markdownView?: 'preview' | 'source';
  /** The last commit's title opens it (the repository browser shows the commit's page). */
  onOpenCommit?: (sha: string) => void;
  /** A line to scroll to and mark (1-based); Markdown then shows its source. */
  line?: number;
  /** Reads another file of the repository: relative images in Markdown. */
  readFile?: (path: string) => Promise<FileContent>;
  /** Opens another file of the repository: relative links in Markdown. */
  onOpenPath?: (path: string) => void;
  /** The href of a relative Markdown link (so it can open in a new tab). */
  linkToPath?: (path: string) => string;
  className?: string;
  labels?: Partial<GitStorageLabels>;
}

export function FilePreview(props: FilePreviewProps) {
  const labels = useFamilyLabels(fileViewLabels, props.labels);
  const locale = useLocale(props.locale);
  const { content, path } = props;
  const type = useMemo(
    () => (content ? detectType(content.path, content.bytes, content.text) : null),
    [content],
  );

  // Markdown opens rendered unless the text holds bidi controls (the source view shows them).
  const [markdownChoice, setMarkdownChoice] = useState<{ path: string; view: string } | null>(null);
  const isMarkdown =
    !!content &&
    isMarkdownPath(content.path) &&
    content.text !== undefined &&
    !content.isBinary &&
    content.size > 0;
  const markdownView =
    markdownChoice?.path === path
      ? markdownChoice.view
      : props.line || (content?.text !== undefined && hasBidiControls(content.text))
        ? 'source'
        : (props.markdownView ?? 'preview');
  const markdownShown = isMarkdown && markdownView === 'preview';

  let body: ReactNode;
  if (!path) body = <p className="gsk-message">{labels.noFileSelected}</p>;
  else if (props.error && !content) {
    body = (
      <p className="gsk-message gsk-message--error" role="alert">
        {labels.fileError(props.error.message)}
      </p>
    );
  } else if (!content || props.loading) {
    body = <Skeleton label={labels.loadingFile} rows={8} />;
  } else if (type?.image && !content.truncated) {
    body = (
      <ImagePreview
        content={content}
        type={type}
        alt={labels.imageAlt(content.path)}
        failedText={labels.imageFailed}
      />
    );
  } else if (content.isBinary || type?.image) {
    body = (
      <p className="gsk-message">
        {labels.binaryFile(
          formatBytes(content.size, locale),
          type?.description ?? labels.unknownType,
        )}
      </p>
    );
  } else if (content.size === 0) {
    body = <p className="gsk-message">{labels.emptyFile}</p>;
  } else {
    const text = content.text ?? '';
    body = markdownShown ? (
      <MarkdownPreview
        text={text}
        path={content.path}
        label={labels.renderedMarkdown(content.path)}
        labels={labels}
        {...(props.readFile ? { readFile: props.readFile } : {})}
        {...(props.onOpenPath ? { onOpenPath: props.onOpenPath } : {})}
        {...(props.linkToPath ? { linkToPath: props.linkToPath } : {})}
      />
    ) : (
      <>
        {hasBidiControls(text) && (
          <p className="gsk-bidi-warning" role="note">
            {labels.bidiWarning}
          </p>
        )}
        <TextLines
          text={text}
          path={content.path}
          label={labels.fileContent(content.path)}
          lineHeight={props.lineHeight ?? 20}
          {...(props.line ? { line: props.line } : {})}
        />
      </>
    );
  }

  const commit = props.lastCommit;
  return (
    <section
      className={cx('gsk-file-preview', props.className)}
      aria-label={path ?? labels.noFileSelected}
    >
      {path && (
        <header className="gsk-file-preview__header">
          <h2 className="gsk-file-preview__path">
            <BidiText text={path} ltr />
          </h2>
          <CopyButton
            text={path}
            label={labels.copyPath}
            copiedLabel={labels.pathCopied}
            className="gsk-file-preview__copy"
          />
          {content && (
            <span className="gsk-file-preview__meta">
              {formatBytes(content.size, locale)}
              {content.text !== undefined && !content.truncated && content.size > 0
                ? ` · ${labels.lines(formatNumber(countLines(content.text), locale))}`
                : ''}
            </span>
          )}
          <span className="gsk-file-preview__actions">
            {isMarkdown && path && (
              // biome-ignore lint/a11y/useSemanticElements: a named group of two toggle buttons, not a form's fieldset.
              <span className="gsk-segmented" role="group" aria-label={labels.markdownView}>
                {(['preview', 'source'] as const).map((view) => (
                  <button
                    key={view}
                    type="button"
                    className="gsk-button"
                    aria-pressed={markdownView === view}
                    onClick={() => setMarkdownChoice({ path, view })}
                  >
                    {labels[view]}
                  </button>
                ))}
              </span>
            )}
            {content &&
              (typeof props.actions === 'function' ? props.actions(content) : props.actions)}
            {content && props.onDownload && (
              <IconButton
                label={props.downloading ? labels.downloading : labels.download}
                icon={<Download size={ICON_SIZE} aria-hidden="true" />}
                onClick={props.onDownload}
                disabled={props.downloading}
              />
            )}
          </span>
          {commit && (
            <span className="gsk-file-preview__commit">
              <span className="gsk-visually-hidden">{labels.lastCommit}: </span>
              {props.onOpenCommit ? (
                <button
                  type="button"
                  className="gsk-link-button"
                  onClick={() => props.onOpenCommit?.(commit.sha)}
                >
                  <BidiText text={commitTitle(commit.message)} />
                </button>
              ) : (
                <BidiText text={commitTitle(commit.message)} />
              )}{' '}
              · <BidiText text={commit.authorName} /> ·{' '}
              <RelativeTime date={commit.date} locale={locale} />
            </span>
          )}
        </header>
      )}
      {props.downloadError && (
        <p className="gsk-file-preview__notice gsk-message--error" role="alert">
          {labels.downloadFailed(props.downloadError.message)}
        </p>
      )}
      {content?.truncated && !content.isBinary && !type?.image && (
        <p className="gsk-file-preview__notice">
          {labels.truncated(
            formatBytes(content.bytes.length, locale),
            formatBytes(content.size, locale),
          )}{' '}
          {props.onLoadAll ? (
            <button type="button" className="gsk-button" onClick={props.onLoadAll}>
              {labels.loadAll}
            </button>
          ) : (
            labels.tooBigToLoad(formatBytes(content.size, locale))
          )}
        </p>
      )}
      {content?.truncated && type?.image && props.onLoadAll && (
        <p className="gsk-file-preview__notice">
          <button type="button" className="gsk-button" onClick={props.onLoadAll}>
            {labels.loadAll}
          </button>
        </p>
      )}
      {body}
    </section>
  );
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

function TextLines(props: {
  text: string;
  path: string;
  label: string;
  lineHeight: number;
  line?: number;
}) {
  const lines = useMemo(() => splitLines(props.text), [props.text]);
  const tokens = useHighlightedLines(props.text, props.path);
  const scrollRef = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => props.lineHeight,
    overscan: 20,
    initialRect: { width: 800, height: props.lineHeight * 30 },
  });
  const gutter = `${String(lines.length).length}ch`;
  // A line asked for (a search result, a link) is scrolled to the middle and marked.
  const { line } = props;
  useEffect(() => {
    if (line && line <= lines.length) virtualizer.scrollToIndex(line - 1, { align: 'center' });
  }, [line, lines.length, virtualizer]);
  return (
    <section
      ref={scrollRef}
      className="gsk-file-preview__text"
      aria-label={props.label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
      tabIndex={0}
    >
      <div
        className="gsk-file-preview__lines"
        style={{ height: virtualizer.getTotalSize(), '--gsk-gutter': gutter } as CSSProperties}
      >
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.index}
            className={cx(
              'gsk-file-preview__line',
              item.index + 1 === line && 'gsk-file-preview__line--target',
            )}
            style={{ transform: `translateY(${item.start}px)`, height: props.lineHeight }}
          >
            <span className="gsk-file-preview__line-number" aria-hidden="true">
              {item.index + 1}
            </span>
            <CodeLine
              className="gsk-file-preview__line-text"
              text={lines[item.index] as string}
              tokens={tokens?.[item.index]}
            />
          </div>
        ))}
      </div>
    </section>
  );
}
