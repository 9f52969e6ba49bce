// Time finding for a pair in two time zones: London (09:00–17:30) and New York (08:00–18:00). In March 2027
// New York moves to summer time on the 14th and London on the 28th, so the shared hours move twice.
import { findMeetingTimes, type PersonSchedule } from '../../bot/src/domain/meetingTimes';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString().slice(0, 16);
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as PersonSchedule['workingHours']['days'];

const priya = (overrides: Partial<PersonSchedule> = {}): PersonSchedule => ({
  userId: 'priya',
  timeZone: 'Europe/London',
  quietHours: null,
  busy: [],
  workingHours: { days: WEEKDAYS, start: '09:00', end: '17:30', timeZone: 'Europe/London' },
  ...overrides,
});
const dana = (overrides: Partial<PersonSchedule> = {}): PersonSchedule => ({
  userId: 'dana',
  timeZone: 'America/New_York',
  quietHours: null,
  busy: [],
  workingHours: { days: WEEKDAYS, start: '08:00', end: '18:00', timeZone: 'America/New_York' },
  ...overrides,
});

/** The first proposal on each day, over four weeks of March 2027. */
function firstEachDay(people: PersonSchedule[]) {
  return findMeetingTimes({
    people,
    from: at('2027-03-08T00:00Z'),
    to: at('2027-04-03T00:00Z'),
    durationMinutes: 45,
    perDay: 1,
    limit: 100,
    dayZone: 'UTC',
  }).map((s) => iso(s.start));
}

test('the shared hours follow both zones across both daylight-saving changes', () => {
  const days = firstEachDay([priya(), dana()]);
  // Both on standard time: New York 08:00 is 13:00 UTC. New York on summer time: 12:00 UTC. London's change
  // on the 28th moves its hours an hour earlier, but New York's start still decides.
  expect(days).toEqual([
    '2027-03-08T13:00',
    '2027-03-09T13:00',
    '2027-03-10T13:00',
    '2027-03-11T13:00',
    '2027-03-12T13:00',
    '2027-03-15T12:00',
    '2027-03-16T12:00',
    '2027-03-17T12:00',
    '2027-03-18T12:00',
    '2027-03-19T12:00',
    '2027-03-22T12:00',
    '2027-03-23T12:00',
    '2027-03-24T12:00',
    '2027-03-25T12:00',
    '2027-03-26T12:00',
    '2027-03-29T12:00',
    '2027-03-30T12:00',
    '2027-03-31T12:00',
    '2027-04-01T12:00',
    '2027-04-02T12:00',
  ]);
});

test('the end of the shared hours moves too: after London’s change a late slot no longer fits', () => {
  // Both busy 12:00–16:00 UTC every day: only the end of the overlap is left.
  const busyEveryDay = Array.from({ length: 28 }, (_, i) => ({
    start: at('2027-03-08T12:00Z') + i * 86_400_000,
    end: at('2027-03-08T16:00Z') + i * 86_400_000,
  }));
  const days = firstEachDay([priya({ busy: busyEveryDay }), dana({ busy: busyEveryDay })]);
  // London closes at 17:30 local: 17:30 UTC before the 28th, 16:30 UTC after; 16:00 + 45 min no longer fits.
  expect(days).toEqual([
    '2027-03-08T16:00',
    '2027-03-09T16:00',
    '2027-03-10T16:00',
    '2027-03-11T16:00',
    '2027-03-12T16:00',
    '2027-03-15T16:00',
    '2027-03-16T16:00',
    '2027-03-17T16:00',
    '2027-03-18T16:00',
    '2027-03-19T16:00',
    '2027-03-22T16:00',
    '2027-03-23T16:00',
    '2027-03-24T16:00',
    '2027-03-25T16:00',
    '2027-03-26T16:00',
  ]);
});

