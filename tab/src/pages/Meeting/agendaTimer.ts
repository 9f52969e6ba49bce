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

/** Minutes and seconds (m:ss) in the page's digits (<html lang>; ar-SA: Arabic-Indic), like the minutes beside them. */
export function clock(seconds: number): string {
  const locale = document.documentElement.lang || undefined;
  const minutes = new Intl.NumberFormat(locale, { useGrouping: false }).format(Math.floor(seconds / 60));
  return `${minutes}:${new Intl.NumberFormat(locale, { minimumIntegerDigits: 2 }).format(seconds % 60)}`;
}

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
