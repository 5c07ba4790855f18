import {
  type QueryKey,
  type SkipToken,
  skipToken,
  type UseQueryOptions,
  type UseQueryResult,
  useQuery,
} from '@tanstack/react-query';
import type { ReadQueryOptions } from './queries.js';

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