test('busy times of either person are avoided, proposals never overlap, at most two a day', () => {
  const slots = findMeetingTimes({
    people: [
      priya({ busy: [{ start: at('2027-03-09T13:00Z'), end: at('2027-03-09T14:00Z') }] }),
      dana({ busy: [{ start: at('2027-03-09T14:30Z'), end: at('2027-03-09T15:00Z') }] }),
    ],
    from: at('2027-03-09T00:00Z'),
    to: at('2027-03-10T00:00Z'),
    durationMinutes: 45,
    dayZone: 'UTC',
  });
  // 14:00 would run into Dana's 14:30; 15:00 is the first start free for both, then the next that does not overlap it.
  expect(slots.map((s) => [iso(s.start), iso(s.end)])).toEqual([
    ['2027-03-09T15:00', '2027-03-09T15:45'],
    ['2027-03-09T16:00', '2027-03-09T16:45'],
  ]);
});

test('quiet hours in the person’s own zone cut a meeting short of them, even one that would only end inside', () => {
  // Priya keeps 16:00–08:00 London quiet: a 45-minute meeting must end by 16:00 London (16:00 UTC in early March).
  const days = findMeetingTimes({
    people: [
      priya({ quietHours: { start: '16:00', end: '08:00' } }),
      dana({ busy: [{ start: at('2027-03-08T14:45Z'), end: at('2027-03-08T15:30Z') }] }),
    ],
    from: at('2027-03-08T00:00Z'),
    to: at('2027-03-09T00:00Z'),
    durationMinutes: 45,
    limit: 10,
    perDay: 10,
    dayZone: 'UTC',
  }).map((s) => iso(s.start));
  // 15:30 is free for both but would end at 16:15, inside Priya's quiet hours; without them it is proposed.
  expect(days).toEqual(['2027-03-08T13:00', '2027-03-08T14:00']);
  const withoutQuiet = findMeetingTimes({
    people: [priya(), dana({ busy: [{ start: at('2027-03-08T14:45Z'), end: at('2027-03-08T15:30Z') }] })],
    from: at('2027-03-08T00:00Z'),
    to: at('2027-03-09T00:00Z'),
    durationMinutes: 45,
    limit: 10,
    perDay: 10,
    dayZone: 'UTC',
  }).map((s) => iso(s.start));
  expect(withoutQuiet).toEqual(['2027-03-08T13:00', '2027-03-08T14:00', '2027-03-08T15:30', '2027-03-08T16:30']);
});

test('weekends and days off are skipped; nothing fits an empty overlap', () => {
  const weekend = findMeetingTimes({
    people: [priya(), dana()],
    from: at('2027-03-13T00:00Z'),
    to: at('2027-03-15T00:00Z'),
    durationMinutes: 30,
  });
  expect(weekend).toEqual([]);
  const tokyo: PersonSchedule = {
    userId: 'kenji',
    timeZone: 'Asia/Tokyo',
    quietHours: null,
    busy: [],
    workingHours: { days: WEEKDAYS, start: '09:00', end: '17:00', timeZone: 'Asia/Tokyo' },
  };
  // Tokyo 09:00–17:00 is 00:00–08:00 UTC; New York 08:00–18:00 is 13:00–23:00 UTC: no shared hour.
  expect(
    findMeetingTimes({
      people: [tokyo, dana()],
      from: at('2027-03-08T00:00Z'),
      to: at('2027-03-13T00:00Z'),
      durationMinutes: 30,
    }),
  ).toEqual([]);
});

test('a zone half an hour off the hour still gets times on its own half hours', () => {
  const adelaide: PersonSchedule = {
    userId: 'amy',
    timeZone: 'Australia/Adelaide',
    quietHours: null,
    busy: [],
    workingHours: { days: WEEKDAYS, start: '09:00', end: '10:00', timeZone: 'Australia/Adelaide' },
  };
  const slots = findMeetingTimes({
    people: [adelaide],
    from: at('2027-03-08T00:00Z'),
    to: at('2027-03-09T00:00Z'),
    durationMinutes: 30,
    perDay: 5,
    dayZone: 'Australia/Adelaide',
  });
  // Adelaide is UTC+10:30 in March (daylight time): 09:00 local is 22:30 UTC the day before.
  expect(slots.map((s) => iso(s.start))).toEqual(['2027-03-08T22:30', '2027-03-08T23:00']);
});
