import {
  type QueryKey,
  type SkipToken,
  skipToken,
  type UseInfiniteQueryOptions,
  type UseInfiniteQueryResult,
  type UseQueryOptions,
  type UseQueryResult,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import type { PagedQueryOptions, ReadQueryOptions } from './queries.js';

/**
 * The one way read hooks call react-query: the kit's key and query function, the caller's
 * options on top, and `skipToken` (instead of the hook's options) for "not yet".
 */
export function useReadQuery<TQueryFnData, TData, TOptions, TKey extends QueryKey>(
  options: TOptions | SkipToken,
  build: (options: TOptions) => UseQueryOptions<TQueryFnData, Error, TQueryFnData, TKey>,
  skipped: TOptions,
  queryOptions: ReadQueryOptions<TQueryFnData, TData> | undefined,
): UseQueryResult<TData, Error> {
  const skip = options === skipToken;
  const base = build(skip ? skipped : (options as TOptions));
  return useQuery<TQueryFnData, Error, TData, QueryKey>({
    // The kit's key and function are typed for its own data; `select` maps it to TData.
    ...(base as unknown as UseQueryOptions<TQueryFnData, Error, TData, QueryKey>),
    ...queryOptions,
    ...(skip ? { queryFn: skipToken } : {}),
  });
}

/** The same for the paginated hooks: the kit's key, function and cursor, the caller's options. */
export function usePagedQuery<TPage, TData>(
  base: unknown,
  queryOptions: PagedQueryOptions<TPage, TData> | undefined,
): UseInfiniteQueryResult<TData, Error> {
  return useInfiniteQuery({
    ...(base as UseInfiniteQueryOptions<TPage, Error, TData, QueryKey, string>),
    ...queryOptions,
  });
}
