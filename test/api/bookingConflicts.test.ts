// Booking flags a time that clashes with the caller's sessions in their other pairs: the availability answer
// lists those sessions (times only, no partner), never this pair's own, never another person's.
import request from 'supertest';
import { sessionScheduler } from '../../bot/src/commands/sessionScheduler';
import { buildPair, buildRunningProgram } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.stop());

test('the availability answer lists the caller’s sessions in their other pairs, as times only', async () => {
  const { store } = t.services;
  const here = await buildPair(store, { program: await buildRunningProgram(store) });
  // The same mentor in a second programme's pair, with a session in three days.
  const elsewhere = await buildPair(store, { program: await buildRunningProgram(store), mentorId: here.mentor.userId });
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000);
  inThreeDays.setUTCHours(10, 0, 0, 0);
  await sessionScheduler(store, elsewhere.mentee, elsewhere.pair, {
    scheduledAt: inThreeDays.toISOString(),
    durationMinutes: 60,
  });
  // A session of a pair the mentor is not in never shows.
  const stranger = await buildPair(store, { program: here.program });
  await sessionScheduler(store, stranger.mentor, stranger.pair, {
    scheduledAt: new Date(inThreeDays.getTime() + 86_400_000).toISOString(),
    durationMinutes: 30,
  });

  const token = await t.tokenFor({ userId: here.mentor.userId, name: here.mentor.name });
  const res = await request(t.app)
    .post(`/api/pairs/${here.pair.id}/availability`)
    .set('Authorization', `Bearer ${token}`)
    .send({});
  expect(res.status).toBe(200);
  // The other pair: its factory session (tomorrow) and the one in three days; not this pair's own, not the stranger's.
  const other = res.body.yourOtherSessions as { start: string; end: string }[];
  expect(other).toContainEqual({
    start: inThreeDays.toISOString(),
    end: new Date(inThreeDays.getTime() + 3_600_000).toISOString(),
  });
  expect(other.map((o) => o.start)).toEqual([elsewhere.session.scheduledAt, inThreeDays.toISOString()]);
  expect(other.map((o) => o.start)).not.toContain(here.session.scheduledAt);
  expect(JSON.stringify(res.body)).not.toContain(elsewhere.mentee.name);

  // The executive of this pair is in no other pair: nothing to clash with.
  const execToken = await t.tokenFor({ userId: here.mentee.userId, name: here.mentee.name });
  const exec = await request(t.app)
    .post(`/api/pairs/${here.pair.id}/availability`)
    .set('Authorization', `Bearer ${execToken}`)
    .send({});
  expect(exec.body.yourOtherSessions).toEqual([]);
});
