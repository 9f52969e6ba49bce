// The ledger's three moments, planned in each recipient's own time zone: baseline before (or at) the first
// session, midpoint half-way through the programme, end at the start of its last two weeks — each at 09:00
// local; only the moment open now and those to come; nothing without goals or after the programme.
import {
  assessmentAskTimes,
  assessmentAsksOf,
  currentMoment,
  isMomentOpen,
  momentOpensOn,
} from '../../bot/src/domain/assessments';
import type { PairDoc, SessionDoc } from '../../bot/src/domain/model';
import { ASSESSMENT, planPairReminders, wallClockAt } from '../../bot/src/domain/reminders';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();
// 1 March to 31 August 2026: 183 days, half-way on 31 May, the last two weeks from 18 August.
const PROGRAM = { startsOn: '2026-03-01', endsOn: '2026-08-31' };
const STAMP = { createdAt: '2026-02-20T10:00:00.000Z', updatedAt: '2026-02-20T10:00:00.000Z' };
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
const session = (scheduledAt: string, status: SessionDoc['status'] = 'scheduled') => ({ scheduledAt, status });
const QUIET = { start: '21:00', end: '07:00' };
const berlin = { userId: 'mentor', timeZone: 'Europe/Berlin', quietHours: QUIET };
const tokyo = { userId: 'mentee', timeZone: 'Asia/Tokyo', quietHours: QUIET };

test('the moments open on the first day, half-way, and two weeks before the last day', () => {
  expect(momentOpensOn(PROGRAM)).toEqual({ baseline: '2026-03-01', midpoint: '2026-05-31', end: '2026-08-18' });
  // A programme shorter than four weeks: the end never opens before the midpoint.
  expect(momentOpensOn({ startsOn: '2026-03-01', endsOn: '2026-03-15' })).toEqual({
    baseline: '2026-03-01',
    midpoint: '2026-03-08',
    end: '2026-03-08',
  });
  expect(isMomentOpen(PROGRAM, 'midpoint', at('2026-05-29T12:00:00Z'))).toBe(false);
  // The earliest time zone is already on 31 May.
  expect(isMomentOpen(PROGRAM, 'midpoint', at('2026-05-30T11:00:00Z'))).toBe(true);
  expect(currentMoment(PROGRAM, at('2026-04-01T00:00:00Z'))).toBe('baseline');
  expect(currentMoment(PROGRAM, at('2026-06-01T00:00:00Z'))).toBe('midpoint');
  expect(currentMoment(PROGRAM, at('2026-08-20T00:00:00Z'))).toBe('end');
});

test('each moment is asked at 09:00 in the recipient’s own zone (Berlin and Tokyo, across the summer-time change)', () => {
  const b = assessmentAskTimes(PROGRAM, pair, [], 'Europe/Berlin');
  const t = assessmentAskTimes(PROGRAM, pair, [], 'Asia/Tokyo');
  // Berlin: CET on 1 March (UTC+1), CEST on 31 May and 18 August (UTC+2).
  expect([iso(b.baseline), iso(b.midpoint), iso(b.end)]).toEqual([
    '2026-03-01T08:00:00.000Z',
    '2026-05-31T07:00:00.000Z',
    '2026-08-18T07:00:00.000Z',
  ]);
  // Tokyo: UTC+9 all year, so 09:00 is midnight UTC.
  expect([iso(t.baseline), iso(t.midpoint), iso(t.end)]).toEqual([
    '2026-03-01T00:00:00.000Z',
    '2026-05-31T00:00:00.000Z',
    '2026-08-18T00:00:00.000Z',
  ]);
  for (const [zone, times] of [
    ['Europe/Berlin', b],
    ['Asia/Tokyo', t],
  ] as const) {
    for (const moment of ['baseline', 'midpoint', 'end'] as const)
      expect(wallClockAt(zone, times[moment])).toMatchObject({ hour: 9, minute: 0 });
  }
});

