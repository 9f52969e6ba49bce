// The retention attack (issue #13): a programme admin moves the end date to yesterday with a retention
// of 0 days and runs retention. Nothing of a pair that is still active may go; an ended pair's content
// goes only after the later of the programme's and the pair's end plus the retention period (at least
// 30 days); its members are told 14 and 2 days before; the change is in the audit trail.
import request from 'supertest';
import { runRetention } from '../../bot/src/jobs/retention';
import { remindersOfPair } from '../../bot/src/store/reminders';
import { adminOf, buildGoal, buildNote, buildPair, buildTakeaway, type BuiltPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

const SECRET = 'a-jobs-secret-that-is-long-enough-1234';
const DAY = 86400_000;
let t: TestApp;
let adminToken: string;
beforeAll(async () => {
  t = await buildTestApp({ JOBS_SECRET: SECRET });
  adminToken = await t.tokenFor({ userId: adminOf().userId, name: 'Avery Admin', roles: ['ProgramAdmin'] });
});
afterAll(() => t.stop());

const contentOf = (built: BuiltPair) =>
  t.services.store.pairs.query<{ type: string }>(
    built.pair.tenantId,
    { where: "c.type != 'pair'", parameters: [] },
    built.pair.id,
  );

async function withContent(built: BuiltPair): Promise<BuiltPair> {
  await buildNote(t.services.store, built, built.mentor, 'private', 'OFF THE RECORD: she may leave in spring');
  await buildNote(t.services.store, built, built.mentee, 'pair');
  await buildGoal(t.services.store, built);
  await buildTakeaway(t.services.store, built, built.mentor, 'private');
  return built;
}

const admin = () => ({ Authorization: `Bearer ${adminToken}` });
const yesterday = () => new Date(Date.now() - DAY).toISOString().slice(0, 10);

test('moving the end date into the past with retention 0 deletes nothing of an active pair, ever; an ended pair waits, is told, and the change is audited', async () => {
  const active = await withContent(await buildPair(t.services.store));
  const ended = await withContent(await buildPair(t.services.store, { program: active.program }));
  const programId = active.program.id;
  const activeBefore = (await contentOf(active)).length;
  expect(activeBefore).toBeGreaterThanOrEqual(5);

  // The attack: end date yesterday, retention 0.
  const read = await request(t.app).get(`/api/programs/${programId}`).set(admin());
  const zero = await request(t.app)
    .patch(`/api/programs/${programId}`)
    .set(admin())
    .set('If-Match', read.headers.etag!)
    .send({ startsOn: '2025-01-01', endsOn: yesterday(), retentionDays: 0 });
  if (zero.status === 200) {
    // (Before the fix the attack went through: run retention on it at once.)
    await request(t.app).post('/api/jobs/retention/run').set('Authorization', `Bearer ${SECRET}`);
    expect((await contentOf(active)).length).toBe(activeBefore);
  }
  // A retention below the floor is refused, naming the field; nothing changed.
  expect(zero.status).toBe(400);
  expect(zero.body.errors).toEqual([expect.objectContaining({ field: 'retentionDays' })]);
  const patched = await request(t.app)
    .patch(`/api/programs/${programId}`)
    .set(admin())
    .set('If-Match', read.headers.etag!)
    .send({ startsOn: '2025-01-01', endsOn: yesterday(), retentionDays: 30 });
  expect(patched.status).toBe(200);

  // Ending the programme's dates ends no pair.
  const pairs = await request(t.app).get(`/api/programs/${programId}/pairs`).set(admin());
  expect(pairs.body.pairs.map((p: { status: string }) => p.status)).toEqual(['active', 'active']);

  // The admin ends one pair.
  const endedRow = pairs.body.pairs.find((p: { id: string }) => p.id === ended.pair.id);
  const end = await request(t.app)
    .patch(`/api/programs/${programId}/pairs/${ended.pair.id}`)
    .set(admin())
    .set('If-Match', endedRow.etag)
    .send({ status: 'ended' });
  expect(end.status).toBe(200);

  // The hourly sweep and the jobs route run now, and at every later time: the active pair keeps everything.
  expect((await request(t.app).post('/api/jobs/retention/run').set('Authorization', `Bearer ${SECRET}`)).status).toBe(
    200,
  );
  for (const days of [0, 1, 29, 31, 365, 3650]) await runRetention(t.services.store, new Date(Date.now() + days * DAY));
  expect((await contentOf(active)).length).toBe(activeBefore);

  // Which means the ended pair was deleted only once its time came: not before 30 days after it ended.
  const endedAt = Date.parse(end.body.endedAt ?? '');
  expect(Number.isNaN(endedAt)).toBe(false);
  // The runs above went up to ten years on; a fresh ended pair shows the timeline.
  const fresh = await withContent(await buildPair(t.services.store, { program: active.program }));
  const freshRead = await request(t.app).get(`/api/programs/${programId}/pairs`).set(admin());
  const freshRow = freshRead.body.pairs.find((p: { id: string }) => p.id === fresh.pair.id);
  const freshEnd = await request(t.app)
    .patch(`/api/programs/${programId}/pairs/${fresh.pair.id}`)
    .set(admin())
    .set('If-Match', freshRow.etag)
    .send({ status: 'ended' });
  const freshEndedAt = Date.parse(freshEnd.body.endedAt);
  // The tab tells the members: /api/me carries the deletion date for the ended pair, none for an active one.
  const meOf = async (userId: string) =>
    (
      await request(t.app)
        .get('/api/me')
        .set('Authorization', `Bearer ${await t.tokenFor({ userId })}`)
    ).body.pairs as { pairId: string; contentDeletesAt: string | null }[];
  const announced = Date.parse(
    (await meOf(fresh.mentee.userId)).find((p) => p.pairId === fresh.pair.id)?.contentDeletesAt ?? '',
  );
  expect(announced).toBeGreaterThanOrEqual(freshEndedAt + 30 * DAY);
  expect((await meOf(active.mentor.userId)).find((p) => p.pairId === active.pair.id)?.contentDeletesAt).toBe(null);
  const before = (await contentOf(fresh)).length;
  await runRetention(t.services.store, new Date(freshEndedAt + 29 * DAY));
  expect((await contentOf(fresh)).length).toBe(before);
  await runRetention(t.services.store, new Date(freshEndedAt + 31 * DAY));
  expect(await contentOf(fresh)).toEqual([]);

  // The members were told 14 and 2 days before the deletion, each of them.
  const notices = (await remindersOfPair(t.services.store, fresh.pair.tenantId, fresh.pair.id)).filter(
    (r) => r.kind === 'retentionNotice',
  );
  const deletesAt = Date.parse(notices[0]?.plannedFor ?? '');
  expect(notices.map((r) => [r.recipientId, Math.round((deletesAt - Date.parse(r.dueAt)) / DAY)]).sort()).toEqual(
    [
      [fresh.mentee.userId, 14],
      [fresh.mentee.userId, 2],
      [fresh.mentor.userId, 14],
      [fresh.mentor.userId, 2],
    ].sort(),
  );
  expect(deletesAt).toBeGreaterThanOrEqual(freshEndedAt + 30 * DAY);
  expect(deletesAt).toBe(announced);

  // Once deleted, the tab has nothing more to announce.
  expect((await meOf(fresh.mentee.userId)).find((p) => p.pairId === fresh.pair.id)?.contentDeletesAt).toBe(null);

  // Who changed the dates and the retention, and who ended the pairs, is on record.
  const audit = await request(t.app).get(`/api/programs/${programId}/audit`).set(admin());
  expect(audit.status).toBe(200);
  const entries = audit.body.entries as {
    action: string;
    actor: { id: string };
    changes?: { field: string; from: unknown; to: unknown }[];
    target?: { pairId?: string };
  }[];
  const settings = entries.find((e) => e.action === 'program.update');
  expect(settings?.actor.id).toBe(adminOf().userId);
  expect(settings?.changes).toEqual(
    expect.arrayContaining([
      { field: 'endsOn', from: '2026-12-31', to: yesterday() },
      { field: 'retentionDays', from: 180, to: 30 },
    ]),
  );
  expect(
    entries
      .filter((e) => e.action === 'pair.statusChange')
      .map((e) => e.target?.pairId)
      .sort(),
  ).toEqual([ended.pair.id, fresh.pair.id].sort());
  expect(entries.some((e) => e.action === 'retention.deleted' && e.target?.pairId === fresh.pair.id)).toBe(true);
  // The audit never holds content.
  expect(JSON.stringify(entries)).not.toContain('OFF THE RECORD');
}, 120_000);
