// Hostile request bodies against the real app: NoSQL- and SQL-shaped values, prototype-pollution keys,
// 10 MB bodies, deeply nested JSON and unicode edge cases. Never a 5xx; a refusal is problem+json naming
// the field; what is accepted is stored and read back exactly; Object.prototype stays clean.
import request from 'supertest';
import { expectProblem } from '../support/apiContract';
import { buildPair, buildNote, type BuiltPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';
import { SLOW_MACHINE_TIMEOUT_MS } from '../support/slowProxy';

let app: TestApp;
let built: BuiltPair;
let mentor: string;
let mentee: string;
let partnerNote: string;
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000', COSMOS_TIMEOUT_MS: SLOW_MACHINE_TIMEOUT_MS });
  built = await buildPair(app.services.store);
  mentor = await app.tokenFor({ userId: built.mentor.userId, name: built.mentor.name });
  mentee = await app.tokenFor({ userId: built.mentee.userId, name: built.mentee.name });
  partnerNote = (await buildNote(app.services.store, built, built.mentee, 'private', 'the executive’s private thought'))
    .id;
});

afterAll(async () => {
  await app?.stop();
});

const notesPath = () => `/api/pairs/${built.pair.id}/sessions/${built.session.id}/notes`;
const postNote = (raw: string, token = mentor) =>
  request(app.app)
    .post(notesPath())
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'application/json')
    .send(raw);
const readNotes = async (token = mentor) => {
  const res = await request(app.app).get(notesPath()).set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return res.body.notes as Array<{ id: string; body: string; visibility: string }>;
};

function expectPrototypeClean(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'isAdmin', 'visibility', 'status', 'roles']) expect(probe[key]).toBeUndefined();
}

describe('NoSQL- and SQL-shaped values', () => {
  test.each([
    ['operator object as text', '{"body":{"$ne":null},"visibility":"private"}', 'body'],
    ['operator object as level', '{"body":"x","visibility":{"$in":["private","pair"]}}', 'visibility'],
    ['$where', '{"body":{"$where":"this.visibility == \'private\'"}}', 'body'],
    ['array for a string', '{"body":["$ne",1]}', 'body'],
  ])('%s is refused with 400 naming the field', async (_label, raw, field) => {
    const problem = expectProblem(await postNote(raw), 400);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
  });

  test.each([`x' OR 1=1 --`, `" OR c.authorId != "`, `{"$ne":""}`, `*`, `../${'..'}/etc/passwd`, `1; SELECT * FROM c`])(
    'as a path id, %s finds nothing and reveals nothing',
    async (hostileId) => {
      for (const path of [
        `/api/pairs/${encodeURIComponent(hostileId)}`,
        `/api/pairs/${built.pair.id}/sessions/${encodeURIComponent(hostileId)}/notes`,
      ]) {
        const res = await request(app.app).get(path).set('Authorization', `Bearer ${mentor}`);
        expect([400, 404]).toContain(res.status);
        expectProblem(res, res.status);
        expect(res.text).not.toContain('private thought');
      }
    },
  );

  test('query-shaped text is stored as text and the partner’s private note stays hidden', async () => {
    const body = `" OR c.visibility = "private" OR "" = "`;
    const created = await postNote(JSON.stringify({ body, visibility: 'pair' }));
    expect(created.status).toBe(201);
    const notes = await readNotes();
    expect(notes.find((n) => n.id === created.body.id)?.body).toBe(body);
    expect(notes.map((n) => n.id)).not.toContain(partnerNote);
  });
});

