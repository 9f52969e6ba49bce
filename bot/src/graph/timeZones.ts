// Outlook names time zones the Windows way ("W. Europe Standard Time"); we keep IANA names ("Europe/Berlin").
// windows-iana carries the Unicode CLDR mapping between the two.
import { findIana, findWindows } from 'windows-iana';
import { isTimeZone, wallClockAt } from '../domain/reminders';

/** The IANA zone for a zone name Outlook gave (Windows or IANA); `fallback` for one it made up ("Customized Time Zone"). */
export function ianaZoneOf(name: string | undefined, fallback: string): string {
  if (!name) return fallback;
  const fromWindows = findIana(name)[0];
  if (fromWindows && isTimeZone(fromWindows)) return fromWindows;
  return name.includes('/') && isTimeZone(name) ? name : fallback;
}

/** The Windows name Outlook expects for an IANA zone; UTC when CLDR has none. */
export function windowsZoneOf(iana: string): string {
  return findWindows(iana)[0] ?? 'UTC';
}

const two = (n: number) => String(n).padStart(2, '0');

/** Graph's dateTimeTimeZone for an instant: the wall clock in `iana`, named the Windows way. */
export function graphDateTime(instant: number, iana: string): { dateTime: string; timeZone: string } {
  const zone = windowsZoneOf(iana);
  const w = wallClockAt(zone === 'UTC' ? 'UTC' : iana, instant);
  const seconds = two(new Date(instant).getUTCSeconds());
  return {
    dateTime: `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}:${seconds}`,
    timeZone: zone,
  };
}

/** An instant from Graph's dateTimeTimeZone answered in UTC (the requests ask for Prefer: outlook.timezone="UTC"). */
export function instantOfUtc(value: { dateTime: string; timeZone?: string } | undefined): number {
  if (!value) return Number.NaN;
  return Date.parse(`${value.dateTime.replace(/(\.\d{3})\d*$/, '$1').replace(/Z$/, '')}Z`);
}
