// When retention deletes a pair's private and pair content, as one pure rule: only an ended pair, only
// `retentionDays` (at least RETENTION_FLOOR_DAYS) after the later of the programme's and the pair's
// end, and never sooner than the first notice's lead time after a change of dates or retention.
import type { PairDoc, ProgramDoc } from './model';

const DAY = 86400_000;

/** However the programme is set, content is kept at least this long after the end. */
export const RETENTION_FLOOR_DAYS = 30;
/** Members are told this many days before their content is deleted. */
export const RETENTION_NOTICE_DAYS = [14, 2] as const;

export type RetentionProgram = Pick<ProgramDoc, 'endsOn' | 'retentionDays' | 'retentionChangedAt'>;
export type RetentionPair = Pick<PairDoc, 'status' | 'endedAt' | 'updatedAt'>;

export const effectiveRetentionDays = (retentionDays: number) => Math.max(RETENTION_FLOOR_DAYS, retentionDays);

/** The end of the programme's last day (UTC). */
export const programEndsAt = (program: Pick<ProgramDoc, 'endsOn'>) => Date.parse(`${program.endsOn}T23:59:59.999Z`);

/** When the pair ended: recorded since ending records it; earlier ends fall back to the last change, which is no earlier. */
export const pairEndedAt = (pair: RetentionPair) => Date.parse(pair.endedAt ?? pair.updatedAt);

/** When the pair's content is deleted (ms since epoch), or undefined while the pair has not ended. */
export function contentDeletionAt(program: RetentionProgram, pair: RetentionPair): number | undefined {
  if (pair.status !== 'ended') return undefined;
  const byRule =
    Math.max(programEndsAt(program), pairEndedAt(pair)) + effectiveRetentionDays(program.retentionDays) * DAY;
  // A change that brings the date closer still leaves the members the first notice's time to export.
  const afterChange = program.retentionChangedAt
    ? Date.parse(program.retentionChangedAt) + RETENTION_NOTICE_DAYS[0] * DAY
    : 0;
  return Math.max(byRule, afterChange);
}

/** When each notice before the deletion is due; notices whose time has passed collapse into the latest one (sent at once). */
export function retentionNoticeTimes(deletesAt: number, now: number): { daysBefore: number; dueAt: number }[] {
  const times = RETENTION_NOTICE_DAYS.map((daysBefore) => ({ daysBefore, dueAt: deletesAt - daysBefore * DAY }));
  const upcoming = times.filter((n) => n.dueAt > now);
  const lastPast = times.filter((n) => n.dueAt <= now).at(-1);
  return deletesAt <= now ? [] : [...(lastPast ? [lastPast] : []), ...upcoming];
}