describe('prototype-pollution keys', () => {
  test.each([
    ['__proto__', '{"__proto__":{"polluted":"yes","visibility":"pair"},"body":"proto 1"}'],
    ['constructor.prototype', '{"constructor":{"prototype":{"polluted":"yes","isAdmin":true}},"body":"proto 2"}'],
    ['nested __proto__', '{"body":"proto 3","visibility":"private","extra":{"__proto__":{"roles":["ProgramAdmin"]}}}'],
    ['__proto__ as the level', '{"body":"proto 4","visibility":"__proto__"}'],
  ])('%s pollutes nothing and adds nothing to the stored note', async (_label, raw) => {
    const res = await postNote(raw);
    expect([201, 400]).toContain(res.status);
    if (res.status === 400) expectProblem(res, 400);
    expectPrototypeClean();
    if (res.status === 201) {
      // The smuggled level did not apply: an unspecified level is private.
      expect(res.body.visibility).toBe('private');
      const stored = await app.services.store.pairs.find(built.pair.tenantId, built.pair.id, res.body.id);
      expect(Object.keys(stored!).sort()).not.toEqual(expect.arrayContaining(['__proto__']));
      expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
      expect(JSON.stringify(stored)).not.toContain('polluted');
      expect(JSON.stringify(stored)).not.toContain('ProgramAdmin');
      // The partner does not see a private note: the smuggled level changed nothing.
      expect((await readNotes(mentee)).map((n) => n.id)).not.toContain(res.body.id);
    }
  });
});

describe('size and shape', () => {
  test('a 10 MB body gets 413 problem+json, on the API and on the bot endpoint', async () => {
    const big = JSON.stringify({ body: 'x'.repeat(10 * 1024 * 1024), visibility: 'private' });
    const api = await postNote(big);
    expectProblem(api, 413);
    const bot = await request(app.app).post('/api/messages').set('Content-Type', 'application/json').send(big);
    expect(bot.status).toBe(413);
    expect(bot.status).toBeLessThan(500);
  });

  test.each([
    ['arrays', (d: number) => `${'['.repeat(d)}${']'.repeat(d)}`],
    ['objects', (d: number) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`],
  ])('deeply nested %s (40 000 levels) are refused with 400, never a crash', async (_label, nest) => {
    const raw = `{"body":${nest(40_000)},"visibility":"private"}`;
    expect(raw.length).toBeLessThan(256 * 1024);
    const res = await postNote(raw);
    expectProblem(res, 400);
    expect((await request(app.app).get('/api/health')).status).toBe(200);
  });

  test('malformed JSON is 400 naming the body', async () => {
    for (const raw of ['{', '{"body":"x",}', '\u0000', '{"body":"\\ud800', '{"body":"x"}}']) {
      const problem = expectProblem(await postNote(raw), 400);
      expect(problem.errors?.map((e) => e.field) ?? ['body']).toContain('body');
    }
  });
});

describe('unicode edge cases', () => {
  test.each([
    ['lone high surrogate', 'before \ud800 after'],
    ['lone low surrogate', '\udc00 alone'],
    ['RTL override', 'invoice \u202Efdp.exe\u202C'],
    ['NUL and controls', 'nul\u0000 bell\u0007 esc\u001b[31m'],
    ['zero-width and BOM', '\ufeffzero\u200bwidth\u200d'],
    ['combining marks', 'Z\u0351\u0359\u0337a\u0338\u0353l\u0336g\u0335o'],
    ['astral and emoji', '𝕳𝖊𝖑𝖑𝖔 👩🏽‍💻 🏳️‍🌈'],
    ['noncharacters', '\uffff\ufffe'],
  ])('%s: accepted and read back exactly, or refused with 400', async (_label, body) => {
    const res = await postNote(JSON.stringify({ body, visibility: 'private' }));
    if (res.status === 400) {
      expect(expectProblem(res, 400).errors?.map((e) => e.field)).toContain('body');
      return;
    }
    expect(res.status).toBe(201);
    const stored = (await readNotes()).find((n) => n.id === res.body.id);
    // JSON.stringify escapes lone surrogates, so the text survives the round trip code unit for code unit
    // (surrounding whitespace may be trimmed).
    expect(stored?.body).toBe(res.body.body);
    expect([body, body.trim()]).toContain(stored?.body);
  });

  test('the store layer round-trips a lone surrogate without a 500 on the dashboard', async () => {
    const res = await request(app.app)
      .post(`/api/pairs/${built.pair.id}/goals`)
      .set('Authorization', `Bearer ${mentor}`)
      .send({ title: 'goal \ud83d tail', successMeasure: 'm \udfff', owner: 'mentor' });
    expect([201, 400]).toContain(res.status);
    const dashboard = await request(app.app)
      .get(`/api/pairs/${built.pair.id}`)
      .set('Authorization', `Bearer ${mentor}`);
    expect(dashboard.status).toBe(200);
  });
});
