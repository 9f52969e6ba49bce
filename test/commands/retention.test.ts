// Retention: an ended pair's private and pair content goes once the later of the programme's and the
// pair's end plus the retention period (at least 30 days) has passed; pairs (names, status) and the
// redacted programme learnings stay; pairs that have not ended keep everything. Through the job
// function and its route. (The admin's attack on it: test/api/retentionAttack.test.ts.)
import request from 'supertest';
import { consentGranter } from '../../bot/src/commands/consentGranter';
import { pairStatusChanger } from '../../bot/src/commands/pairStatusChanger';
import { programCreator } from '../../bot/src/commands/programCreator';
import { DEFAULT_REMINDER_SCHEDULE, type PairDoc, type ProgramDoc } from '../../bot/src/domain/model';
import { contentDeletionAt, retentionNoticeTimes } from '../../bot/src/domain/retention';
import { runRetention } from '../../bot/src/jobs/retention';
import { programLearnings } from '../../bot/src/store/queries';
import { adminOf, buildGoal, buildNote, buildPair, buildTakeaway } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

const SECRET = 'a-jobs-secret-that-is-long-enough-1234';
const DAY = 86400_000;
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ JOBS_SECRET: SECRET });
});
afterAll(() => t.stop());

const programEnding = (endsOn: string, retentionDays: number) =>
  programCreator(t.services.store, adminOf(), {
    name: `Ends ${endsOn}`,
    objectives: [],
    startsOn: '2025-01-01',
    endsOn,
    cadenceDays: 14,
    sessionMinutes: 45,
    topics: [],
    programLearningsEnabled: true,
    retentionDays,
    reminderSchedule: DEFAULT_REMINDER_SCHEDULE,
  } as never);

async function pairWithContent(program: ProgramDoc) {
  const { store } = t.services;
  const built = await buildPair(store, { program });
  await buildNote(store, built, built.mentor, 'private');
  await buildNote(store, built, built.mentee, 'pair');
  await buildGoal(store, built);
  const learning = await buildTakeaway(store, built, built.mentor, 'program', 'Demos beat slides');
  await consentGranter(store, built.mentee, learning, true);
  return built;
}

const contentOf = async (pairId: string) =>
  t.services.store.pairs.query(adminOf().tenantId, { where: "c.type != 'pair'", parameters: [] }, pairId);

test('the rule: ended pairs only, the later end plus retention, never under 30 days, never sooner than 14 days after a change', () => {
  const program = { endsOn: '2026-06-30', retentionDays: 10 };
  const ended = {
    status: 'ended' as const,
    endedAt: '2026-03-01T12:00:00.000Z',
    updatedAt: '2026-03-01T12:00:00.000Z',
  };
  expect(contentDeletionAt(program, { ...ended, status: 'active' })).toBeUndefined();
  expect(contentDeletionAt(program, { ...ended, status: 'paused' })).toBeUndefined();
  // Programme end (later) + the 30-day floor, not the 10 days set.
  expect(new Date(contentDeletionAt(program, ended)!).toISOString()).toBe('2026-07-30T23:59:59.999Z');
  // The pair ended after the programme: its own end counts.
  expect(
    new Date(
      contentDeletionAt({ ...program, retentionDays: 60 }, { ...ended, endedAt: '2026-08-01T00:00:00.000Z' })!,
    ).toISOString(),
  ).toBe('2026-09-30T00:00:00.000Z');
  // A change on 2026-07-25 that would bring the date to 2026-07-30 leaves 14 days for the notice.
  expect(
    new Date(contentDeletionAt({ ...program, retentionChangedAt: '2026-07-25T00:00:00.000Z' }, ended)!).toISOString(),
  ).toBe('2026-08-08T00:00:00.000Z');
  // Notices 14 and 2 days before; those already past collapse into one sent at once; none after the date.
  const at = Date.parse('2026-08-08T00:00:00.000Z');
  expect(retentionNoticeTimes(at, at - 20 * DAY).map((n) => n.daysBefore)).toEqual([14, 2]);
  expect(retentionNoticeTimes(at, at - 5 * DAY).map((n) => n.daysBefore)).toEqual([14, 2]);
  expect(retentionNoticeTimes(at, at - DAY).map((n) => n.daysBefore)).toEqual([2]);
  expect(retentionNoticeTimes(at, at + 1)).toEqual([]);
});

test('deletes an ended pair’s content once its time has passed, keeps active pairs, pairs and learnings, and is idempotent', async () => {
  const over = await programEnding('2025-06-30', 30);
  const [gone, active] = [await pairWithContent(over), await pairWithContent(over)];
  const ended = await pairStatusChanger(t.services.store, adminOf(), gone.pair, 'ended', gone.pair._etag!);
  const endedAt = Date.parse(ended.endedAt!);
  expect((await contentOf(gone.pair.id)).length).toBeGreaterThan(3);

  expect((await runRetention(t.services.store, new Date(endedAt + 29 * DAY))).pairs).toBe(0);
  expect((await contentOf(gone.pair.id)).length).toBeGreaterThan(3);
  const run = await runRetention(t.services.store, new Date(endedAt + 31 * DAY));
  expect(run.pairs).toBe(1);
  expect(await contentOf(gone.pair.id)).toEqual([]);
  expect((await contentOf(active.pair.id)).length).toBeGreaterThan(3);
  const marked = (await t.services.store.pairs.find(gone.pair.tenantId, gone.pair.id, gone.pair.id)) as PairDoc;
  expect(marked).toMatchObject({ type: 'pair', status: 'ended', contentDeletedAt: expect.any(String) });
  expect((await programLearnings(t.services.store, over)).map((l) => l.text)).toEqual([
    'Demos beat slides',
    'Demos beat slides',
  ]);

  // A second run skips swept pairs.
  expect(await runRetention(t.services.store, new Date(endedAt + 31 * DAY))).toEqual({ pairs: 0, deleted: 0 });
});

test('POST /api/jobs/retention/run needs the jobs secret', async () => {
  expect((await request(t.app).post('/api/jobs/retention/run')).status).toBe(401);
  expect((await request(t.app).post('/api/jobs/retention/run').set('Authorization', 'Bearer wrong')).status).toBe(401);
  const res = await request(t.app).post('/api/jobs/retention/run').set('Authorization', `Bearer ${SECRET}`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ pairs: expect.any(Number), deleted: expect.any(Number) });
});
