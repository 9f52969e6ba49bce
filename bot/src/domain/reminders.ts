// Reminders: stored shapes and the pure planning rules (no I/O). A pair's reminders are recomputed
// from its sessions and commitments whenever they change; ids are deterministic, so planning twice
// gives the same documents. Times are absolute (UTC); quiet hours are wall-clock times in the
// recipient's IANA time zone, so they stay right across daylight-saving changes.
import { createHash } from 'node:crypto';
import {
  DEFAULT_REMINDER_SCHEDULE,
  type AssessmentMoment,
  type CommitmentDoc,
  type PairDoc,
  type ReminderSchedule,
  type SessionDoc,
} from './model';
import type { ActivityNotice } from './activities';
import { retentionNoticeTimes } from './retention';

/** The reminders a person may turn off in their settings. */
export const REMINDER_KINDS = ['prepare', 'startingSoon', 'captureTakeaways', 'stalled', 'commitmentCheckIn'] as const;
/** Told to both members of an ended pair before retention deletes its content: never turned off or snoozed. */
export const RETENTION_NOTICE = 'retentionNotice';
/** Something one person must act on or know (domain/activities.ts): the activity feed first, else the bot. Not planned. */
export const NOTICE = 'notice';
/** The ledger's ask at each moment (the end one is the programme's close-out): planned from the programme's dates. */
export const ASSESSMENT = 'assessment';
export type ReminderKind =
  (typeof REMINDER_KINDS)[number] | typeof RETENTION_NOTICE | typeof NOTICE | typeof ASSESSMENT;

/** One member asked to rate the pair's goals at one moment (domain/assessments.ts computes when). */
export interface AssessmentAsk {
  recipientId: string;
  moment: AssessmentMoment;
  /** The moment's first day: a new date (the programme moved) asks again. */
  opensOn: string;
  due: number;
}

/** The subject id of a pair's ask at a moment; the moment is its last part. */
export const assessmentSubjectId = (pairId: string, moment: AssessmentMoment) => `${pairId}:assessment:${moment}`;

/** planned → claimed (lease) → sent | failed | skipped; cancelled when the plan no longer wants it. */
export const REMINDER_STATES = ['planned', 'claimed', 'sent', 'failed', 'skipped', 'cancelled'] as const;
export type ReminderState = (typeof REMINDER_STATES)[number];

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Fixed timings; the programme's ReminderSchedule sets the others. */
export const REMINDER_TIMING = {
  captureAfterEnd: 5 * MINUTE,
  /** A commitment without a due date is checked on this long after it was made. */
  commitmentCheckInAfter: 7 * DAY,
  /** A prepare reminder that is already late is sent at once only if the session is further away than this. */
  prepareLateCutoff: 2 * HOUR,
  /** Nudges about a session that ended longer ago than this are no longer planned. */
  captureStaleAfter: 2 * DAY,
} as const;

/** Local wall-clock times "HH:MM"; the quiet period may wrap midnight (22:00–07:00). */
export interface QuietHours {
  start: string;
  end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '21:00', end: '07:00' };

export interface ReminderDoc {
  id: string;
  type: 'reminder';
  tenantId: string;
  pairId: string;
  programId: string;
  recipientId: string;
  kind: ReminderKind;
  /** The session, commitment or pair the reminder is about. */
  subjectId: string;
  /** Which occurrence of the subject this is (e.g. the session's start): a change reopens a finished reminder. */
  plannedFor: string;
  /** When the rule wants it sent (UTC). */
  dueAt: string;
  /** When it may be sent: dueAt moved out of quiet hours, a retry's backoff, or a snooze. */
  sendAt: string;
  timeZone: string;
  state: ReminderState;
  attempts: number;
  claimedBy?: string;
  leaseUntil?: string;
  snoozedUntil?: string;
  /** How it went; `channel` says where a notice went (with `reason`: why not through the feed). */
  outcome?: { at: string; reason?: string; channel?: 'activityFeed' | 'bot' };
  /** A notice's content (kind `notice` only): type, template parameters, deep link. */
  notice?: ActivityNotice;
  /**
   * When the activity feed took this reminder's pointer (kind `assessment`: "assessment due", beside the card). Written
   * as soon as the feed took it, so that a retry of the card, or a worker taking over the claim, never sends it twice.
   */
  feedSentAt?: string;
  createdAt: string;
  updatedAt: string;
  _etag?: string;
}

