// Routes on one item of a pair (a session, a goal, a note...) read the pair and the item side by side
// (loadPairAndItem). What a caller learns must stay what reading them one after the other gave: someone
// outside the pair hears only that the pair is missing, even when the item exists; an item of another pair,
// or of another kind, is missing; and nothing is written in either case.
import request from 'supertest';
import { buildNote, buildPair, type BuiltPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
let ours: BuiltPair;
let theirs: BuiltPair;
beforeAll(async () => {
  t = await buildTestApp();
  ours = await buildPair(t.services.store);
  theirs = await buildPair(t.services.store, { program: ours.program });
});
afterAll(() => t.stop());

async function writeNote(userId: string, pairId: string, sessionId: string) {
  const token = await t.tokenFor({ userId });
  return request(t.app)
    .post(`/api/pairs/${pairId}/sessions/${sessionId}/notes`)
    .set('authorization', `Bearer ${token}`)
    .send({ body: 'Written through the API', visibility: 'private' });
}

async function notesOf(built: BuiltPair): Promise<number> {
  const docs = await t.services.store.pairItems.note.query(
    built.pair.tenantId,
    { where: 'true', parameters: [] },
    built.pair.id,
  );
  return docs.length;
}

test('someone outside the pair hears that the pair is missing, though the session exists', async () => {
  const before = await notesOf(ours);
  const res = await writeNote(theirs.mentor.userId, ours.pair.id, ours.session.id);
  expect(res.status).toBe(404);
  expect(res.body.detail).toBe('The pair does not exist or you cannot see it.');
  // The same answer when the session does not exist either: the item's read says nothing before the pair's.
  const missing = await writeNote(theirs.mentor.userId, ours.pair.id, 'no-such-session');
  expect(missing.text).toBe(res.text);
  expect(await notesOf(ours)).toBe(before);
});

test('a session of another pair is missing from this one, and the note is not written in either', async () => {
  const [before, beforeTheirs] = [await notesOf(ours), await notesOf(theirs)];
  const res = await writeNote(ours.mentor.userId, ours.pair.id, theirs.session.id);
  expect(res.status).toBe(404);
  expect(res.body.detail).toBe('The session does not exist or you cannot see it.');
  expect([await notesOf(ours), await notesOf(theirs)]).toEqual([before, beforeTheirs]);
});

test('an item of another kind with that id is missing', async () => {
  const note = await buildNote(t.services.store, ours, ours.mentor, 'private');
  const res = await writeNote(ours.mentor.userId, ours.pair.id, note.id);
  expect(res.status).toBe(404);
  expect(res.body.detail).toBe('The session does not exist or you cannot see it.');
});

test('a member writes the note into the session', async () => {
  const before = await notesOf(ours);
  const res = await writeNote(ours.mentee.userId, ours.pair.id, ours.session.id);
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ sessionId: ours.session.id, body: 'Written through the API' });
  expect(await notesOf(ours)).toBe(before + 1);
});
