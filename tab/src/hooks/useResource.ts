// Loads one resource: loading, error and data, with reload; a newer load wins over an older one.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  reload: () => void;
}

export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === generation.current && setState({ data, loading: false }),
      (error: Error) => mine === generation.current && setState((s) => ({ ...s, error, loading: false })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps, react-hooks/use-memo -- `load` is a new closure each render; the caller's `deps` say when it means something new
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}
