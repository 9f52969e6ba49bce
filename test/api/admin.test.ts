// The admin view's API against the real app and store: settings (If-Match), CSV import (preview, per-row
// errors, all or nothing, directory ids), matching → pairs → health, lifecycle, notices, insights and export.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { consentGranter } from '../../bot/src/commands/consentGranter';
import { goalCreator } from '../../bot/src/commands/goalWriter';
import { PROGRAM_ADMIN_ROLE, type ParticipantDoc } from '../../bot/src/domain/model';
import { expectProblem } from '../support/apiContract';
import { buildNote, buildPair, buildProgram, buildTakeaway } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
let admin: string;
let outsider: string;
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const SAMPLE = readFileSync(path.resolve(__dirname, '../../docs/samples/participants.csv'), 'utf8');
const HEADER = 'name,email,role,skills,interests,department,manager email';

beforeAll(async () => {
  t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  [admin, outsider] = await Promise.all([
    t.tokenFor({ userId: 'avery', name: 'Avery Admin', roles: [PROGRAM_ADMIN_ROLE] }),
    t.tokenFor({ userId: 'eve', name: 'Eve Outsider' }),
  ]);
});
afterAll(() => t.stop());

async function newProgram(): Promise<{ id: string; etag: string }> {
  const res = await request(t.app)
    .post('/api/programs')
    .set(auth(admin))
    .send({ name: 'Admin test', startsOn: '2026-01-01', endsOn: '2026-12-31' });
  expect(res.status).toBe(201);
  return { id: res.body.id, etag: res.headers.etag as string };
}

describe('programme settings', () => {
  test('PATCH needs If-Match (428), refuses a stale one (412) and saves with the current one', async () => {
    const program = await newProgram();
    const url = `/api/programs/${program.id}`;
    expectProblem(await request(t.app).patch(url).set(auth(admin)).send({ cadenceDays: 21 }), 428);
    const saved = await request(t.app)
      .patch(url)
      .set(auth(admin))
      .set('If-Match', program.etag)
      .send({
        cadenceDays: 21,
        topics: ['AI at work'],
        programLearningsEnabled: false,
        retentionDays: 30,
        reminderSchedule: {
          prepareHoursBefore: 48,
          startingSoonMinutesBefore: 10,
          captureTakeawaysAfterSession: false,
          stalledGraceDays: 3,
          commitmentCheckInDaysBefore: 1,
        },
      });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      cadenceDays: 21,
      topics: ['AI at work'],
      programLearningsEnabled: false,
      retentionDays: 30,
      reminderSchedule: { prepareHoursBefore: 48 },
    });
    expectProblem(
      await request(t.app).patch(url).set(auth(admin)).set('If-Match', program.etag).send({ cadenceDays: 28 }),
      412,
    );
    const bad = expectProblem(
      await request(t.app)
        .patch(url)
        .set(auth(admin))
        .set('If-Match', saved.headers.etag as string)
        .send({ endsOn: '2025-06-01' }),
      400,
    );
    expect(bad.errors).toEqual([{ field: 'endsOn', message: 'must be after startsOn' }]);
    expectProblem(
      await request(t.app)
        .patch(url)
        .set(auth(outsider))
        .set('If-Match', saved.headers.etag as string)
        .send({ cadenceDays: 28 }),
      404,
    );
  });

  test('a new programme gets the default reminder schedule', async () => {
    const program = await newProgram();
    const res = await request(t.app).get(`/api/programs/${program.id}`).set(auth(admin));
    expect(res.body.reminderSchedule).toEqual({
      prepareHoursBefore: 24,
      startingSoonMinutesBefore: 15,
      captureTakeawaysAfterSession: true,
      stalledGraceDays: 7,
      commitmentCheckInDaysBefore: 2,
    });
  });
});

