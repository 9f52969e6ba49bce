// Pure planning rules: local quiet hours across daylight-saving changes, and which reminders a pair gets.
import type { PairDoc, SessionDoc } from '../../bot/src/domain/model';
import {
  ASSESSMENT,
  inQuietHours,
  instantOfWallClock,
  mergePlanned,
  outsideQuietHours,
  planPairReminders,
  wallClockAt,
} from '../../bot/src/domain/reminders';

const QUIET = { start: '22:00', end: '07:00' };
const at = (iso: string) => Date.parse(iso);

describe('quiet hours in the recipient’s zone, across daylight saving', () => {
  test('Berlin, spring forward (29 March 2026): 06:30 local is moved to 07:00 CEST, which is 05:00 UTC (not 06:00)', () => {
    const moved = outsideQuietHours('Europe/Berlin', QUIET, at('2026-03-29T04:30:00Z'), at('2026-03-01T00:00:00Z'));
    expect(new Date(moved).toISOString()).toBe('2026-03-29T05:00:00.000Z');
    // The night before the change, 07:00 local was 06:00 UTC.
    const before = outsideQuietHours('Europe/Berlin', QUIET, at('2026-03-28T05:30:00Z'), at('2026-03-01T00:00:00Z'));
    expect(new Date(before).toISOString()).toBe('2026-03-28T06:00:00.000Z');
  });

  test('New York, fall back (1 November 2026): 23:30 local is moved to 07:00 EST the next morning, 12:00 UTC', () => {
    const moved = outsideQuietHours('America/New_York', QUIET, at('2026-11-01T03:30:00Z'), at('2026-10-01T00:00:00Z'));
    expect(new Date(moved).toISOString()).toBe('2026-11-01T12:00:00.000Z');
  });

  test('a wall-clock time skipped by the spring-forward jump maps past the jump', () => {
    const t = instantOfWallClock('Europe/Berlin', { year: 2026, month: 3, day: 29, hour: 2, minute: 30 });
    expect(wallClockAt('Europe/Berlin', t)).toMatchObject({ hour: 3, minute: 30 });
  });

  test('outside quiet hours nothing moves; quiet hours wrap midnight', () => {
    expect(outsideQuietHours('Europe/Berlin', QUIET, at('2026-03-29T10:00:00Z'), 0)).toBe(at('2026-03-29T10:00:00Z'));
    expect(inQuietHours('Asia/Tokyo', QUIET, at('2026-06-01T14:00:00Z'))).toBe(true); // 23:00 in Tokyo
    expect(inQuietHours('Asia/Tokyo', QUIET, at('2026-06-01T22:30:00Z'))).toBe(false); // 07:30
    expect(outsideQuietHours('Europe/Berlin', null, at('2026-03-29T01:00:00Z'), 0)).toBe(at('2026-03-29T01:00:00Z'));
  });

  test('a prepare reminder that would land after its latest moment moves before the quiet hours instead', () => {
    // 23:00 Berlin (CEST) with the session at 06:30 local: 07:00 is too late, so 21:55 the evening before.
    const moved = outsideQuietHours(
      'Europe/Berlin',
      QUIET,
      at('2026-06-10T21:00:00Z'),
      at('2026-06-01T00:00:00Z'),
      at('2026-06-11T03:30:00Z'),
    );
    expect(new Date(moved).toISOString()).toBe('2026-06-10T19:55:00.000Z');
  });
});

const STAMP = { createdAt: '2026-03-01T00:00:00.000Z', updatedAt: '2026-03-01T00:00:00.000Z' };
const pair: PairDoc = {
  ...STAMP,
  id: 'pair-1',
  type: 'pair',
  tenantId: 't',
  pairId: 'pair-1',
  programId: 'prog',
  status: 'active',
  createdBy: 'admin',
  mentor: { id: 'mentor', name: 'Mentor' },
  mentee: { id: 'mentee', name: 'Executive' },
};
const session = (scheduledAt: string, extra: Partial<SessionDoc> = {}): SessionDoc => ({
  ...STAMP,
  id: `s-${scheduledAt}`,
  type: 'session',
  tenantId: 't',
  pairId: 'pair-1',
  programId: 'prog',
  scheduledAt,
  durationMinutes: 60,
  status: 'scheduled',
  agenda: [],
  createdBy: 'mentor',
  ...extra,
});
const recipients = [
  { userId: 'mentor', timeZone: 'Europe/Berlin', quietHours: QUIET },
  { userId: 'mentee', timeZone: 'America/New_York', quietHours: QUIET },
];

