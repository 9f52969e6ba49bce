// The curl walkthrough of the foundation, over HTTP against the real app and store:
// programme → participants → pair → session → agenda → notes → takeaway → consent → insights.
import request from 'supertest';
import { buildTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
let admin: string;
let mentor: string;
let mentee: string;
let outsider: string;

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await buildTestApp();
  [admin, mentor, mentee, outsider] = await Promise.all([
    t.tokenFor({ userId: 'hr-admin', name: 'Avery Admin', roles: ['ProgramAdmin'] }),
    t.tokenFor({ userId: 'priya', name: 'Priya Patel' }),
    t.tokenFor({ userId: 'dana', name: 'Dana Whitfield' }),
    t.tokenFor({ userId: 'eve', name: 'Eve Outsider' }),
  ]);
});
afterAll(() => t.stop());

describe('a pair from programme set-up to a shared takeaway', () => {
  let programId: string;
  let pairId: string;
  let sessionId: string;

  test('requires authentication', async () => {
    const res = await request(t.app).get('/api/me');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  test('a programme admin sets up a programme with two participants and pairs them', async () => {
    const program = await request(t.app)
      .post('/api/programs')
      .set(auth(admin))
      .send({
        name: 'Digital Fluency',
        objectives: ['AI fluency'],
        startsOn: '2026-11-01',
        endsOn: '2027-04-30',
      });
    expect(program.status).toBe(201);
    expect(program.body).toMatchObject({ name: 'Digital Fluency', cadenceDays: 14, programLearningsEnabled: true });
    programId = program.body.id;

    for (const p of [
      { id: 'priya', name: 'Priya Patel', role: 'mentor', skills: ['generative AI'], interests: ['governance'] },
      { id: 'dana', name: 'Dana Whitfield', role: 'mentee', skills: ['governance'], interests: ['generative AI'] },
    ]) {
      const res = await request(t.app).post(`/api/programs/${programId}/participants`).set(auth(admin)).send(p);
      expect(res.status).toBe(201);
    }
    const suggestion = await request(t.app)
      .post(`/api/programs/${programId}/matches/suggest`)
      .set(auth(admin))
      .send({});
    expect(suggestion.status).toBe(200);
    expect(suggestion.body.pairs).toEqual([expect.objectContaining({ mentorId: 'priya', menteeId: 'dana', score: 3 })]);
    expect(suggestion.body.pairs[0].reasons.join(' ')).toMatch(/generative AI/);

    const pair = await request(t.app)
      .post(`/api/programs/${programId}/pairs`)
      .set(auth(admin))
      .send({ mentorId: 'priya', menteeId: 'dana' });
    expect(pair.status).toBe(201);
    pairId = pair.body.id;
    expect(pair.body.mentor).toEqual({ id: 'priya', name: 'Priya Patel' });

    const again = await request(t.app)
      .post(`/api/programs/${programId}/pairs`)
      .set(auth(admin))
      .send({ mentorId: 'priya', menteeId: 'dana' });
    expect(again.status).toBe(409);

    const after = await request(t.app).post(`/api/programs/${programId}/matches/suggest`).set(auth(admin)).send({});
    expect(after.body.pairs).toEqual([]);
  });

  test('a participant reads the programme; a non-admin cannot create one', async () => {
    expect((await request(t.app).get(`/api/programs/${programId}`).set(auth(mentee))).status).toBe(200);
    expect((await request(t.app).get(`/api/programs/${programId}`).set(auth(outsider))).status).toBe(404);
    expect(
      (
        await request(t.app)
          .post('/api/programs')
          .set(auth(mentor))
          .send({ name: 'x', startsOn: '2026-01-01', endsOn: '2026-02-01' })
      ).status,
    ).toBe(403);
    expect(
      (
        await request(t.app)
          .post(`/api/programs/${programId}/pairs`)
          .set(auth(mentee))
          .send({ mentorId: 'priya', menteeId: 'dana' })
      ).status,
    ).toBe(403);
  });

  test('both members see the pair in /api/me, with the partner', async () => {
    const me = await request(t.app).get('/api/me').set(auth(mentee));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: 'dana', name: 'Dana Whitfield', roles: [] });
    expect(me.body.pairs).toEqual([
      expect.objectContaining({
        pairId,
        programId,
        role: 'mentee',
        partner: { id: 'priya', name: 'Priya Patel' },
        nextSession: null,
      }),
    ]);
    const other = await request(t.app).get('/api/me').set(auth(outsider));
    expect(other.body.pairs).toEqual([]);
  });

  test('each member accepts the confidentiality agreement once; outsiders cannot', async () => {
    const first = await request(t.app).post(`/api/pairs/${pairId}/acknowledgement`).set(auth(mentee));
    expect(first.status).toBe(200);
    expect(first.body.confidentialityAcknowledged).toEqual({ mentor: false, mentee: true });
    const again = await request(t.app).post(`/api/pairs/${pairId}/acknowledgement`).set(auth(mentee));
    expect(again.body.etag).toBe(first.body.etag);
    const both = await request(t.app).post(`/api/pairs/${pairId}/acknowledgement`).set(auth(mentor));
    expect(both.body.confidentialityAcknowledged).toEqual({ mentor: true, mentee: true });
    expect((await request(t.app).post(`/api/pairs/${pairId}/acknowledgement`).set(auth(outsider))).status).toBe(404);
  });

  test('the mentor schedules a session with a time-zone offset; it is stored in UTC and becomes the next session', async () => {
    const res = await request(t.app).post(`/api/pairs/${pairId}/sessions`).set(auth(mentor)).send({
      scheduledAt: '2099-03-10T16:00:00+01:00',
      durationMinutes: 45,
      meetingId: 'MCMxOTptZWV0aW5nX3Rlc3Q=',
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/x',
    });
    expect(res.status).toBe(201);
    expect(res.body.scheduledAt).toBe('2099-03-10T15:00:00.000Z');
    sessionId = res.body.id;

    const agenda = await request(t.app)
      .post(`/api/pairs/${pairId}/sessions/${sessionId}/agenda`)
      .set(auth(mentee))
      .send({ title: 'Copilot in Excel', minutes: 15 });
    expect(agenda.status).toBe(201);
    expect(agenda.body.session.agenda).toEqual([
      expect.objectContaining({ title: 'Copilot in Excel', minutes: 15, done: false }),
    ]);

    const tick = await request(t.app)
      .patch(`/api/pairs/${pairId}/sessions/${sessionId}/agenda/${agenda.body.item.id}`)
      .set(auth(mentor))
      .set('If-Match', agenda.body.session.etag)
      .send({ done: true });
    expect(tick.status).toBe(200);
    expect(tick.body.item.done).toBe(true);

    const me = await request(t.app).get('/api/me').set(auth(mentee));
    expect(me.body.pairs[0].nextSession).toMatchObject({
      id: sessionId,
      scheduledAt: '2099-03-10T15:00:00.000Z',
      durationMinutes: 45,
    });

    const meeting = await request(t.app)
      .get(`/api/meetings/${encodeURIComponent('MCMxOTptZWV0aW5nX3Rlc3Q=')}`)
      .set(auth(mentee));
    expect(meeting.body).toEqual({ meetingId: 'MCMxOTptZWV0aW5nX3Rlc3Q=', pairId, sessionId });
    expect(
      (
        await request(t.app)
          .get(`/api/meetings/${encodeURIComponent('MCMxOTptZWV0aW5nX3Rlc3Q=')}`)
          .set(auth(outsider))
      ).status,
    ).toBe(404);
  });

  test('notes: private by default; a pair note is read and written by both; only its author changes its level', async () => {
    const privateNote = await request(t.app)
      .post(`/api/pairs/${pairId}/sessions/${sessionId}/notes`)
      .set(auth(mentor))
      .send({ body: 'Dana prefers demos.' });
    expect(privateNote.status).toBe(201);
    expect(privateNote.body.visibility).toBe('private');
    const pairNote = await request(t.app)
      .post(`/api/pairs/${pairId}/sessions/${sessionId}/notes`)
      .set(auth(mentor))
      .send({ body: 'Try Copilot on the board pack.', visibility: 'pair' });
    expect(pairNote.status).toBe(201);

    const menteeView = await request(t.app).get(`/api/pairs/${pairId}/sessions/${sessionId}/notes`).set(auth(mentee));
    expect(menteeView.body.notes.map((n: { body: string }) => n.body)).toEqual(['Try Copilot on the board pack.']);
    const mentorView = await request(t.app).get(`/api/pairs/${pairId}/sessions/${sessionId}/notes`).set(auth(mentor));
    expect(mentorView.body.notes).toHaveLength(2);

    const partnerEdit = await request(t.app)
      .patch(`/api/pairs/${pairId}/sessions/${sessionId}/notes/${pairNote.body.id}`)
      .set(auth(mentee))
      .set('If-Match', pairNote.body.etag)
      .send({ body: 'Try Copilot on the board pack. Dana: and the forecast.' });
    expect(partnerEdit.status).toBe(200);
    expect(partnerEdit.body.authorId).toBe(pairNote.body.authorId);
    const partnerHides = await request(t.app)
      .patch(`/api/pairs/${pairId}/sessions/${sessionId}/notes/${pairNote.body.id}`)
      .set(auth(mentee))
      .set('If-Match', partnerEdit.body.etag)
      .send({ visibility: 'private' });
    expect(partnerHides.status).toBe(403);
    const hidden = await request(t.app)
      .patch(`/api/pairs/${pairId}/sessions/${sessionId}/notes/${privateNote.body.id}`)
      .set(auth(mentee))
      .set('If-Match', privateNote.body.etag)
      .send({ body: 'changed' });
    expect(hidden.status).toBe(404);

    const edit = await request(t.app)
      .patch(`/api/pairs/${pairId}/sessions/${sessionId}/notes/${privateNote.body.id}`)
      .set(auth(mentor))
      .set('If-Match', privateNote.body.etag)
      .send({ body: 'Dana prefers live demos.' });
    expect(edit.status).toBe(200);
    expect(edit.body.body).toBe('Dana prefers live demos.');
  });

  test('a programme takeaway waits for the partner, is redacted for the programme, and shows only after consent', async () => {
    const text = 'Dana Whitfield will pilot Copilot; mail dana@contoso.example about the $40,000 budget.';
    const created = await request(t.app)
      .post(`/api/pairs/${pairId}/sessions/${sessionId}/takeaways`)
      .set(auth(mentor))
      .send({ text, visibility: 'program' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'awaitingConsent',
      visibility: 'private',
      requestedVisibility: 'program',
    });
    expect(created.body.findings.map((f: { kind: string }) => f.kind).sort()).toEqual(['contact', 'money', 'person']);
    expect(created.body.programText).not.toMatch(/Dana|dana@|40,000/);

    const before = await request(t.app).get(`/api/pairs/${pairId}`).set(auth(mentee));
    expect(before.body.takeaways).toEqual([]);
    expect(before.body.awaitingYourConsent).toEqual([expect.objectContaining({ id: created.body.id, text })]);
    const authorView = await request(t.app).get(`/api/pairs/${pairId}`).set(auth(mentor));
    expect(authorView.body.takeaways.map((x: { id: string }) => x.id)).toEqual([created.body.id]);
    expect(authorView.body.awaitingYourConsent).toEqual([]);

    const selfConsent = await request(t.app)
      .post(`/api/pairs/${pairId}/takeaways/${created.body.id}/consent`)
      .set(auth(mentor))
      .send({ approve: true });
    expect(selfConsent.status).toBe(403);
    const outsiderConsent = await request(t.app)
      .post(`/api/pairs/${pairId}/takeaways/${created.body.id}/consent`)
      .set(auth(outsider))
      .send({ approve: true });
    expect(outsiderConsent.status).toBe(404);

    const approved = await request(t.app)
      .post(`/api/pairs/${pairId}/takeaways/${created.body.id}/consent`)
      .set(auth(mentee))
      .send({ approve: true });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'shared', visibility: 'program' });
    const repeat = await request(t.app)
      .post(`/api/pairs/${pairId}/takeaways/${created.body.id}/consent`)
      .set(auth(mentee))
      .send({ approve: true });
    expect(repeat.status).toBe(200);
    const reverse = await request(t.app)
      .post(`/api/pairs/${pairId}/takeaways/${created.body.id}/consent`)
      .set(auth(mentee))
      .send({ approve: false });
    expect(reverse.status).toBe(409);

    const after = await request(t.app).get(`/api/pairs/${pairId}`).set(auth(mentee));
    expect(after.body.takeaways).toEqual([expect.objectContaining({ id: created.body.id, text, status: 'shared' })]);
    expect(after.headers['x-store-round-trips']).toBe('1'); // the pair and its content in one single-partition query
  });

  test('a declined takeaway stays with its author', async () => {
    const created = await request(t.app)
      .post(`/api/pairs/${pairId}/sessions/${sessionId}/takeaways`)
      .set(auth(mentee))
      .send({ text: 'Priya wants to move teams.', visibility: 'pair' });
    const declined = await request(t.app)
      .post(`/api/pairs/${pairId}/takeaways/${created.body.id}/consent`)
      .set(auth(mentor))
      .send({ approve: false });
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('declined');
    const mentorView = await request(t.app).get(`/api/pairs/${pairId}`).set(auth(mentor));
    expect(mentorView.body.takeaways.map((x: { text: string }) => x.text)).not.toContain('Priya wants to move teams.');
    const menteeView = await request(t.app).get(`/api/pairs/${pairId}`).set(auth(mentee));
    expect(menteeView.body.takeaways).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: 'Priya wants to move teams.', status: 'declined', visibility: 'private' }),
      ]),
    );
  });

  test('goals and commitments: both sides of the ledger, ETag-safe updates', async () => {
    const goal = await request(t.app)
      .post(`/api/pairs/${pairId}/goals`)
      .set(auth(mentee))
      .send({ title: 'Draft a board paper with AI', successMeasure: 'Two papers by March', owner: 'mentee' });
    expect(goal.status).toBe(201);
    expect(goal.body).toMatchObject({ progress: 0, status: 'notStarted' });
    const update = await request(t.app)
      .patch(`/api/pairs/${pairId}/goals/${goal.body.id}`)
      .set(auth(mentor))
      .set('If-Match', goal.body.etag)
      .send({ status: 'achieved' });
    expect(update.status).toBe(200);
    expect(update.body).toMatchObject({ status: 'achieved', progress: 100 });

    const commitment = await request(t.app)
      .post(`/api/pairs/${pairId}/commitments`)
      .set(auth(mentor))
      .send({ text: 'Use Copilot weekly', dueDate: '2099-04-01', sessionId });
    expect(commitment.status).toBe(201);
    expect(commitment.body.ownerId).toBe('dana');
    const kept = await request(t.app)
      .patch(`/api/pairs/${pairId}/commitments/${commitment.body.id}`)
      .set(auth(mentee))
      .set('If-Match', commitment.body.etag)
      .send({ status: 'kept', evidence: 'Used it for the Q3 pack' });
    expect(kept.body.status).toBe('kept');

    const dashboard = await request(t.app).get(`/api/pairs/${pairId}`).set(auth(mentee));
    expect(dashboard.body.goals.map((g: { id: string }) => g.id)).toEqual([goal.body.id]);
    expect(dashboard.body.nextSession).toMatchObject({ id: sessionId });
    expect(dashboard.body.commitments).toEqual([expect.objectContaining({ status: 'kept' })]);
  });

  test('insights withhold every figure of a single pair, and programme admins never reach pair content', async () => {
    const insights = await request(t.app).get(`/api/programs/${programId}/insights`).set(auth(admin));
    expect(insights.status).toBe(200);
    expect(insights.body.pairCount).toBe(1);
    for (const figure of ['pairs', 'sessions', 'cadence', 'goals', 'commitments', 'feedback', 'learnings'])
      expect({ figure, ...insights.body[figure] }).toEqual({
        figure,
        shown: false,
        reason: expect.stringContaining('fewer than 5 pairs'),
      });
    expect((await request(t.app).get(`/api/pairs/${pairId}`).set(auth(admin))).status).toBe(404);
    expect((await request(t.app).get(`/api/programs/${programId}/insights`).set(auth(mentee))).status).toBe(403);
  });
});