/** Per-user reminder settings, in the `people` container (partition userId, id `settings-<tenantId>`). */
export interface ReminderSettingsDoc {
  id: string;
  type: 'reminderSettings';
  tenantId: string;
  userId: string;
  /** Chosen by the user; otherwise the zone the Teams client reports is used. */
  timeZone?: string;
  /** null: no quiet hours. Missing: the defaults. */
  quietHours?: QuietHours | null;
  disabledKinds: ReminderKind[];
  /** Until then, no reminder is sent (they are recorded as skipped). */
  snoozedUntil?: string;
  createdAt: string;
  updatedAt: string;
  _etag?: string;
}

export interface RecipientPreferences {
  userId: string;
  timeZone: string;
  quietHours: QuietHours | null;
}

/** What the plan wants to exist; merged into the stored documents by mergePlanned. */
export type PlannedReminder = Pick<
  ReminderDoc,
  | 'id'
  | 'tenantId'
  | 'pairId'
  | 'programId'
  | 'recipientId'
  | 'kind'
  | 'subjectId'
  | 'plannedFor'
  | 'dueAt'
  | 'sendAt'
  | 'timeZone'
>;

export function reminderId(
  tenantId: string,
  pairId: string,
  kind: ReminderKind,
  subjectId: string,
  recipientId: string,
): string {
  const hash = createHash('sha256').update([tenantId, pairId, kind, subjectId, recipientId].join('\n')).digest('hex');
  return `reminder-${hash.slice(0, 40)}`;
}

// ---- Time zones, with Intl only -------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock time in `zone` at an instant. */
export function wallClockAt(zone: string, instant: number): WallClock {
  const parts = Object.fromEntries(
    formatterOf(zone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
  };
}

function offsetMs(zone: string, instant: number): number {
  const w = wallClockAt(zone, instant);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(instant / MINUTE) * MINUTE;
}

/**
 * The instant a wall-clock time happens in `zone`. A time skipped by a daylight-saving jump (02:30 on
 * the spring-forward night) maps to the same distance after the jump (03:30).
 */
export function instantOfWallClock(zone: string, w: WallClock): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const first = asUtc - offsetMs(zone, asUtc);
  const second = asUtc - offsetMs(zone, first);
  const matches = (t: number) => {
    const back = wallClockAt(zone, t);
    return back.hour === w.hour && back.minute === w.minute && back.day === new Date(asUtc).getUTCDate();
  };
  if (matches(second)) return second;
  if (matches(first)) return first;
  return Math.max(first, second);
}

/** True for a valid IANA zone name this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0 && zone.length <= 64;
  } catch {
    return false;
  }
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function inQuietHours(zone: string, quiet: QuietHours, instant: number): boolean {
  const w = wallClockAt(zone, instant);
  const m = w.hour * 60 + w.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** The instants at local `hhmm` on the days around `instant`'s local date (day offsets -1 … +2). */
function localTimesAround(zone: string, instant: number, hhmm: string): number[] {
  const w = wallClockAt(zone, instant);
  return [-1, 0, 1, 2].map((offset) => {
    const d = new Date(Date.UTC(w.year, w.month - 1, w.day + offset));
    return instantOfWallClock(zone, {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: Number(hhmm.slice(0, 2)),
      minute: Number(hhmm.slice(3, 5)),
    });
  });
}

