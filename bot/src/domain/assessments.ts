// The two-way ledger's moments, from the programme's dates (no I/O). Baseline opens with the pair (the bot
// asks before, or at the latest at, the first session); midpoint half-way through the programme; end in
// its last two weeks. Dates are the programme's calendar dates; the bot asks at 09:00 in the recipient's
// own time zone on the day a moment opens.
import {
  ASSESSMENT_MOMENTS,
  type AssessmentDoc,
  type AssessmentMoment,
  type PairDoc,
  type ProgramDoc,
  type SessionDoc,
} from './model';
import { DAY, HOUR, instantOfWallClock, type AssessmentAsk, type RecipientPreferences } from './reminders';

/** The end moment opens this many days before the programme's last day (the last day included: two weeks). */
export const END_WINDOW_DAYS = 13;
/** Local time at which the bot asks. */
export const ASK_AT_HOUR = 9;

const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY);
const isoOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The first calendar day of each moment (YYYY-MM-DD). */
export function momentOpensOn(program: Pick<ProgramDoc, 'startsOn' | 'endsOn'>): Record<AssessmentMoment, string> {
  const start = dayNumber(program.startsOn);
  const end = Math.max(start, dayNumber(program.endsOn));
  const midpoint = start + Math.floor((end - start) / 2);
  return {
    baseline: isoOfDay(start),
    midpoint: isoOfDay(midpoint),
    end: isoOfDay(Math.max(midpoint, end - END_WINDOW_DAYS)),
  };
}

/**
 * Whether a moment may be rated at `now`: baseline always, the others from their first day on (in the
 * earliest time zone there is, so nobody finds a moment closed that their own calendar says is open).
 */
export function isMomentOpen(
  program: Pick<ProgramDoc, 'startsOn' | 'endsOn'>,
  moment: AssessmentMoment,
  now: number,
): boolean {
  if (moment === 'baseline') return true;
  const earliestToday = new Date(now + 14 * HOUR).toISOString().slice(0, 10);
  return momentOpensOn(program)[moment] <= earliestToday;
}

/** The latest moment open at `now` (the one the tab offers to rate). */
export function currentMoment(program: Pick<ProgramDoc, 'startsOn' | 'endsOn'>, now: number): AssessmentMoment {
  return [...ASSESSMENT_MOMENTS].reverse().find((m) => isMomentOpen(program, m, now)) ?? 'baseline';
}

const localMorning = (zone: string, isoDate: string) =>
  instantOfWallClock(zone, {
    year: Number(isoDate.slice(0, 4)),
    month: Number(isoDate.slice(5, 7)),
    day: Number(isoDate.slice(8, 10)),
    hour: ASK_AT_HOUR,
    minute: 0,
  });

/**
 * When the bot asks one member for each moment, in their time zone. Baseline: 09:00 on the later of the
 * programme's first day and the day the pair was made, but an hour before the first session if that comes
 * sooner (never before the pair existed). Midpoint and end: 09:00 on the day the moment opens.
 */
export function assessmentAskTimes(
  program: Pick<ProgramDoc, 'startsOn' | 'endsOn'>,
  pair: Pick<PairDoc, 'createdAt'>,
  sessions: readonly Pick<SessionDoc, 'scheduledAt' | 'status'>[],
  zone: string,
): Record<AssessmentMoment, number> {
  const opens = momentOpensOn(program);
  const created = Date.parse(pair.createdAt);
  const firstSession = sessions
    .filter((s) => s.status !== 'cancelled')
    .map((s) => Date.parse(s.scheduledAt))
    .sort((a, b) => a - b)[0];
  let baseline = Math.max(created, localMorning(zone, opens.baseline));
  if (firstSession !== undefined && firstSession - HOUR < baseline) baseline = Math.max(created, firstSession - HOUR);
  return { baseline, midpoint: localMorning(zone, opens.midpoint), end: localMorning(zone, opens.end) };
}

/** Whether the programme has ended by `now` (its last day over everywhere). */
export function programOver(program: Pick<ProgramDoc, 'endsOn'>, now: number): boolean {
  return now > Date.parse(`${program.endsOn}T23:59:59Z`) + 14 * HOUR;
}

/** Change from baseline to end of one goal from one perspective, when both were rated. */
export function changeOf(ratings: readonly Pick<AssessmentDoc, 'moment' | 'score'>[]): number | undefined {
  const baseline = ratings.find((r) => r.moment === 'baseline')?.score;
  const end = ratings.find((r) => r.moment === 'end')?.score;
  return baseline === undefined || end === undefined ? undefined : end - baseline;
}

/**
 * What the bot still asks each member: the moment open now and those to come, each at its time in the
 * member's zone. A moment whose successor has already come is not asked any more (a pair made late starts
 * at the current moment); nothing once the programme is over, and nothing while the pair has no goal.
 */
export function assessmentAsksOf(
  program: Pick<ProgramDoc, 'startsOn' | 'endsOn'>,
  pair: Pick<PairDoc, 'createdAt'>,
  sessions: readonly Pick<SessionDoc, 'scheduledAt' | 'status'>[],
  recipients: readonly RecipientPreferences[],
  goalCount: number,
  now: number,
): AssessmentAsk[] {
  if (goalCount === 0 || programOver(program, now)) return [];
  const opens = momentOpensOn(program);
  return recipients.flatMap((r) => {
    const times = assessmentAskTimes(program, pair, sessions, r.timeZone);
    return ASSESSMENT_MOMENTS.flatMap((moment, i) => {
      const next = ASSESSMENT_MOMENTS[i + 1];
      if (next && times[next] <= now) return [];
      return [{ recipientId: r.userId, moment, opensOn: opens[moment], due: times[moment] }];
    });
  });
}

/** The moment a reminder's subject id names. */
export function momentOfSubject(subjectId: string): AssessmentMoment | undefined {
  const last = subjectId.split(':').pop();
  return ASSESSMENT_MOMENTS.find((m) => m === last);
}
