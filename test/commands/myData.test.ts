// Your data: export your own content as JSON and delete it (GET/DELETE /api/me/data), over HTTP against
// the real app and store; the partner's content and the shared session stay.
import request from 'supertest';
import { commitmentCreator } from '../../bot/src/commands/commitmentWriter';
import { buildGoal, buildNote, buildPair, buildTakeaway, type BuiltPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
let built: BuiltPair;
let mentorToken: string;
let menteeToken: string;
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await buildTestApp();
  built = await buildPair(t.services.store);
  const { store } = t.services;
  await buildNote(store, built, built.mentor, 'private', 'MENTOR-private-note');
  await buildNote(store, built, built.mentor, 'pair', 'MENTOR-pair-note');
  await buildTakeaway(store, built, built.mentor, 'private', 'MENTOR-takeaway');
  await buildNote(store, built, built.mentee, 'private', 'MENTEE-private-note');
  await buildGoal(store, built, built.mentee);
  await commitmentCreator(store, built.mentee, built.pair, { text: 'MENTEE-commitment' });
  mentorToken = await t.tokenFor({ userId: built.mentor.userId, name: built.mentor.name });
  menteeToken = await t.tokenFor({ userId: built.mentee.userId, name: built.mentee.name });
});
afterAll(() => t.stop());

test('requires authentication', async () => {
  expect((await request(t.app).get('/api/me/data')).status).toBe(401);
  expect((await request(t.app).delete('/api/me/data')).status).toBe(401);
});

test('the export holds my own content and never my partner’s private text', async () => {
  const res = await request(t.app).get('/api/me/data').set(auth(mentorToken));
  expect(res.status).toBe(200);
  expect(res.headers['content-disposition']).toMatch(/attachment/);
  expect(res.body.user).toEqual({ id: built.mentor.userId, tenantId: built.pair.tenantId, name: built.mentor.name });
  expect(res.body.participations).toEqual([expect.objectContaining({ userId: built.mentor.userId, role: 'mentor' })]);
  const [pair] = res.body.pairs;
  expect(pair.notes.map((n: { body: string }) => n.body).sort()).toEqual(['MENTOR-pair-note', 'MENTOR-private-note']);
  expect(pair.takeaways.map((n: { text: string }) => n.text)).toEqual(['MENTOR-takeaway']);
  expect(res.text).not.toContain('MENTEE-private-note');
  expect(res.text).not.toContain('MENTEE-commitment');
});

test('deleting removes my notes, takeaways, goals and commitments; my partner keeps theirs and the session stays', async () => {
  const res = await request(t.app).delete('/api/me/data').set(auth(menteeToken));
  expect(res.status).toBe(200);
  expect(res.body.deleted).toEqual({
    notes: 1,
    takeaways: 0,
    goals: 1,
    commitments: 1,
    feedback: 0,
    assessments: 0,
    notices: 0,
  });
  const after = await request(t.app).get('/api/me/data').set(auth(menteeToken));
  expect(after.body.pairs[0]).toMatchObject({ notes: [], goals: [], commitments: [] });
  const mentorView = await request(t.app).get('/api/me/data').set(auth(mentorToken));
  expect(mentorView.body.pairs[0].notes).toHaveLength(2);
  const dashboard = await request(t.app).get(`/api/pairs/${built.pair.id}`).set(auth(mentorToken));
  expect(dashboard.status).toBe(200);
  expect(JSON.stringify(dashboard.body)).not.toContain('MENTEE-commitment');
  expect(JSON.stringify(dashboard.body)).toContain(built.session.id);
});
