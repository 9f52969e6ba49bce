// A list the server hands out a page at a time: the first page for the current search and filter, then
// more on request (the server's `nextCursor`); a new search or filter starts again, and a newer load wins.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface PagedList<T> {
  items?: T[];
  error?: Error;
  loading: boolean;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

/** Fetches one page: `cursor` is undefined for the first. */
export type PageLoader<T> = (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string }>;

export function usePagedList<T>(load: PageLoader<T>, deps: readonly unknown[]): PagedList<T> {
  const [state, setState] = useState<{ items?: T[]; error?: Error; loading: boolean; next?: string }>({
    loading: true,
  });
  const generation = useRef(0);
  const fetchPage = useCallback((cursor: string | undefined, append: boolean) => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load(cursor).then(
      (page) =>
        mine === generation.current &&
        setState((s) => ({
          items: append ? [...(s.items ?? []), ...page.items] : page.items,
          next: page.nextCursor,
          loading: false,
        })),
      (error: Error) => mine === generation.current && setState((s) => ({ ...s, error, loading: false })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps, react-hooks/use-memo -- `load` is a new closure each render; the caller's `deps` say when it means something new
  }, deps);
  const reload = useCallback(() => fetchPage(undefined, false), [fetchPage]);
  useEffect(reload, [reload]);
  const next = state.next;
  return {
    items: state.items,
    error: state.error,
    loading: state.loading,
    hasMore: Boolean(next),
    loadMore: () => next && fetchPage(next, true),
    reload,
  };
}

/** Waits until typing pauses before the value is used for a search. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The query string of a list request: the set values only, and the cursor of the page wanted. */
export function listQuery(values: Record<string, string | number | undefined>, cursor?: string): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, cursor })) if (v !== undefined && v !== '') q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** Every page of a list, one after another (for a figure over all of it; lists shown use usePagedList). */
export async function allPages<T>(load: PageLoader<T>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await load(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
