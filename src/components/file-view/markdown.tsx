/**
 * Markdown from a repository rendered as React elements (react-markdown + GitHub's extensions
 * through remark-gfm), never as HTML: raw HTML in the text is dropped, every URL goes through
 * `safeUrl`, links leave the app in a new browsing context without an opener, and images are
 * read from the repository (relative paths) through the same inert object URLs as the file view.
 * Images on other hosts are not fetched — a README would otherwise learn who reads it (a
 * tracking pixel) — they are shown as a link instead.
 *
 * Components import this module lazily (`import()`): the parser costs nothing until a Markdown
 * file is shown.
 */
import GithubSlugger from 'github-slugger';
import { type MouseEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { FileContent } from '../../react/index.js';
import { detectType } from './detect-type.js';
import { useImageUrl } from './ImagePreview.js';

/** Element ids made from headings get this prefix, so a heading can never clobber the app's ids. */
export const HEADING_ID_PREFIX = 'user-content-';

export interface MarkdownLabels {
  headingLink: (heading: string) => string;
  externalImage: (alt: string) => string;
  imageAlt: (path: string) => string;
  imageMissing: (alt: string) => string;
  task: (done: boolean) => string;
}

export interface MarkdownBodyProps {
  text: string;
  /** The Markdown file's path: relative links and images are resolved from its folder. */
  path: string;
  /** Reads a file of the repository (for relative images). */
  readFile?: (path: string) => Promise<FileContent>;
  /** Opens a file of the repository (relative links); without it they are plain text. */
  onOpenPath?: (path: string) => void;
  /** The href a relative link shows (for "open in new tab"); `#` when left out. */
  linkToPath?: (path: string) => string;
  labels: MarkdownLabels;
}

/**
 * A repository path from `href` as written in the file at `from` (`../docs/a.md#x` → `docs/a.md`),
 * or null when it is not a relative path or climbs out of the repository.
 */
export function resolveRepositoryPath(from: string, href: string): string | null {
  if (href === '' || href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href)) return null;
  if (href.startsWith('//')) return null;
  const bare = href.replace(/[?#].*$/s, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    return null;
  }
  const parts = decoded.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const part of decoded.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length > 0 ? parts.join('/') : null;
}

/** Hrefs kept as they are: the web and mail. Everything else (javascript:, data:, vbscript:…) goes. */
const SAFE_LINK = /^(https?:|mailto:)/i;
const EXTERNAL_IMAGE = /^https?:/i;

/** The URL the element gets (react-markdown's `urlTransform`): only what is safe to follow. */
export function safeUrl(url: string, key: string): string {
  const trimmed = url.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) {
    return (key === 'src' ? EXTERNAL_IMAGE : SAFE_LINK).test(trimmed) ? trimmed : '';
  }
  return trimmed;
}

type HastNode = {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
};

function textOf(node: HastNode): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

/** Gives each heading the id GitHub would (`## Getting started` → `getting-started`), prefixed. */
function rehypeHeadingIds() {
  return (tree: HastNode) => {
    const slugger = new GithubSlugger();
    const walk = (node: HastNode) => {
      if (node.type === 'element' && /^h[1-6]$/.test(node.tagName ?? '')) {
        node.properties = {
          ...node.properties,
          id: HEADING_ID_PREFIX + slugger.slug(textOf(node)),
        };
      }
      for (const child of node.children ?? []) walk(child);
    };
    walk(tree);
  };
}

function scrollToId(event: MouseEvent, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  // In-page: the URL's hash may be the app's (a router, the browser's place), so it stays.
  event.preventDefault();
  target.scrollIntoView({ block: 'start' });
}

