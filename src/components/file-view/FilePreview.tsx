/**
 * The presentational file view: a header (path, size, last commit, Download) over the content —
 * text with line numbers (virtualized), an image from an object URL, or a description of a
 * binary file. Content is always text nodes or an <img>; nothing from the repository is ever
 * parsed as markup.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { FileContent } from '../../react/index.js';
import { BidiText, hasBidiControls } from '../shared/bidi.js';
import { cx } from '../shared/cx.js';
import {
  commitTitle,
  formatBytes,
  formatExactTime,
  formatNumber,
  formatRelativeTime,
} from '../shared/format.js';
import type { CodeToken } from '../shared/highlight.js';
import { type GitStorageLabels, useFamilyLabels, useLocale } from '../shared/labels.js';
import { Skeleton } from '../shared/Skeleton.js';
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
      : content?.text !== undefined && hasBidiControls(content.text)
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
              <button
                type="button"
                className="gsk-button"
                onClick={props.onDownload}
                disabled={props.downloading}
              >
                {props.downloading ? labels.downloading : labels.download}
              </button>
            )}
          </span>
          {commit && (
            <span className="gsk-file-preview__commit">
              <span className="gsk-visually-hidden">{labels.lastCommit}: </span>
              <BidiText text={commitTitle(commit.message)} /> ·{' '}
              <BidiText text={commit.authorName} /> ·{' '}
              <time
                dateTime={commit.date.toISOString()}
                title={formatExactTime(commit.date, locale)}
                suppressHydrationWarning
              >
                {formatRelativeTime(commit.date, new Date(), locale)}
              </time>
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

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * The text's lines as highlighted tokens once the grammar has loaded (plain until then, and for
 * unknown languages, big files, or text holding bidirectional controls — those are shown as marks,
 * which matters more than colour).
 */
function useHighlightedLines(text: string, path: string): CodeToken[][] | null {
  const [tokens, setTokens] = useState<{ text: string; lines: CodeToken[][] } | null>(null);
  useEffect(() => {
    if (text === '' || hasBidiControls(text)) return;
    let current = true;
    // The highlighter and its grammar table load with the first file that needs them.
    import('../shared/highlight.js')
      .then(({ highlightFile }) => highlightFile(text, path))
      .then(
        (lines) => {
          if (current && lines) setTokens({ text, lines });
        },
        () => {}, // no colours: the text is shown plain
      );
    return () => {
      current = false;
    };
  }, [text, path]);
  return tokens?.text === text ? tokens.lines : null;
}

function TextLines(props: { text: string; path: string; label: string; lineHeight: number }) {
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
            className="gsk-file-preview__line"
            style={{ transform: `translateY(${item.start}px)`, height: props.lineHeight }}
          >
            <span className="gsk-file-preview__line-number" aria-hidden="true">
              {item.index + 1}
            </span>
            {tokens?.[item.index] ? (
              <span className="gsk-file-preview__line-text">
                {(tokens[item.index] as CodeToken[]).map((token, k) => (
                  <span
                    // biome-ignore lint/suspicious/noArrayIndexKey: tokens of one line, in order.
                    key={k}
                    style={
                      token.type
                        ? { color: `var(--gsk-syntax-${token.type}, var(--gsk-fg))` }
                        : undefined
                    }
                  >
                    {token.text}
                  </span>
                ))}
              </span>
            ) : (
              <BidiText
                className="gsk-file-preview__line-text"
                text={lines[item.index] as string}
                ltr
              />
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