describe('participants: people picker and CSV import', () => {
  test('the people picker searches the development directory', async () => {
    const program = await newProgram();
    const res = await request(t.app)
      .post(`/api/programs/${program.id}/directory/search`)
      .set(auth(admin))
      .send({ query: 'jad' });
    expect(res.status).toBe(200);
    expect(res.body.people).toEqual([
      expect.objectContaining({ id: 'jade', name: 'Jade Morel', email: 'jade@contoso.example' }),
    ]);
    expectProblem(
      await request(t.app)
        .post(`/api/programs/${program.id}/directory/search`)
        .set(auth(outsider))
        .send({ query: 'jad' }),
      404,
    );
  });

  test('a good file previews without writing, then imports every row with directory ids and reporting lines', async () => {
    const program = await newProgram();
    const url = `/api/programs/${program.id}/participants/import`;
    const preview = await request(t.app).post(url).set(auth(admin)).send({ csv: SAMPLE });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ errorCount: 0, imported: 0 });
    expect(preview.body.rows).toHaveLength(12);
    expect(preview.body.rows[0]).toMatchObject({
      line: 2,
      name: 'Jade Morel',
      userId: 'jade',
      managerId: 'henrik',
      role: 'mentor',
      skills: ['cloud', 'GitHub Copilot', 'cybersecurity'],
      errors: [],
    });
    expect(preview.body.rows[6]).toMatchObject({ name: 'Grace Liu', role: 'mentee' });
    expect(
      (await request(t.app).get(`/api/programs/${program.id}/participants`).set(auth(admin))).body.participants,
    ).toEqual([]);

    const done = await request(t.app).post(url).set(auth(admin)).send({ csv: SAMPLE, commit: true });
    expect(done.status).toBe(200);
    expect(done.body.imported).toBe(12);
    const { participants } = (await request(t.app).get(`/api/programs/${program.id}/participants`).set(auth(admin)))
      .body as { participants: (ParticipantDoc & { trainingAcknowledged: boolean })[] };
    expect(participants.map((p) => p.id).sort()).toEqual([
      'amara',
      'grace',
      'henrik',
      'ines',
      'jade',
      'kofi',
      'leo',
      'mia',
      'olivia',
      'paul',
      'tariq',
      'victor',
    ]);
    // Identity is the directory id; the reporting line comes from the directory (Mia → Omar → Henrik).
    expect(participants.find((p) => p.id === 'mia')).toMatchObject({
      userId: 'mia',
      email: 'mia@contoso.example',
      managerId: 'omar',
      managerChain: ['omar', 'henrik'],
      trainingAcknowledged: false,
    });

    // Matching on the imported people never crosses a reporting line.
    const suggested = await request(t.app)
      .post(`/api/programs/${program.id}/matches/suggest`)
      .set(auth(admin))
      .send({});
    const pairs = suggested.body.pairs as { mentorId: string; menteeId: string; reasons: string[] }[];
    expect(pairs).toHaveLength(6);
    for (const [mentor, executive] of [
      ['jade', 'henrik'],
      ['mia', 'henrik'],
      ['kofi', 'grace'],
      ['tariq', 'amara'],
    ])
      expect(pairs).not.toContainEqual(expect.objectContaining({ mentorId: mentor, menteeId: executive }));
    for (const p of pairs) expect(p.reasons.length).toBeGreaterThan(0);
  });

  test('bad rows, duplicates and unknown e-mails are reported per row, and a commit then writes nothing', async () => {
    const program = await newProgram();
    const csv = [
      HEADER,
      'Jade Morel,jade@contoso.example,mentor,cloud,leadership,Engineering,',
      ',kofi@contoso.example,mentor,,,,',
      'Mia Novak,not-an-address,mentor,,,,',
      'Leo Santos,leo@contoso.example,boss,,,,',
      'Jade Again,JADE@contoso.example,mentor,,,,',
      'Nobody,nobody@contoso.example,mentee,,,,',
      'Tariq Aziz,tariq@contoso.example,mentor,,,,ghost@contoso.example',
      'Grace Liu,grace@contoso.example,executive,,,,grace@contoso.example',
    ].join('\n');
    const preview = await request(t.app)
      .post(`/api/programs/${program.id}/participants/import`)
      .set(auth(admin))
      .send({ csv });
    expect(preview.status).toBe(200);
    const errorsByLine = Object.fromEntries(
      (preview.body.rows as { line: number; errors: unknown[] }[]).map((r) => [r.line, r.errors]),
    );
    expect(errorsByLine).toEqual({
      2: [],
      3: [{ field: 'name', message: 'missing' }],
      4: [{ field: 'email', message: 'not an e-mail address' }],
      5: [{ field: 'role', message: 'must be mentor, mentee or executive' }],
      6: [{ field: 'email', message: 'the same person as line 2' }],
      7: [{ field: 'email', message: 'not found in the directory' }],
      8: [{ field: 'manager email', message: 'not found in the directory' }],
      9: [{ field: 'manager email', message: 'a person cannot be their own manager' }],
    });
    expect(preview.body.errorCount).toBe(7);

    const commit = expectProblem(
      await request(t.app)
        .post(`/api/programs/${program.id}/participants/import`)
        .set(auth(admin))
        .send({ csv, commit: true }),
      400,
    );
    expect(commit.errors).toHaveLength(7);
    expect(commit.errors).toContainEqual({ field: 'line 7: email', message: 'not found in the directory' });
    expect(
      (await request(t.app).get(`/api/programs/${program.id}/participants`).set(auth(admin))).body.participants,
    ).toEqual([]);
  });

  test('a file that is not CSV, lacks a required column or has no rows: the preview says so, a commit is a 400 naming csv', async () => {
    const program = await newProgram();
    const url = `/api/programs/${program.id}/participants/import`;
    const cases: [string, RegExp][] = [
      ['name,email,role\n"Jade,jade@contoso.example,mentor', /^not valid CSV/],
      ['name,role\nJade,mentor', /^the header row lacks email/],
      [HEADER, /^no rows/],
    ];
    for (const [csv, message] of cases) {
      const preview = await request(t.app).post(url).set(auth(admin)).send({ csv });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({
        rows: [],
        errorCount: 1,
        imported: 0,
        fileErrors: [{ field: 'csv', message: expect.stringMatching(message) }],
      });
      const problem = expectProblem(await request(t.app).post(url).set(auth(admin)).send({ csv, commit: true }), 400);
      expect(problem.errors).toEqual([{ field: 'csv', message: expect.stringMatching(message) }]);
    }
  });
});

