/** Walks a cursor-paginated list to its end, one page at a time, as an async iterator. */
export async function* paginate<T, P extends { nextCursor?: string; hasMore: boolean }>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
  items: (page: P) => readonly T[],
): AsyncGenerator<T> {
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    yield* items(page);
    if (!page.hasMore || !page.nextCursor || page.nextCursor === cursor) return;
    cursor = page.nextCursor;
  }
}