describe('planPairReminders', () => {
  test('a session on the morning after the Berlin DST change: prepare in each member’s zone, starting soon 15 minutes before', () => {
    const plan = planPairReminders({
      pair,
      cadenceDays: 14,
      sessions: [session('2026-03-29T07:00:00.000Z')],
      commitments: [],
      recipients,
      now: at('2026-03-20T00:00:00Z'),
    });
    const of = (kind: string, user: string) => plan.find((p) => p.kind === kind && p.recipientId === user)!;
    // 24 h before is 08:00 UTC on the 28th: 09:00 in Berlin (CET) and 04:00 in New York (EDT, quiet until 07:00 = 11:00 UTC).
    expect(of('prepare', 'mentor').sendAt).toBe('2026-03-28T07:00:00.000Z');
    expect(of('prepare', 'mentee').sendAt).toBe('2026-03-28T11:00:00.000Z');
    expect(of('startingSoon', 'mentee').sendAt).toBe('2026-03-29T06:45:00.000Z');
    expect(of('captureTakeaways', 'mentor').dueAt).toBe('2026-03-29T08:05:00.000Z');
    expect(plan.filter((p) => p.kind === 'stalled')).toEqual([]);
    expect(new Set(plan.map((p) => p.id)).size).toBe(plan.length);
  });

  test('planning is deterministic: the same input gives the same reminders, and merging them again writes nothing', () => {
    const input = {
      pair,
      cadenceDays: 14,
      sessions: [session('2026-04-02T09:00:00.000Z')],
      commitments: [],
      recipients,
      now: at('2026-03-20T00:00:00Z'),
    };
    const a = planPairReminders(input);
    expect(planPairReminders({ ...input, now: at('2026-03-21T00:00:00Z') })).toEqual(a);
    for (const p of a) {
      const stored = mergePlanned(undefined, p, input.now)!;
      expect(mergePlanned(stored, p, input.now + 1000)).toBeUndefined();
    }
  });

  test('no upcoming session: a stalled reminder at the last session + cadence + 7 days; paused pairs get nothing', () => {
    const plan = planPairReminders({
      pair,
      cadenceDays: 14,
      sessions: [session('2026-03-01T09:00:00.000Z', { status: 'held' })],
      commitments: [],
      recipients,
      now: at('2026-03-10T00:00:00Z'),
    });
    expect(plan.filter((p) => p.kind === 'stalled').map((p) => p.dueAt)).toEqual([
      '2026-03-22T09:00:00.000Z',
      '2026-03-22T09:00:00.000Z',
    ]);
    expect(
      planPairReminders({
        pair: { ...pair, status: 'paused' },
        cadenceDays: 14,
        sessions: [],
        commitments: [],
        recipients,
        now: 0,
      }),
    ).toEqual([]);
  });

  test('a moved session reopens a sent reminder as a new occurrence', () => {
    const now = at('2026-03-20T00:00:00Z');
    const [first] = planPairReminders({
      pair,
      cadenceDays: 14,
      sessions: [session('2026-04-02T09:00:00.000Z', { id: 's' })],
      commitments: [],
      recipients,
      now,
    });
    const sent = { ...mergePlanned(undefined, first!, now)!, state: 'sent' as const };
    const [moved] = planPairReminders({
      pair,
      cadenceDays: 14,
      sessions: [session('2026-04-03T09:00:00.000Z', { id: 's' })],
      commitments: [],
      recipients,
      now,
    });
    expect(moved!.id).toBe(first!.id);
    expect(mergePlanned(sent, moved!, now)).toMatchObject({
      state: 'planned',
      plannedFor: '2026-04-03T09:00:00.000Z',
      attempts: 0,
    });
  });

  test('an assessment ask put back after its feed item went keeps the mark; the moment moved is a new ask with its own', () => {
    const now = at('2026-03-20T00:00:00Z');
    const plan = (opensOn: string) =>
      planPairReminders({
        pair,
        cadenceDays: 14,
        sessions: [],
        commitments: [],
        recipients,
        now,
        assessmentAsks: [{ recipientId: 'mentee', moment: 'midpoint', opensOn, due: at(`${opensOn}T09:00:00Z`) }],
      }).find((p) => p.kind === ASSESSMENT)!;
    const asked = plan('2026-03-25');
    // The card met a 503 after the feed took the pointer: put back for later, with the mark.
    const putBack = {
      ...mergePlanned(undefined, asked, now)!,
      attempts: 1,
      sendAt: '2026-03-25T09:10:00.000Z',
      feedSentAt: '2026-03-25T09:00:01.000Z',
    };
    const replanned = mergePlanned(putBack, { ...asked, sendAt: '2026-03-25T09:05:00.000Z' }, now + 1000);
    expect(replanned ?? putBack).toMatchObject({ feedSentAt: '2026-03-25T09:00:01.000Z' });
    const sent = { ...putBack, state: 'sent' as const };
    const moved = mergePlanned(sent, plan('2026-03-27'), now)!;
    expect(moved).toMatchObject({ state: 'planned', plannedFor: 'midpoint:2026-03-27', attempts: 0 });
    expect(moved.feedSentAt).toBeUndefined();
  });
});