describe('matching → pairs → lifecycle', () => {
  test('rejected suggestions are not repeated, the unmatched are told, accepted ones become pairs with health, and pairs pause and end', async () => {
    const program = await newProgram();
    const add = (p: object) => request(t.app).post(`/api/programs/${program.id}/participants`).set(auth(admin)).send(p);
    expect(
      (await add({ id: 'priya', name: 'Priya Patel', role: 'mentor', skills: ['AI'], interests: [] })).status,
    ).toBe(201);
    expect(
      (await add({ id: 'sam', name: 'Sam Okafor', role: 'mentor', skills: ['video'], interests: [] })).status,
    ).toBe(201);
    expect(
      (await add({ id: 'dana', name: 'Dana Whitfield', role: 'mentee', skills: [], interests: ['AI'] })).status,
    ).toBe(201);
    const suggest = (body: object) =>
      request(t.app).post(`/api/programs/${program.id}/matches/suggest`).set(auth(admin)).send(body);

    const first = await suggest({});
    expect(first.body.pairs).toEqual([expect.objectContaining({ mentorId: 'priya', menteeId: 'dana' })]);
    const second = await suggest({ rejected: [{ mentorId: 'priya', menteeId: 'dana' }] });
    expect(second.body.pairs).toEqual([expect.objectContaining({ mentorId: 'sam', menteeId: 'dana' })]);
    expect(second.body.unmatched).toEqual([
      { id: 'priya', reason: 'No executive available: the only executive was rejected by the admin' },
    ]);

    // Sam is told; someone outside the programme is not.
    const notified = await request(t.app)
      .post(`/api/programs/${program.id}/matches/unmatched`)
      .set(auth(admin))
      .send({
        people: [
          { id: 'sam', reason: 'More mentors than executives this round' },
          { id: 'stranger', reason: 'x' },
        ],
      });
    expect(notified.body).toEqual({ notified: ['sam'] });
    const sam = await t.tokenFor({ userId: 'sam', name: 'Sam Okafor' });
    const notices = await request(t.app).get('/api/me/notices').set(auth(sam));
    expect(notices.body.notices).toEqual([
      expect.objectContaining({
        kind: 'unmatched',
        programId: program.id,
        reason: 'More mentors than executives this round',
      }),
    ]);

    // Accepting the edited suggestion (Sam with Dana) makes a pair and withdraws Sam's notice.
    const pair = await request(t.app)
      .post(`/api/programs/${program.id}/pairs`)
      .set(auth(admin))
      .send({ mentorId: 'sam', menteeId: 'dana' });
    expect(pair.status).toBe(201);
    expect((await request(t.app).get('/api/me/notices').set(auth(sam))).body.notices).toEqual([]);

    const listed = await request(t.app).get(`/api/programs/${program.id}/pairs`).set(auth(admin));
    expect(listed.body.pairs).toEqual([
      expect.objectContaining({
        id: pair.body.id,
        status: 'active',
        // A figure about one pair comes from one pair: withheld, with the reason.
        health: {
          sessionsExpected: expect.any(Number),
          sessions: { shown: false, reason: expect.stringContaining('fewer than 5 pairs') },
          goals: { shown: false, reason: expect.stringContaining('fewer than 5 pairs') },
        },
      }),
    ]);
    const etag = listed.body.pairs[0].etag as string;

    const pairUrl = `/api/programs/${program.id}/pairs/${pair.body.id}`;
    expectProblem(await request(t.app).patch(pairUrl).set(auth(admin)).send({ status: 'paused' }), 428);
    expectProblem(
      await request(t.app).patch(pairUrl).set(auth(outsider)).set('If-Match', etag).send({ status: 'paused' }),
      404,
    );
    const paused = await request(t.app)
      .patch(pairUrl)
      .set(auth(admin))
      .set('If-Match', etag)
      .send({ status: 'paused' });
    expect(paused.status).toBe(200);
    expect(paused.body.status).toBe('paused');
    const dana = await t.tokenFor({ userId: 'dana', name: 'Dana Whitfield' });
    expect((await request(t.app).get('/api/me').set(auth(dana))).body.pairs[0].status).toBe('paused');
    expectProblem(
      await request(t.app).patch(pairUrl).set(auth(admin)).set('If-Match', etag).send({ status: 'ended' }),
      412,
    );
    const ended = await request(t.app)
      .patch(pairUrl)
      .set(auth(admin))
      .set('If-Match', paused.headers.etag as string)
      .send({ status: 'ended' });
    expect(ended.body.status).toBe('ended');
    expectProblem(
      await request(t.app)
        .patch(pairUrl)
        .set(auth(admin))
        .set('If-Match', ended.headers.etag as string)
        .send({ status: 'active' }),
      409,
    );
    // Re-pair: the two are free again, but the ended pair is never suggested again.
    const again = await suggest({});
    expect(again.body.pairs).toEqual([expect.objectContaining({ mentorId: 'priya', menteeId: 'dana' })]);
    expectProblem(
      await request(t.app)
        .patch(`/api/programs/${program.id}/pairs/no-such-pair`)
        .set(auth(admin))
        .set('If-Match', etag)
        .send({ status: 'ended' }),
      404,
    );
  });
});

