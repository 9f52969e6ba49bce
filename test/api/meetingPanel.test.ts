// What the meeting side panel needs from the API: conditional GETs for polling (ETag, If-None-Match → 304),
// agenda item timers on the server's clock, and note text stored exactly as typed.
import { createHash } from 'node:crypto';
import request from 'supertest';
import { buildPair, type BuiltPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
let built: BuiltPair;
let mentor: string;
let mentee: string;
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await buildTestApp();
  built = await buildPair(t.services.store);
  mentor = await t.tokenFor({ userId: built.mentor.userId, name: built.mentor.name });
  mentee = await t.tokenFor({ userId: built.mentee.userId, name: built.mentee.name });
});

afterAll(() => t.stop());

test('requires authentication', async () => {
  expect((await request(t.app).get(`/api/pairs/${built.pair.id}/sessions/${built.session.id}/notes`)).status).toBe(401);
});

const addAgendaItem = () =>
  request(t.app)
    .post(`/api/pairs/${built.pair.id}/sessions/${built.session.id}/agenda`)
    .set(auth(mentor))
    .send({ title: `item ${Math.random()}` })
    .expect(201);
const addPairNote = () =>
  request(t.app)
    .post(`/api/pairs/${built.pair.id}/sessions/${built.session.id}/notes`)
    .set(auth(mentor))
    .send({ body: `shared ${Math.random()}`, visibility: 'pair' })
    .expect(201);

test.each([
  ['dashboard', () => `/api/pairs/${built.pair.id}`, addAgendaItem],
  ['session notes', () => `/api/pairs/${built.pair.id}/sessions/${built.session.id}/notes`, addPairNote],
])(
  '%s: an unchanged resource answers 304 to its ETag, a changed one 200 with a new ETag',
  async (_name, path, change) => {
    const first = await request(t.app).get(path()).set(auth(mentee));
    expect(first.status).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    // The ETag hashes exactly the bytes sent, which are the JSON body.
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(etag).toBe(`"${createHash('sha256').update(first.text).digest('base64url').slice(0, 32)}"`);

    const again = await request(t.app).get(path()).set(auth(mentee)).set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);

    await change();
    const changed = await request(t.app).get(path()).set(auth(mentee)).set('If-None-Match', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  },
);

test('the ETag is per caller: the partner’s private note changes the author’s notes, not the partner’s view', async () => {
  const path = `/api/pairs/${built.pair.id}/sessions/${built.session.id}/notes`;
  const before = (await request(t.app).get(path).set(auth(mentee))).headers.etag as string;
  await request(t.app).post(path).set(auth(mentor)).send({ body: 'private thought' }).expect(201);
  expect((await request(t.app).get(path).set(auth(mentee)).set('If-None-Match', before)).status).toBe(304);
});

test('agenda timers: start runs one item at a time, stop and tick add up the seconds', async () => {
  const base = `/api/pairs/${built.pair.id}/sessions/${built.session.id}/agenda`;
  let session = (await request(t.app).post(base).set(auth(mentor)).send({ title: 'First' })).body.session;
  session = (await request(t.app).post(base).set(auth(mentor)).send({ title: 'Second' })).body.session;
  const [first, second] = session.agenda as Array<{ id: string }>;

  let res = await request(t.app)
    .patch(`${base}/${first!.id}`)
    .set(auth(mentor))
    .set('If-Match', session.etag)
    .send({ timer: 'start' });
  expect(res.status).toBe(200);
  expect(res.body.item.startedAt).toEqual(expect.any(String));
  res = await request(t.app)
    .patch(`${base}/${second!.id}`)
    .set(auth(mentee))
    .set('If-Match', res.body.session.etag)
    .send({ timer: 'start' });
  const [a, b] = res.body.session.agenda;
  expect(a.startedAt).toBeUndefined();
  expect(a.elapsedSeconds).toBeGreaterThanOrEqual(0);
  expect(b.startedAt).toEqual(expect.any(String));

  res = await request(t.app)
    .patch(`${base}/${second!.id}`)
    .set(auth(mentee))
    .set('If-Match', res.body.session.etag)
    .send({ done: true });
  expect(res.body.item).toMatchObject({ done: true, elapsedSeconds: expect.any(Number) });
  expect(res.body.item.startedAt).toBeUndefined();

  const bad = await request(t.app)
    .patch(`${base}/${first!.id}`)
    .set(auth(mentor))
    .set('If-Match', res.body.session.etag)
    .send({ timer: 'pause' });
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].field).toBe('timer');
});

test('note text is stored exactly as typed, trailing spaces and line breaks included; a blank note is refused', async () => {
  const path = `/api/pairs/${built.pair.id}/sessions/${built.session.id}/notes`;
  const body = '  Indented line\nsecond line ends with a space ';
  const created = await request(t.app).post(path).set(auth(mentor)).send({ body });
  expect(created.body.body).toBe(body);
  const blank = await request(t.app)
    .patch(`${path}/${created.body.id}`)
    .set(auth(mentor))
    .set('If-Match', created.body.etag)
    .send({ body: '   ' });
  expect(blank.status).toBe(400);
  expect(blank.body.errors[0].field).toBe('body');
});