test('baseline: before the first session — an hour before it when it comes sooner than the programme’s first morning', () => {
  const early = assessmentAskTimes(PROGRAM, pair, [session('2026-03-01T06:30:00Z')], 'Europe/Berlin');
  expect(iso(early.baseline)).toBe('2026-03-01T05:30:00.000Z');
  // A cancelled session does not count; a later first session leaves the first morning.
  const later = assessmentAskTimes(
    PROGRAM,
    pair,
    [session('2026-03-01T06:30:00Z', 'cancelled'), session('2026-03-05T09:00:00Z')],
    'Europe/Berlin',
  );
  expect(iso(later.baseline)).toBe('2026-03-01T08:00:00.000Z');
  // A pair made mid-programme is asked when it is made, not earlier.
  const made = { createdAt: '2026-04-10T13:00:00.000Z' };
  expect(iso(assessmentAskTimes(PROGRAM, made, [], 'Europe/Berlin').baseline)).toBe('2026-04-10T13:00:00.000Z');
});

test('the plan asks the current moment and those to come, per recipient, and nothing without goals or after the end', () => {
  const asks = (now: string, goals = 1) =>
    assessmentAsksOf(PROGRAM, pair, [], [berlin, tokyo], goals, at(now)).map((a) => `${a.recipientId}:${a.moment}`);
  expect(asks('2026-02-25T00:00:00Z')).toEqual([
    'mentor:baseline',
    'mentor:midpoint',
    'mentor:end',
    'mentee:baseline',
    'mentee:midpoint',
    'mentee:end',
  ]);
  // 31 May, 01:00 UTC: past 09:00 in Tokyo (midpoint asked, baseline no more), still night in Berlin.
  expect(asks('2026-05-31T01:00:00Z')).toEqual([
    'mentor:baseline',
    'mentor:midpoint',
    'mentor:end',
    'mentee:midpoint',
    'mentee:end',
  ]);
  expect(asks('2026-06-15T00:00:00Z')).toEqual(['mentor:midpoint', 'mentor:end', 'mentee:midpoint', 'mentee:end']);
  expect(asks('2026-08-25T00:00:00Z')).toEqual(['mentor:end', 'mentee:end']);
  expect(asks('2026-09-02T00:00:00Z')).toEqual([]);
  expect(asks('2026-06-15T00:00:00Z', 0)).toEqual([]);
});

test('planPairReminders turns the asks into reminders outside quiet hours, one per moment and recipient', () => {
  const now = at('2026-06-15T00:00:00Z');
  const assessmentAsks = assessmentAsksOf(PROGRAM, pair, [], [berlin, tokyo], 2, now);
  const plan = planPairReminders({
    pair,
    cadenceDays: 14,
    sessions: [],
    commitments: [],
    recipients: [berlin, tokyo],
    now,
    assessmentAsks,
  }).filter((r) => r.kind === ASSESSMENT);
  expect(plan.map((r) => [r.recipientId, r.subjectId, r.plannedFor, r.sendAt, r.timeZone])).toEqual([
    ['mentor', 'pair-1:assessment:midpoint', 'midpoint:2026-05-31', '2026-05-31T07:00:00.000Z', 'Europe/Berlin'],
    ['mentor', 'pair-1:assessment:end', 'end:2026-08-18', '2026-08-18T07:00:00.000Z', 'Europe/Berlin'],
    ['mentee', 'pair-1:assessment:midpoint', 'midpoint:2026-05-31', '2026-05-31T00:00:00.000Z', 'Asia/Tokyo'],
    ['mentee', 'pair-1:assessment:end', 'end:2026-08-18', '2026-08-18T00:00:00.000Z', 'Asia/Tokyo'],
  ]);
  // Planning again gives the same documents (deterministic ids).
  expect(
    planPairReminders({
      pair,
      cadenceDays: 14,
      sessions: [],
      commitments: [],
      recipients: [berlin, tokyo],
      now,
      assessmentAsks,
    }).filter((r) => r.kind === ASSESSMENT),
  ).toEqual(plan);
  // A paused pair is asked nothing.
  expect(
    planPairReminders({
      pair: { ...pair, status: 'paused' },
      cadenceDays: 14,
      sessions: [],
      commitments: [],
      recipients: [berlin, tokyo],
      now,
      assessmentAsks,
    }),
  ).toEqual([]);
});
