// The latest value of a prop or state for handlers and timers, without making them change with it.
import { useLayoutEffect, useRef, type MutableRefObject } from 'react';

/** A ref that holds `value` as of the last commit (set before any effect of that commit runs). */
export function useLatest<T>(value: T): MutableRefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