/**
 * Moves an instant inside quiet hours to when they end (local time). When that would be after
 * `latest` (e.g. the session would have started), it moves before they begin instead, but never
 * before `now`.
 */
export function outsideQuietHours(
  zone: string,
  quiet: QuietHours | null,
  instant: number,
  now: number,
  latest?: number,
): number {
  if (!quiet || !inQuietHours(zone, quiet, instant)) return instant;
  const end = localTimesAround(zone, instant, quiet.end).find((t) => t > instant)!;
  if (latest === undefined || end <= latest) return end;
  const start = localTimesAround(zone, instant, quiet.start)
    .filter((t) => t <= instant)
    .pop()!;
  return Math.max(now, start - 5 * MINUTE);
}

// ---- Planning -------------------------------------------------------------------------------

export interface PairPlanInput {
  pair: PairDoc;
  cadenceDays: number;
  /** The programme's schedule; DEFAULT_REMINDER_SCHEDULE when it has none. */
  schedule?: ReminderSchedule;
  sessions: SessionDoc[];
  commitments: CommitmentDoc[];
  recipients: RecipientPreferences[];
  now: number;
  /** An ended pair: when retention deletes its content (domain/retention.ts). */
  retentionDeletesAt?: number;
  /** The ledger's asks still to come (none without goals). */
  assessmentAsks?: AssessmentAsk[];
}

const iso = (t: number) => new Date(t).toISOString();
const sessionEnd = (s: SessionDoc) =>
  s.endedAt ? Date.parse(s.endedAt) : Date.parse(s.scheduledAt) + s.durationMinutes * MINUTE;

/** Every reminder the pair's current state calls for. Paused pairs get none; ended pairs only the retention notices. */
export function planPairReminders(input: PairPlanInput): PlannedReminder[] {
  const { pair, now } = input;
  if (pair.status === 'ended') return retentionNotices(input);
  if (pair.status !== 'active') return [];
  const out: PlannedReminder[] = [];
  const byUser = new Map(input.recipients.map((r) => [r.userId, r]));
  const members = [pair.mentor.id, pair.mentee.id];
  const schedule = input.schedule ?? DEFAULT_REMINDER_SCHEDULE;

  const add = (
    kind: ReminderKind,
    subjectId: string,
    plannedFor: string,
    recipientId: string,
    due: number,
    latest?: number,
    quietApplies = true,
  ) => {
    const prefs = byUser.get(recipientId) ?? { userId: recipientId, timeZone: 'UTC', quietHours: DEFAULT_QUIET_HOURS };
    const sendAt = quietApplies ? outsideQuietHours(prefs.timeZone, prefs.quietHours, due, now, latest) : due;
    out.push({
      id: reminderId(pair.tenantId, pair.id, kind, subjectId, recipientId),
      tenantId: pair.tenantId,
      pairId: pair.id,
      programId: pair.programId,
      recipientId,
      kind,
      subjectId,
      plannedFor,
      dueAt: iso(due),
      sendAt: iso(sendAt),
      timeZone: prefs.timeZone,
    });
  };

  for (const session of input.sessions) {
    if (session.status === 'cancelled') continue;
    const start = Date.parse(session.scheduledAt);
    const occurrence = session.scheduledAt;
    if (session.status === 'scheduled' && start > now) {
      let prepare = schedule.prepareHoursBefore > 0 ? start - schedule.prepareHoursBefore * HOUR : NaN;
      if (prepare < now && start - now <= REMINDER_TIMING.prepareLateCutoff) prepare = NaN;
      // Someone who attends a session is awake for it: the starting-soon nudge ignores quiet hours.
      // A due time already past means "at once"; it stays as it is, so re-planning changes nothing.
      const soon = start - schedule.startingSoonMinutesBefore * MINUTE;
      for (const userId of members) {
        if (!Number.isNaN(prepare)) add('prepare', session.id, occurrence, userId, prepare, start - HOUR);
        if (schedule.startingSoonMinutesBefore > 0)
          add('startingSoon', session.id, occurrence, userId, soon, undefined, false);
      }
    }
    const capture = sessionEnd(session) + REMINDER_TIMING.captureAfterEnd;
    if (schedule.captureTakeawaysAfterSession && capture > now - REMINDER_TIMING.captureStaleAfter) {
      for (const userId of members) add('captureTakeaways', session.id, session.endedAt ?? occurrence, userId, capture);
    }
  }

  const live = input.sessions.filter((s) => s.status !== 'cancelled');
  const upcoming = live.some((s) => s.status === 'scheduled' && sessionEnd(s) > now);
  if (!upcoming) {
    const last =
      live
        .map((s) => s.scheduledAt)
        .sort()
        .pop() ?? pair.createdAt;
    const due = Date.parse(last) + (input.cadenceDays + schedule.stalledGraceDays) * DAY;
    for (const userId of members) add('stalled', pair.id, last, userId, due);
  }

  for (const c of input.commitments) {
    if (c.status !== 'open' || (c.dueDate && schedule.commitmentCheckInDaysBefore === 0)) continue;
    const prefs = byUser.get(c.ownerId);
    const zone = prefs?.timeZone ?? 'UTC';
    const due = c.dueDate
      ? instantOfWallClock(zone, {
          year: Number(c.dueDate.slice(0, 4)),
          month: Number(c.dueDate.slice(5, 7)),
          day: Number(c.dueDate.slice(8, 10)) - schedule.commitmentCheckInDaysBefore,
          hour: 9,
          minute: 0,
        })
      : Date.parse(c.createdAt) + REMINDER_TIMING.commitmentCheckInAfter;
    add('commitmentCheckIn', c.id, c.dueDate ?? c.createdAt, c.ownerId, due);
  }

  for (const ask of input.assessmentAsks ?? []) {
    add(ASSESSMENT, assessmentSubjectId(pair.id, ask.moment), `${ask.moment}:${ask.opensOn}`, ask.recipientId, ask.due);
  }
  return out;
}

