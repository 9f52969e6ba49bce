// Retention: after a programme's end date plus its retention period, private and pair content goes;
// pairs (names, status) and the redacted programme learnings stay. Through the job function and its route.
import request from 'supertest';
import { consentGranter } from '../../bot/src/commands/consentGranter';
import { programCreator } from '../../bot/src/commands/programCreator';
import { DEFAULT_REMINDER_SCHEDULE, type ProgramDoc } from '../../bot/src/domain/model';
import { runRetention } from '../../bot/src/jobs/retention';
import { programLearnings } from '../../bot/src/store/queries';
import { adminOf, buildGoal, buildNote, buildPair, buildTakeaway } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

const SECRET = 'a-jobs-secret-that-is-long-enough-1234';
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ JOBS_SECRET: SECRET });
});
afterAll(() => t.stop());

const programEnding = (endsOn: string, retentionDays: number) =>
  programCreator(t.services.store, adminOf(), {
    name: `Ends ${endsOn}`, objectives: [], startsOn: '2025-01-01', endsOn, cadenceDays: 14, sessionMinutes: 45, topics: [],
    programLearningsEnabled: true, retentionDays, reminderSchedule: DEFAULT_REMINDER_SCHEDULE,
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

test('deletes content only once the retention period is over, keeps pairs and learnings, and is idempotent', async () => {
  const over = await programEnding('2025-06-30', 30);
  const within = await programEnding('2025-06-30', 3650);
  const [gone, kept] = [await pairWithContent(over), await pairWithContent(within)];
  expect((await contentOf(gone.pair.id)).length).toBeGreaterThan(3);

  const run = await runRetention(t.services.store, new Date('2025-08-15T00:00:00Z'));
  expect(run.programs).toBeGreaterThanOrEqual(1);
  expect(await contentOf(gone.pair.id)).toEqual([]);
  expect((await contentOf(kept.pair.id)).length).toBeGreaterThan(3);
  expect(await t.services.store.pairs.find(gone.pair.tenantId, gone.pair.id, gone.pair.id)).toMatchObject({ type: 'pair' });
  expect((await programLearnings(t.services.store, over)).map((l) => l.text)).toEqual(['Demos beat slides']);
  const marked = (await t.services.store.programs.find(over.tenantId, over.id, over.id)) as ProgramDoc;
  expect(marked.retentionAppliedAt).toEqual(expect.any(String));

  // A second run skips swept programmes.
  const again = await runRetention(t.services.store, new Date('2025-08-15T00:00:00Z'));
  expect(again.deleted).toBe(0);
});

test('POST /api/jobs/retention/run needs the jobs secret', async () => {
  expect((await request(t.app).post('/api/jobs/retention/run')).status).toBe(401);
  expect((await request(t.app).post('/api/jobs/retention/run').set('Authorization', 'Bearer wrong')).status).toBe(401);
  const res = await request(t.app).post('/api/jobs/retention/run').set('Authorization', `Bearer ${SECRET}`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ programs: expect.any(Number), deleted: expect.any(Number) });
});
