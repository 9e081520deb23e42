import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { orpc } from '../api/client';
import { useDebounced } from '../ui/use-debounced';

export const LOOKUP_PAGE = 20;

/** Look-up results for what is typed, a page at a time, kept on screen while the next answer comes. */
export function useLookup(q: string) {
  const settled = useDebounced(q.trim(), 120);
  const query = useInfiniteQuery(
    orpc.customers.lookup.infiniteOptions({
      input: (offset: number) => ({ q: settled, offset, limit: LOOKUP_PAGE }),
      initialPageParam: 0,
      getNextPageParam: (last, pages) => (last.hasMore ? pages.length * LOOKUP_PAGE : undefined),
      enabled: settled.length > 0,
      placeholderData: keepPreviousData,
    }),
  );
  return {
    settled,
    rows: settled.length > 0 ? (query.data?.pages.flatMap((page) => page.rows) ?? []) : [],
    query,
  };
}