describe('insights', () => {
  const SECRETS = {
    privateNote: 'SECRET-private-note-7f3a',
    pairNote: 'SECRET-pair-note-19bc',
    privateTakeaway: 'SECRET-private-takeaway-c0de',
    pairTakeaway: 'SECRET-pair-takeaway-beef',
    goalTitle: 'SECRET-goal-title-aa11',
  };

  test('withheld below 5 contributing pairs; from 5 pairs figures, redacted learnings, and no private or pair text or author id anywhere', async () => {
    const { store } = t.services;
    const program = await buildProgram(store);
    const adminToken = await t.tokenFor({ userId: program.createdBy, roles: [PROGRAM_ADMIN_ROLE] });
    const url = `/api/programs/${program.id}/insights`;
    const authorIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const built = await buildPair(store, { program });
      authorIds.push(built.mentor.userId, built.mentee.userId);
      await buildNote(store, built, built.mentor, 'private', `${SECRETS.privateNote} ${i}`);
      await buildNote(store, built, built.mentee, 'pair', `${SECRETS.pairNote} ${i}`);
      await buildTakeaway(store, built, built.mentor, 'private', `${SECRETS.privateTakeaway} ${i}`);
      const pairLevel = await buildTakeaway(store, built, built.mentee, 'pair', `${SECRETS.pairTakeaway} ${i}`);
      await consentGranter(store, built.mentor, pairLevel, true);
      await goalCreator(store, built.mentee, built.pair, {
        title: `${SECRETS.goalTitle} ${i}`,
        successMeasure: 'measured',
        owner: 'mentee',
      });
      const text =
        i === 0 ? `=cmd|' /C calc'!A0 ${built.mentee.name} showed how Copilot drafts a memo` : `Learning of pair ${i}`;
      await consentGranter(store, built.mentee, await buildTakeaway(store, built, built.mentor, 'program', text), true);
      if (i < 4) {
        const res = await request(t.app).get(url).set(auth(adminToken));
        expect(res.body.pairCount).toBe(i + 1);
        for (const figure of ['pairs', 'sessions', 'goals', 'learnings'])
          expect(res.body[figure]).toEqual({ shown: false, reason: expect.any(String) });
        const exported = await request(t.app).get(`${url}/export`).set(auth(adminToken));
        const rows = parse(exported.body.csv as string) as string[][];
        expect(rows.filter((r) => r[0] === 'sessions' || r[0] === 'goals')).toEqual([
          ['sessions', 'withheld', expect.any(String)],
          ['goals', 'withheld', expect.any(String)],
        ]);
      }
    }
    const res = await request(t.app).get(url).set(auth(adminToken));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      pairCount: 5,
      pairs: { shown: true, pairs: 5, value: { active: 5, paused: 0, ended: 0 } },
      sessions: { shown: true, pairs: 5, value: { planned: 5, held: 0 } },
      goals: {
        shown: true,
        value: {
          total: 5,
          progress: [
            { from: 0, to: 24, goals: 5 },
            { from: 25, to: 49, goals: 0 },
            { from: 50, to: 74, goals: 0 },
            { from: 75, to: 100, goals: 0 },
          ],
        },
      },
      // No pair made a commitment or gave feedback: nothing to show, and no way to tell one pair's.
      commitments: { shown: false },
      feedback: { shown: false },
    });
    expect(res.body.learnings.value).toHaveLength(5);
    expect(res.body.learnings.value.map((l: { text: string }) => l.text).join('\n')).toMatch(
      /showed how Copilot drafts a memo/,
    );

    const exported = await request(t.app).get(`${url}/export`).set(auth(adminToken));
    for (const text of [res.text, exported.text]) {
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
      for (const id of authorIds) expect(text).not.toContain(id);
    }
    // The export parses back to the same figures; the formula-like learning is neutralised.
    const rows = parse(exported.body.csv as string) as string[][];
    expect(rows[0]).toEqual(['section', 'figure', 'value']);
    expect(rows).toContainEqual(['pairs', 'active', '5']);
    const learningCell = rows.find((r) => r[0] === 'programme learning' && r[2]!.includes('cmd'))![2]!;
    expect(learningCell.startsWith("'=cmd")).toBe(true);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(exported.body.filename).toMatch(/^insights-.+\.csv$/);
  });
});

test('GET /api/programs lists the tenant’s programmes for admins only', async () => {
  const program = await newProgram();
  const res = await request(t.app).get('/api/programs').set(auth(admin));
  expect(res.status).toBe(200);
  expect(res.body.programs.map((p: { id: string }) => p.id)).toContain(program.id);
  expectProblem(await request(t.app).get('/api/programs').set(auth(outsider)), 403);
});