/** Both members, 14 and 2 days before the deletion (the plan's occurrence is the deletion time: a new date tells them again). */
function retentionNotices(input: PairPlanInput): PlannedReminder[] {
  const { pair, now, retentionDeletesAt } = input;
  if (retentionDeletesAt === undefined || pair.contentDeletedAt) return [];
  const plannedFor = iso(retentionDeletesAt);
  return retentionNoticeTimes(retentionDeletesAt, now).flatMap(({ daysBefore, dueAt }) =>
    [pair.mentor.id, pair.mentee.id].map((recipientId) => {
      const prefs = input.recipients.find((r) => r.userId === recipientId) ?? {
        userId: recipientId,
        timeZone: 'UTC',
        quietHours: DEFAULT_QUIET_HOURS,
      };
      const subjectId = `${pair.id}:retention:${daysBefore}`;
      return {
        id: reminderId(pair.tenantId, pair.id, RETENTION_NOTICE, subjectId, recipientId),
        tenantId: pair.tenantId,
        pairId: pair.id,
        programId: pair.programId,
        recipientId,
        kind: RETENTION_NOTICE,
        subjectId,
        plannedFor,
        dueAt: iso(dueAt),
        sendAt: iso(outsideQuietHours(prefs.timeZone, prefs.quietHours, dueAt, now)),
        timeZone: prefs.timeZone,
      } satisfies PlannedReminder;
    }),
  );
}

/**
 * The document to write for a planned reminder, or undefined when the stored one already matches.
 * A finished reminder (sent, failed, skipped) reopens only for a new occurrence; one in flight is left alone.
 */
