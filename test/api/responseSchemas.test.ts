// Every route's responses against its declared schema (bot/src/api/responses.ts). The routes' handlers
// are wrapped before the app is built: each answer is parsed with the schema declared for its status,
// whose objects are strict, so an undeclared field fails. Then every route is called with valid input,
// and every route must have been checked with a 2xx answer.
import request from 'supertest';
import type { z } from 'zod';
import { routes } from '../../bot/src/app';
import type { GoalDoc } from '../../bot/src/domain/model';
import { goalSchema } from '../../bot/src/api/responses';
import { routeKey } from '../support/apiContract';
import { adminOf, buildPairWithContent, type RouteIds } from '../support/factories';
import { startFakeGraphInstall, type FakeGraphInstall } from '../support/fakeGraphInstall';
import { buildTestApp, type TestApp } from '../support/testApp';

const SECRET = 'a-jobs-secret-that-is-long-enough-1234';
const checked = new Set<string>();
const failures: string[] = [];

for (const route of routes) {
  const handle = route.handle.bind(route);
  route.handle = async (ctx) => {
    const result = await handle(ctx);
    const status = result.status ?? 200;
    const spec = route.responses[status];
    if (status === 304) return result;
    if (!spec?.schema) failures.push(`${routeKey(route)} answered ${status}, which declares no schema`);
    else {
      // What the client receives: the JSON text of the body.
      const parsed = (spec.schema as z.ZodType).safeParse(JSON.parse(JSON.stringify(result.body ?? null)));
      if (!parsed.success)
        failures.push(
          `${routeKey(route)} ${status}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
        );
      else if (status >= 200 && status < 300) checked.add(routeKey(route));
    }
    return result;
  };
}

let t: TestApp;
let graph: FakeGraphInstall;
let ids: RouteIds;
const GRAPH_APP = { clientId: '3f0c1a52-7d0e-4a53-9d6e-1c2b3a4d5e6f', clientSecret: 'entra-app-secret' };
const tokens: Record<'mentor' | 'mentee' | 'admin', string> = { mentor: '', mentee: '', admin: '' };
const MEETING = 'MCMxOTptZWV0aW5nX3Jlc3BvbnNlc0B0aHJlYWQudjI=';

beforeAll(async () => {
  graph = await startFakeGraphInstall({
    ...GRAPH_APP,
    teamsAppCatalogId: '5b1e2f3a-0c4d-4e5f-8a9b-0c1d2e3f4a5b',
    teamsAppExternalId: 'a7d3c2b1-9e8f-4a6b-8c5d-4e3f2a1b0c9d',
  });
  // Proactive installation configured, so the rollout routes answer 2xx like every other route.
  t = await buildTestApp({ JOBS_SECRET: SECRET, GRAPH_BASE_URL: graph.url }, undefined, {
    configure: (config) => {
      config.reminders.proactiveInstall = {
        teamsAppCatalogId: '5b1e2f3a-0c4d-4e5f-8a9b-0c1d2e3f4a5b',
        graphBaseUrl: graph.url,
        credential: { ...GRAPH_APP, kind: 'secret' },
      };
    },
    options: {
      identityHttpClient: graph.httpClient,
      appRollout: { installsPerSecond: 500, maxRetryWaitMs: 10, flushEveryMs: 0 },
    },
  });
  const { built, ids: made } = await buildPairWithContent(t.services.store, {
    noteVisibility: 'pair',
    takeawayVisibility: 'pair',
    spareSkill: 'AI',
    meetingId: MEETING,
  });
  ids = made;
  tokens.mentor = await t.tokenFor({ userId: built.mentor.userId, name: built.mentor.name });
  tokens.mentee = await t.tokenFor({ userId: built.mentee.userId, name: built.mentee.name });
  tokens.admin = await t.tokenFor({ userId: adminOf().userId, name: 'Admin', roles: ['ProgramAdmin'] });
});
afterAll(async () => {
  await t.stop();
  await graph.stop();
});

type As = keyof typeof tokens | 'jobs' | 'none';
async function call(
  as: As,
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  path: string,
  body?: unknown,
  ifMatch?: string,
) {
  let req = request(t.app)[method](path);
  if (as === 'jobs') req = req.set('Authorization', `Bearer ${SECRET}`);
  else if (as !== 'none') req = req.set('Authorization', `Bearer ${tokens[as]}`);
  if (ifMatch) req = req.set('If-Match', ifMatch);
  const res = body === undefined ? await req : await req.send(body as object);
  expect({ path, status: res.status, body: res.status < 300 ? undefined : res.body }).toMatchObject({
    status: expect.any(Number),
  });
  if (res.status >= 400)
    throw new Error(`${method.toUpperCase()} ${path} as ${as}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

test('every route answers what its schema declares, and every route was checked', async () => {
  const p = `/api/pairs/${ids.pairId}`;
  const s = `${p}/sessions/${ids.sessionId}`;
  const g = `/api/programs/${ids.programId}`;

  await call('none', 'get', '/api/health');
  await call('none', 'get', '/api/dev/users');
  await call('none', 'post', '/api/dev/token', { userId: 'someone', name: 'Someone' });
  await call('mentor', 'get', '/api/me');
  await call('mentor', 'get', '/api/me/notices');
  await call('mentor', 'put', `/api/meetings/${encodeURIComponent(MEETING)}/link`, {
    pairId: ids.pairId,
    sessionId: ids.sessionId,
  });
  await call('mentee', 'get', `/api/meetings/${encodeURIComponent(MEETING)}`);

  const dashboard = await call('mentee', 'get', p);
  await call('mentee', 'post', `${p}/acknowledgement`);
  const goal = dashboard.body.goals[0];
  await call('mentee', 'post', `${p}/goals`, {
    title: 'Read the board pack with Copilot',
    successMeasure: 'Once a month',
    owner: 'mentee',
  });
  await call('mentee', 'patch', `${p}/goals/${ids.goalId}`, { progress: 30 }, goal.etag);
  const rating = await call('mentee', 'post', `${p}/goals/${ids.goalId}/assessments`, {
    moment: 'baseline',
    score: 2,
    note: 'Just starting',
  });
  await call('mentee', 'patch', `${p}/assessments/${rating.body.id}`, { score: 3 }, rating.body.etag);
  await call('mentor', 'get', `${p}/assessments`);
  await call('mentor', 'post', `${p}/sessions`, {
    scheduledAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
    durationMinutes: 30,
  });
  const session = await call('mentor', 'get', s);
  const added = await call('mentor', 'post', `${s}/agenda`, { title: 'Prompts', minutes: 10 });
  await call('mentor', 'patch', `${s}/agenda/${ids.itemId}`, { done: true }, added.body.session.etag);
  const note = await call('mentee', 'post', `${s}/notes`, { body: 'Mine', visibility: 'private' });
  await call('mentee', 'get', `${s}/notes`);
  await call('mentee', 'patch', `${s}/notes/${note.body.id}`, { body: 'Mine, edited' }, note.body.etag);
  await call('mentee', 'post', `${s}/takeaways`, { text: 'Call finance.lead@contoso.example', visibility: 'program' });
  await call('mentee', 'post', `${p}/takeaways/${ids.takeawayId}/consent`, { approve: true });
  await call('mentor', 'post', `${p}/findings`, { text: 'Her salary is €90,000' });
  const commitment = await call('mentee', 'post', `${p}/commitments`, {
    text: 'Post weekly',
    sessionId: session.body.id,
  });
  await call(
    'mentee',
    'patch',
    `${p}/commitments/${commitment.body.id}`,
    { status: 'kept', evidence: 'Four posts' },
    commitment.body.etag,
  );
  await call('mentor', 'post', `${p}/availability`, { durationMinutes: 30 });
  const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
  const booked = await call('mentor', 'post', `${p}/bookings`, {
    scheduledAt: inDays(8),
    durationMinutes: 30,
    occurrences: 2,
  });
  const moved = await call(
    'mentor',
    'patch',
    `${p}/sessions/${booked.body.sessions[0].id}/schedule`,
    { scheduledAt: inDays(9) },
    booked.body.sessions[0].etag,
  );
  await call(
    'mentor',
    'post',
    `${p}/sessions/${booked.body.sessions[0].id}/cancel`,
    { reason: 'Travelling' },
    moved.body.session.etag,
  );
  const calendar = await call('mentee', 'get', '/api/dev/calendar');
  expect(calendar.body.meetings.length).toBe(2);

  await call('admin', 'post', '/api/programs', { name: 'Another', startsOn: '2026-01-01', endsOn: '2026-12-31' });
  await call('admin', 'get', '/api/programs');
  const program = await call('admin', 'get', g);
  await call('admin', 'patch', g, { cadenceDays: 21 }, program.headers.etag);
  await call('admin', 'post', `${g}/participants`, {
    id: 'new-mentor',
    name: 'New Mentor',
    role: 'mentor',
    skills: ['AI'],
  });
  await call('admin', 'get', `${g}/participants`);
  await call('admin', 'post', `${g}/participants/import`, {
    csv: 'name,email,role\nAda Lovelace,ada@contoso.example,mentor\n',
  });
  await call('admin', 'post', `${g}/participants/export`, { users: ['new-mentor'] });
  await call('admin', 'post', `${g}/directory/search`, { query: 'Priya' });
  await call('admin', 'post', `${g}/matches/suggest`, {});
  await call('admin', 'post', `${g}/matches/unmatched`, {
    people: [{ id: 'new-mentor', reason: 'No executive with matching interests' }],
  });
  const paired = await call('admin', 'post', `${g}/pairs`, { mentorId: 'spare-mentor', menteeId: 'spare-mentee' });
  const pairs = await call('admin', 'get', `${g}/pairs`);
  expect(pairs.body.pairs.length).toBe(2);
  await call('admin', 'patch', `${g}/pairs/${paired.body.id}`, { status: 'ended' }, paired.body.etag);
  await call('admin', 'get', `${g}/insights`);
  await call('admin', 'get', `${g}/insights/export`);
  await call('admin', 'get', `${g}/delivery`);
  await call('admin', 'post', `${g}/retention/preview`, { retentionDays: 60 });
  await call('admin', 'get', `${g}/audit`);
  await call('admin', 'get', `${g}/audit/export`);
  await call('admin', 'post', `${g}/rollout`);
  await call('admin', 'get', `${g}/rollout`);

  await call('jobs', 'post', '/api/jobs/reminders/run');
  await call('jobs', 'post', '/api/jobs/retention/run');
  await call('jobs', 'post', '/api/jobs/delivery-outcome-backfill/run');
  await call('mentor', 'get', '/api/me/data');
  await call('mentor', 'delete', '/api/me/data');

  expect(failures).toEqual([]);
  expect(routes.map(routeKey).filter((key) => !checked.has(key))).toEqual([]);
}, 60_000);

test('a field stored on a document but not declared reaches nobody; a declared schema refuses it', async () => {
  const { store } = t.services;
  const stored = (await store.pairs.find(adminOf().tenantId, ids.pairId, ids.goalId)) as GoalDoc;
  await store.pairs.upsert({ ...stored, internalReviewerNote: 'never to be sent' } as GoalDoc);
  const res = await request(t.app).get(`/api/pairs/${ids.pairId}`).set('Authorization', `Bearer ${tokens.mentee}`);
  expect(res.status).toBe(200);
  expect(res.text).not.toContain('never to be sent');
  const goal = res.body.goals.find((g: { id: string }) => g.id === ids.goalId);
  expect(goalSchema.safeParse(goal).success).toBe(true);
  expect(goalSchema.safeParse({ ...goal, internalReviewerNote: 'x' }).success).toBe(false);
});
