// Keeps a resource fresh by polling with If-None-Match: the server answers 304 without a body while
// nothing changed, so a few seconds' interval costs little. Refresh at once after one's own writes.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../api/client';

export const POLL_MS = 3000;

export interface Polled<T> {
  data?: T;
  error?: Error;
  refresh: () => Promise<T | undefined>;
}

export function usePolled<T>(api: ApiClient, path: string | undefined, intervalMs = POLL_MS): Polled<T> {
  const [state, setState] = useState<{ data?: T; error?: Error }>({});
  const etag = useRef<string>();
  const latest = useRef<T>();
  const refresh = useCallback(async () => {
    if (!path) return undefined;
    try {
      const answer = await api.poll<T>(path, etag.current);
      if (answer.changed) {
        etag.current = answer.etag;
        latest.current = answer.body;
        setState({ data: answer.body });
      } else {
        setState((s) => (s.error ? { ...(s.data !== undefined ? { data: s.data } : {}) } : s));
      }
      return latest.current;
    } catch (error) {
      // Keep showing what we have; the next poll tries again.
      setState((s) => ({ ...s, error: error as Error }));
      return latest.current;
    }
  }, [api, path]);

  useEffect(() => {
    etag.current = undefined;
    latest.current = undefined;
    setState({});
    if (!path) return undefined;
    void refresh();
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [path, refresh, intervalMs]);

  return { ...state, refresh };
}