export function mergePlanned(
  existing: ReminderDoc | undefined,
  planned: PlannedReminder,
  now: number,
): ReminderDoc | undefined {
  const stamp = iso(now);
  if (!existing)
    return { ...planned, type: 'reminder', state: 'planned', attempts: 0, createdAt: stamp, updatedAt: stamp };
  if (existing.state === 'claimed' && existing.leaseUntil && Date.parse(existing.leaseUntil) > now) return undefined;
  const { outcome: _o, claimedBy: _c, leaseUntil: _l, snoozedUntil: _s, ...base } = existing;
  if (existing.plannedFor !== planned.plannedFor) {
    // A new occurrence (the programme moved the moment): a new ask, with its own feed item.
    const { feedSentAt: _f, ...fresh } = base;
    return { ...fresh, ...planned, state: 'planned', attempts: 0, updatedAt: stamp };
  }
  if (existing.state === 'cancelled') return { ...base, ...planned, state: 'planned', attempts: 0, updatedAt: stamp };
  if (existing.state !== 'planned') return undefined;
  // A retry's backoff or a snooze keeps its later time; a reminder waiting for the app to be installed
  // goes as planned once a re-plan (the install event re-plans the person's pairs) comes by.
  const keepLater =
    (existing.attempts > 0 && existing.outcome?.reason !== 'WaitingForInstall') || existing.snoozedUntil;
  const sendAt = keepLater ? (existing.sendAt > planned.sendAt ? existing.sendAt : planned.sendAt) : planned.sendAt;
  if (sendAt === existing.sendAt && planned.dueAt === existing.dueAt && planned.timeZone === existing.timeZone)
    return undefined;
  return { ...existing, dueAt: planned.dueAt, sendAt, timeZone: planned.timeZone, updatedAt: stamp };
}

/** A stored reminder the plan no longer wants: cancelled, unless it is finished or in flight. */
export function cancelUnplanned(existing: ReminderDoc, now: number): ReminderDoc | undefined {
  if (existing.state !== 'planned') return undefined;
  return {
    ...existing,
    state: 'cancelled',
    outcome: { at: iso(now), reason: 'no longer needed' },
    updatedAt: iso(now),
  };
}

/** Why a delivery failed, and what the programme admin can do about it. */
export const DELIVERY_FIXES: Record<string, string> = {
  NotInstalled:
    'The app is not installed for this person. Programme admin → Rollout installs it for everyone who lacks it (it must be available to them in the Teams admin center), or ask them to add Reverse Mentoring in Teams.',
  InstallNotPermitted:
    'Microsoft Graph refused to install the app for this person. A Privileged Role Administrator grants the Reverse Mentoring app registration the application permission TeamsAppInstallation.ReadWriteSelfForUser.All (npm run entra:grant), and the app must be available to them in the Teams admin center (Manage apps → Assignments).',
  BotNotInConversationRoster:
    'This person removed the app. Ask them to add Reverse Mentoring again, or reinstall it for them in the Teams admin center.',
  ConversationBlockedByUser:
    'This person blocked the bot. Ask them to unblock Reverse Mentoring in their Teams chat list.',
  ConversationNotFound:
    'Their chat with the bot no longer exists. Reinstall the app for them; the next message they send also fixes it.',
  BotDisabledByAdmin:
    'The app is blocked in this tenant. A Teams admin must allow it in the Teams admin center (Manage apps).',
  MessageWritesBlocked:
    'Teams does not accept messages to this chat. Check the app permission policy for this person in the Teams admin center.',
  Throttled:
    'Teams kept throttling the bot. It retries on its own; if this persists, lower BOT_TENANT_MESSAGES_PER_SECOND.',
  ServiceUnavailable: 'Teams was unavailable. The bot retries on its own; nothing to do unless it persists.',
  GraphUnavailable:
    'Microsoft Graph (the activity feed) was unavailable. Notices are retried on their own; nothing to do unless it persists.',
};

export function fixFor(reason: string): string {
  return (
    DELIVERY_FIXES[reason] ??
    'Delivery failed. It is retried at the next reminder; if it persists, check the bot’s logs.'
  );
}
