// Agenda timers as the server keeps them (startedAt, elapsedSeconds): the side panel and the stage
// compute the same figure from the same polled session, so both show the same time.
import { useEffect, useState } from 'react';
import type { Session } from '../../api/types';

type AgendaItem = Session['agenda'][number];

/** Seconds spent on an item: earlier runs plus the running one. */
export function spentSeconds(item: AgendaItem, now: number): number {
  const running = item.startedAt ? Math.max(0, Math.floor((now - Date.parse(item.startedAt)) / 1000)) : 0;
  return (item.elapsedSeconds ?? 0) + running;
}

export const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** The current time, every second while something runs (while nothing runs, no figure depends on it). */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
