// The partner's consent shows what leaves and may only take words away: over HTTP against the real
// app and store. The attack: an approval that sneaks words into the programme copy.
import request from 'supertest';
import { buildTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
let admin: string;
let mentor: string;
let mentee: string;
let pairId: string;
let sessionId: string;
let programId: string;

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await buildTestApp();
  [admin, mentor, mentee] = await Promise.all([
    t.tokenFor({ userId: 'hr-admin', name: 'Avery Admin', roles: ['ProgramAdmin'] }),
    t.tokenFor({ userId: 'priya', name: 'Priya Patel' }),
    t.tokenFor({ userId: 'dana', name: 'Dana Whitfield' }),
  ]);
  const program = await request(t.app)
    .post('/api/programs')
    .set(auth(admin))
    .send({ name: 'Consent', startsOn: '2026-01-01', endsOn: '2026-12-31' });
  programId = program.body.id;
  await request(t.app)
    .post(`/api/programs/${programId}/participants`)
    .set(auth(admin))
    .send({ id: 'priya', name: 'Priya Patel', role: 'mentor' });
  await request(t.app)
    .post(`/api/programs/${programId}/participants`)
    .set(auth(admin))
    .send({ id: 'dana', name: 'Dana Whitfield', role: 'mentee' });
  pairId = (
    await request(t.app)
      .post(`/api/programs/${programId}/pairs`)
      .set(auth(admin))
      .send({ mentorId: 'priya', menteeId: 'dana' })
  ).body.id;
  sessionId = (
    await request(t.app)
      .post(`/api/pairs/${pairId}/sessions`)
      .set(auth(mentor))
      .send({ scheduledAt: '2099-01-01T10:00:00Z', durationMinutes: 30 })
  ).body.id;
});
afterAll(() => t.stop());

const write = async (text: string, visibility: 'pair' | 'program') => {
  const res = await request(t.app)
    .post(`/api/pairs/${pairId}/sessions/${sessionId}/takeaways`)
    .set(auth(mentor))
    .send({ text, visibility });
  expect(res.status).toBe(201);
  return res.body as { id: string; programText?: string; findings: { kind: string; reason: string }[] };
};
const consent = (id: string, body: object) =>
  request(t.app).post(`/api/pairs/${pairId}/takeaways/${id}/consent`).set(auth(mentee)).send(body);

describe('consent with the partner’s redactions', () => {
  test('the programme copy is proposed with findings, categories and reasons', async () => {
    const created = await write('Tomasz Nowak has diabetes; ring him on +44 20 7946 0958 about the pilot.', 'program');
    expect(created.programText).toBe('[name] has [health]; ring him on [phone] about the pilot.');
    expect(created.findings.map((f) => [f.kind, f.reason])).toEqual([
      ['person', 'givenName'],
      ['health', 'condition'],
      ['contact', 'phone'],
    ]);
  });

  test('an approval may redact more words; both members then see the approved text', async () => {
    const created = await write('Priya learned that the Leeds pilot works best with live demos.', 'program');
    expect(created.programText).toBe('[name] learned that the Leeds pilot works best with live demos.');
    const finalText = '[name] learned that the [redacted] pilot works best with live demos.';
    const approved = await consent(created.id, { approve: true, finalText });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'shared', programText: finalText, sharedText: finalText });
    for (const token of [mentor, mentee]) {
      const view = await request(t.app).get(`/api/pairs/${pairId}`).set(auth(token));
      expect(view.body.takeaways).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: created.id, sharedText: finalText, programText: finalText }),
        ]),
      );
    }
  });

  test('a pair-level approval keeps the author’s text and shares the redacted one', async () => {
    const created = await write('The Leeds office feels tense this month.', 'pair');
    const approved = await consent(created.id, {
      approve: true,
      finalText: 'The [redacted] office feels tense this month.',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      text: 'The Leeds office feels tense this month.',
      sharedText: 'The [redacted] office feels tense this month.',
    });
  });

  test.each([
    ['adds a word', '[name] learned that the Leeds pilot works best with live demos, says Dana Whitfield.'],
    ['replaces a word by another', '[name] learned that the Leeds pilot fails with live demos.'],
    ['un-redacts a finding', 'Priya learned that the Leeds pilot works best with live demos.'],
    ['hides a word inside a label', '[name] learned that the [Dana Whitfield] pilot works best with live demos.'],
    ['reorders words', '[name] learned that the pilot Leeds works best with live demos.'],
  ])('an approval that %s is refused and publishes nothing', async (_label, finalText) => {
    const created = await write('Priya learned that the Leeds pilot works best with live demos.', 'program');
    const attack = await consent(created.id, { approve: true, finalText });
    expect(attack.status).toBe(400);
    expect(attack.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(attack.body)).toMatch(/finalText/);
    const after = await request(t.app).get(`/api/pairs/${pairId}`).set(auth(mentee));
    expect(after.body.awaitingYourConsent).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: created.id, status: 'awaitingConsent' })]),
    );
  });
});

describe('the author’s region', () => {
  test('a national number is read in the region of Accept-Language (the Teams locale)', async () => {
    const text = 'Ring Tomasz on 020 7946 0958 before the workshop.';
    const us = await request(t.app).post(`/api/pairs/${pairId}/findings`).set(auth(mentor)).send({ text });
    const gb = await request(t.app)
      .post(`/api/pairs/${pairId}/findings`)
      .set(auth(mentor))
      .set('Accept-Language', 'en-GB')
      .send({ text });
    const contact = (res: request.Response) =>
      res.body.findings.filter((f: { kind: string }) => f.kind === 'contact').map((f: { text: string }) => f.text);
    expect(contact(us)).toEqual([]);
    expect(contact(gb)).toEqual(['020 7946 0958']);
  });
});
