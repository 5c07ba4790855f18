/**
 * Code search over a branch (`useGrep`): a query box — literal text by default, a regular
 * expression when asked — with case and path filters; results grouped by file, paged ("More
 * results" asks the server for the next page), each line opening the file at that line. The
 * search runs when the form is submitted, never on each keystroke.
 *
 * ```tsx
 * <CodeSearch repoId="team/app" gitRef="main" onOpenResult={(path, line) => open(path, line)} />
 * ```
 */
import { useQueries } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { type FormEvent, useEffect, useId, useState } from 'react';
import type { GrepResult } from '../../core/browser.js';
import { storageQueries, useGitStorage } from '../../react/index.js';
import { cx } from '../shared/cx.js';
import { ErrorMessage } from '../shared/ErrorMessage.js';
import { ICON_SIZE } from '../shared/IconButton.js';
import { type GitStorageLabels, useFamilyLabels, useLocale } from '../shared/labels.js';
import { Skeleton } from '../shared/Skeleton.js';
import { useControllable } from '../shared/use-controllable.js';
import { CodeSearchResults } from './CodeSearchResults.js';
import { type CodeSearchLabels, codeSearchLabels } from './labels.js';
import { pathGlobs, type SearchQuery, wirePattern } from './search-model.js';

export interface CodeSearchProps {
  repoId: string;
  /** A branch, tag or commit; the default branch when left out. */
  gitRef?: string;
  /** The search that runs (controlled), with `onQueryChange`; or `defaultQuery`. */
  query?: SearchQuery | null;
  defaultQuery?: SearchQuery | null;
  onQueryChange?: (query: SearchQuery | null) => void;
  /** A result line was chosen. */
  onOpenResult?: (path: string, line: number) => void;
  /** Files per page of results (default 100). */
  pageSize?: number;
  locale?: string;
  className?: string;
  labels?: Partial<GitStorageLabels>;
}

export function CodeSearch(props: CodeSearchProps) {
  const labels = useFamilyLabels(codeSearchLabels, props.labels);
  const locale = useLocale(props.locale);
  const [query, setQuery] = useControllable<SearchQuery | null>({
    value: props.query,
    defaultValue: () => props.defaultQuery ?? null,
    onChange: props.onQueryChange,
    name: 'CodeSearch query',
  });
  // The form's fields, submitted as the query.
  const [draft, setDraft] = useState<SearchQuery>(() => query ?? { text: '' });
  useEffect(() => {
    if (query) setDraft(query);
  }, [query]);
  // Pages after the first, by cursor; a new query starts again at one page.
  const [cursors, setCursors] = useState<string[]>([]);
  const key = query ? JSON.stringify([props.gitRef, query]) : '';
  const [cursorsKey, setCursorsKey] = useState(key);
  if (cursorsKey !== key) {
    setCursorsKey(key);
    setCursors([]);
  }
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(draft.text.trim() ? { ...draft, text: draft.text } : null);
  };

  return (
    <section className={cx('gsk-code-search', props.className)} aria-label={labels.codeSearch}>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new for the browsers the kit supports; the role says the same. */}
      <form role="search" className="gsk-code-search__form" onSubmit={submit}>
        <div className="gsk-code-search__row">
          <label className="gsk-visually-hidden" htmlFor={`${id}-q`}>
            {labels.searchQuery}
          </label>
          <input
            id={`${id}-q`}
            type="search"
            className="gsk-input gsk-code-search__query"
            placeholder={labels.searchPlaceholder}
            value={draft.text}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setDraft({ ...draft, text: e.target.value })}
          />
          <button type="submit" className="gsk-button gsk-button--primary gsk-icon-button">
            <Search size={ICON_SIZE} aria-hidden="true" />
            {labels.searchSubmit}
          </button>
        </div>
        <div className="gsk-code-search__options">
          <label>
            <input
              type="checkbox"
              checked={!!draft.regex}
              onChange={(e) => setDraft({ ...draft, regex: e.target.checked })}
            />{' '}
            {labels.searchRegex}
          </label>
          <label>
            <input
              type="checkbox"
              checked={!!draft.caseSensitive}
              onChange={(e) => setDraft({ ...draft, caseSensitive: e.target.checked })}
            />{' '}
            {labels.searchCase}
          </label>
          <label className="gsk-code-search__paths">
            {labels.searchPaths}
            <input
              type="text"
              className="gsk-input"
              placeholder={labels.searchPathsPlaceholder}
              value={draft.paths ?? ''}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setDraft({ ...draft, paths: e.target.value })}
            />
          </label>
        </div>
      </form>
      <div className="gsk-code-search__results">
        {query ? (
          <ResultPages
            repoId={props.repoId}
            gitRef={props.gitRef}
            query={query}
            cursors={cursors}
            onMore={(cursor) => setCursors((now) => [...now, cursor])}
            pageSize={props.pageSize ?? 100}
            onOpenResult={props.onOpenResult}
            labels={labels}
            locale={locale}
          />
        ) : (
          <p className="gsk-message">{labels.searchHint}</p>
        )}
      </div>
    </section>
  );
}

function ResultPages(props: {
  repoId: string;
  gitRef: string | undefined;
  query: SearchQuery;
  cursors: readonly string[];
  onMore: (cursor: string) => void;
  pageSize: number;
  onOpenResult: ((path: string, line: number) => void) | undefined;
  labels: CodeSearchLabels;
  locale: string | undefined;
}) {
  const { labels, query } = props;
  const client = useGitStorage();
  const globs = pathGlobs(query.paths);
  // The first page, then one query per cursor asked for: each cached on its own.
  const results = useQueries({
    queries: [null, ...props.cursors].map((cursor) =>
      storageQueries.grep(client, props.repoId, {
        ...(props.gitRef ? { ref: props.gitRef } : {}),
        query: { pattern: wirePattern(query), caseSensitive: !!query.caseSensitive },
        ...(globs.length ? { fileFilters: { includeGlobs: globs } } : {}),
        pagination: { limit: props.pageSize, ...(cursor ? { cursor } : {}) },
      }),
    ),
  });
  const failed = results.find((r) => r.error);
  const loaded = results.map((r) => r.data).filter((p): p is GrepResult => p !== undefined);
  const last = loaded.at(-1);
  const busy = results.some((r) => r.isFetching);
  if (failed?.error) {
    return (
      <ErrorMessage onRetry={() => void failed.refetch()} retryLabel={labels.retry}>
        {labels.searchError(failed.error.message)}
      </ErrorMessage>
    );
  }
  if (!results[0]?.data) return <Skeleton label={labels.searching} rows={6} twoLine />;
  return (
    <>
      <CodeSearchResults
        pages={loaded}
        query={query}
        {...(props.onOpenResult ? { onOpenResult: props.onOpenResult } : {})}
        labels={labels}
        locale={props.locale}
      />
      {last?.hasMore && last.nextCursor && (
        <p className="gsk-code-search__more">
          <button
            type="button"
            className="gsk-button"
            disabled={busy}
            onClick={() => props.onMore(last.nextCursor as string)}
          >
            {busy ? labels.searching : labels.searchMore}
          </button>
        </p>
      )}
    </>
  );
}