describe('insights over five pairs', () => {
  test('show aggregates and redacted learnings without authors once five pairs contributed', async () => {
    const program = await request(t.app)
      .post('/api/programs')
      .set(auth(admin))
      .send({ name: 'Big', startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const programId = program.body.id;
    const tokens: { mentor: string; mentee: string; pairId: string }[] = [];
    for (let i = 0; i < 5; i++) {
      await request(t.app)
        .post(`/api/programs/${programId}/participants`)
        .set(auth(admin))
        .send({ id: `m${i}`, name: `Mentor Number${i}`, role: 'mentor' });
      await request(t.app)
        .post(`/api/programs/${programId}/participants`)
        .set(auth(admin))
        .send({ id: `e${i}`, name: `Exec Number${i}`, role: 'mentee' });
      const pair = await request(t.app)
        .post(`/api/programs/${programId}/pairs`)
        .set(auth(admin))
        .send({ mentorId: `m${i}`, menteeId: `e${i}` });
      tokens.push({
        mentor: await t.tokenFor({ userId: `m${i}` }),
        mentee: await t.tokenFor({ userId: `e${i}` }),
        pairId: pair.body.id,
      });
    }
    // Every pair meets and shares a learning; the first pair's is the one to look at.
    const learnings = [];
    for (const [i, { mentor, pairId: id }] of tokens.entries()) {
      const held = await request(t.app)
        .post(`/api/pairs/${id}/sessions`)
        .set(auth(mentor))
        .send({ scheduledAt: '2099-01-01T10:00:00Z', durationMinutes: 30 });
      learnings.push(
        await request(t.app)
          .post(`/api/pairs/${id}/sessions/${held.body.id}/takeaways`)
          .set(auth(mentor))
          .send({
            text:
              i === 0
                ? 'Exec Number0 learns fastest from live demos; call +44 20 7946 0958.'
                : `Pair ${i} learned something`,
            visibility: 'program',
          }),
      );
    }
    const { mentor: m0, pairId } = tokens[0]!;
    const session = { body: { id: learnings[0]!.body.sessionId as string } };
    const learning = learnings[0]!;
    await request(t.app)
      .post(`/api/pairs/${pairId}/sessions/${session.body.id}/takeaways`)
      .set(auth(m0))
      .send({ text: 'secret pair text', visibility: 'pair' });
    await request(t.app)
      .post(`/api/pairs/${pairId}/sessions/${session.body.id}/notes`)
      .set(auth(m0))
      .send({ body: 'secret note body' });

    const pending = await request(t.app).get(`/api/programs/${programId}/insights`).set(auth(admin));
    expect(pending.body.learnings).toMatchObject({ shown: false });

    for (const [i, { mentee, pairId: id }] of tokens.entries())
      await request(t.app)
        .post(`/api/pairs/${id}/takeaways/${learnings[i]!.body.id}/consent`)
        .set(auth(mentee))
        .send({ approve: true });
    const insights = await request(t.app).get(`/api/programs/${programId}/insights`).set(auth(admin));
    expect(insights.body).toMatchObject({ pairCount: 5, sessions: { shown: true, pairs: 5, value: { planned: 5 } } });
    expect(insights.body.learnings).toMatchObject({ shown: true, pairs: 5 });
    expect(insights.body.learnings.value).toHaveLength(5);
    expect(insights.body.learnings.value.map((l: { text: string }) => l.text).join('\n')).toMatch(
      /learns fastest from live demos/,
    );
    const raw = JSON.stringify(insights.body);
    for (const leak of ['Exec Number0', '7946', 'secret pair text', 'secret note body', 'm0', learning.body.id])
      expect(raw).not.toContain(leak);
  });
});