function RepositoryImage(props: {
  path: string;
  alt: string;
  readFile: (path: string) => Promise<FileContent>;
  labels: MarkdownLabels;
}) {
  const [content, setContent] = useState<FileContent | null | undefined>(undefined);
  const { path, readFile } = props;
  useEffect(() => {
    let current = true;
    setContent(undefined);
    readFile(path).then(
      (read) => current && setContent(read),
      () => current && setContent(null),
    );
    return () => {
      current = false;
    };
  }, [path, readFile]);
  // One object per content: the image's URL is made again only when the bytes change.
  const type = useMemo(
    () => (content ? detectType(content.path, content.bytes, content.text) : null),
    [content],
  );
  const { image, failed } = useImageUrl(content ?? undefined, type);
  const alt = props.alt || props.labels.imageAlt(path);
  if (content === null || failed || (content && !type?.image)) {
    return <span className="gsk-markdown__missing-image">{props.labels.imageMissing(alt)}</span>;
  }
  if (!image)
    return <span className="gsk-markdown__image-placeholder" role="img" aria-label={alt} />;
  return <img src={image.url} alt={alt} width={image.width} height={image.height} />;
}

export function MarkdownBody(props: MarkdownBodyProps) {
  const { labels, path } = props;
  // The document's headings sit under the page's own (the app's h1, the file's h2): `#` is an
  // h3 in the outline, drawn at its own size.
  const heading =
    (level: 1 | 2 | 3 | 4 | 5 | 6) =>
    ({ id, children }: { id?: string; children?: ReactNode }) => {
      const Tag = `h${Math.min(6, level + 2)}` as 'h3' | 'h4' | 'h5' | 'h6';
      return (
        <Tag id={id} className={`gsk-markdown__h${level}`}>
          {children}
          {id && (
            <a
              className="gsk-markdown__anchor"
              href={`#${id}`}
              aria-label={labels.headingLink(id.slice(HEADING_ID_PREFIX.length))}
              onClick={(event) => scrollToId(event, id)}
            >
              #
            </a>
          )}
        </Tag>
      );
    };
  const components: Components = {
    h1: heading(1),
    h2: heading(2),
    h3: heading(3),
    h4: heading(4),
    h5: heading(5),
    h6: heading(6),
    a: ({ href, children }) => {
      const url = href ?? '';
      if (url === '') return <span>{children}</span>;
      if (url.startsWith('#')) {
        const id = HEADING_ID_PREFIX + decodeURIComponentSafe(url.slice(1));
        return (
          <a href={`#${id}`} onClick={(event) => scrollToId(event, id)}>
            {children}
          </a>
        );
      }
      if (SAFE_LINK.test(url)) {
        return (
          <a href={url} target="_blank" rel="noopener noreferrer nofollow">
            {children}
          </a>
        );
      }
      const target = resolveRepositoryPath(path, url);
      const open = props.onOpenPath;
      if (!target || !open) return <span>{children}</span>;
      return (
        <a
          href={props.linkToPath?.(target) ?? '#'}
          onClick={(event) => {
            if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
            event.preventDefault();
            open(target);
          }}
        >
          {children}
        </a>
      );
    },
    img: ({ src, alt }) => {
      const url = typeof src === 'string' ? src : '';
      const text = alt ?? '';
      if (EXTERNAL_IMAGE.test(url)) {
        return (
          <a
            className="gsk-markdown__external-image"
            href={url}
            target="_blank"
            rel="noopener noreferrer nofollow"
          >
            {labels.externalImage(text)}
          </a>
        );
      }
      const target = resolveRepositoryPath(path, url);
      if (!target || !props.readFile) {
        return <span className="gsk-markdown__missing-image">{labels.imageMissing(text)}</span>;
      }
      return <RepositoryImage path={target} alt={text} readFile={props.readFile} labels={labels} />;
    },
    // Task-list boxes are the document's state, not the reader's to change.
    input: ({ type, checked }) =>
      type === 'checkbox' ? (
        <input
          type="checkbox"
          checked={!!checked}
          disabled
          readOnly
          aria-label={labels.task(!!checked)}
        />
      ) : null,
  };
  return (
    <div className="gsk-markdown">
      <Markdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeHeadingIds]}
        skipHtml
        urlTransform={safeUrl}
        components={components}
      >
        {props.text}
      </Markdown>
    </div>
  );
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
