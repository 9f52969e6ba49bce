// Tenant isolation and pair confidentiality through HTTP: a caller of another tenant (even with the same
// user id, even a ProgramAdmin) gets the very same 404 as for an id that does not exist, and nothing is
// written; same-tenant non-members and programme admins get 404 on every pair route.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { routes as appRoutes } from '../../bot/src/app';
import { agendaItemAdder } from '../../bot/src/commands/agendaEditor';
import { assessmentCreator } from '../../bot/src/commands/assessmentWriter';
import { commitmentCreator } from '../../bot/src/commands/commitmentWriter';
import { insightsAggregator } from '../../bot/src/commands/insightsAggregates';
import { consentGranter } from '../../bot/src/commands/consentGranter';
import { meetingLinker } from '../../bot/src/commands/meetingLinker';
import { participantAdder } from '../../bot/src/commands/participantAdder';
import { sessionScheduler } from '../../bot/src/commands/sessionScheduler';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import { PROGRAM_ADMIN_ROLE } from '../../bot/src/domain/model';
import type { Store } from '../../bot/src/store/database';
import { adminOf, buildGoal, buildNote, buildPair, buildTakeaway, type BuiltPair } from '../support/factories';
import { buildTestApp, OTHER_TENANT_ID, type TestApp } from '../support/testApp';

type Method = 'get' | 'post' | 'put' | 'patch';

interface Ids {
  pairId: string;
  programId: string;
  meetingId: string;
}

interface RouteCase {
  name: string;
  method: Method;
  /** The path for these ids. */
  path(ids: Ids): string;
  body?(ids: Ids): object;
  ifMatch?: string;
  /** Which id a "missing" reference request replaces with a random one. */
  scope: 'pair' | 'program' | 'meeting';
  /** The caller who may make this request: the positive control. */
  rightful: 'mentor' | 'admin';
  /** What the rightful caller gets when not 200/201: the command's own answer, reached past authorization. */
  rightfulStatus?: number;
}

let app: TestApp;
let store: Store;
let built: BuiltPair;
let neighbour: BuiltPair;
let routes: RouteCase[];
let real: Ids;
const MEETING_ID = 'MTG-crossTenant-1';

/** Seeded texts that must never reach anyone outside the pair's rules. */
const SECRET_TEXTS: string[] = [];
let learningRemainder: string;
let learningFullText: string;

const tokens: Record<string, string> = {};

beforeAll(async () => {
  app = await buildTestApp();
  store = app.services.store;
  built = await buildPair(store);
  const { mentor, mentee, pair, program } = built;

  const goal = await buildGoal(store, built);
  const commitment = await commitmentCreator(store, mentee, pair, { text: 'Use Copilot for every status report' });
  const { session, item } = await agendaItemAdder(store, built.session, { title: 'Prompting basics' });
  built = { ...built, session };

  const secret = (label: string) => {
    const t = `zebra ${label} quokka`;
    SECRET_TEXTS.push(t);
    return t;
  };
  const mentorNote = await buildNote(store, built, mentor, 'private', secret('mentor private note'));
  await buildNote(store, built, mentor, 'pair', secret('mentor pair note'));
  await buildNote(store, built, mentee, 'private', secret('mentee private note'));
  await buildNote(store, built, mentee, 'pair', secret('mentee pair note'));

  await buildTakeaway(store, built, mentor, 'private', secret('mentor private takeaway'));
  const awaiting = await buildTakeaway(store, built, mentee, 'pair', secret('mentee pair takeaway awaiting'));
  await consentGranter(
    store,
    mentee,
    await buildTakeaway(store, built, mentor, 'pair', secret('mentor pair takeaway shared')),
    true,
  );
  await consentGranter(
    store,
    mentee,
    await buildTakeaway(store, built, mentor, 'pair', secret('mentor pair takeaway declined')),
    false,
  );
  await buildTakeaway(store, built, mentor, 'program', secret('mentor program takeaway awaiting'));
  await consentGranter(
    store,
    mentee,
    await buildTakeaway(store, built, mentor, 'program', secret('mentor program takeaway declined')),
    false,
  );
  // The one text the programme may see: approved at programme level, stored redacted (the name goes).
  learningRemainder = 'taught me ocelot prompting';
  learningFullText = `${mentor.name} ${learningRemainder}`;
  await consentGranter(store, mentee, await buildTakeaway(store, built, mentor, 'program', learningFullText), true);

  await meetingLinker(store, mentor, pair, { meetingId: MEETING_ID, sessionId: session.id });
  // A rating of the executive's goal by the mentor, with a note only the pair reads.
  const rating = await assessmentCreator(store, mentor, pair, program, goal, {
    moment: 'midpoint',
    score: 4,
    note: secret('mentor rating note'),
  });

  // Insights show a figure only once five pairs contributed to it: five pairs with a learning each.
  neighbour = await buildPair(store, { program });
  for (const other of [neighbour, ...(await Promise.all([0, 1, 2].map(() => buildPair(store, { program }))))]) {
    await consentGranter(
      store,
      other.mentee,
      await buildTakeaway(store, other, other.mentor, 'program', `Learning of another pair ${other.pair.id}`),
      true,
    );
  }
  // Two people not paired yet, so that the rightful admin's "create pair" succeeds.
  await participantAdder(store, program, {
    id: 'spare-mentor',
    name: 'Spare Mentor',
    role: 'mentor',
    skills: [],
    interests: [],
  });
  await participantAdder(store, program, {
    id: 'spare-mentee',
    name: 'Spare Executive',
    role: 'mentee',
    skills: [],
    interests: [],
  });

  real = { pairId: pair.id, programId: program.id, meetingId: MEETING_ID };
  const s = session.id;
  // Sessions of their own for moving and cancelling, whose ETags nothing else changes.
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const toMove = await sessionScheduler(store, mentor, pair, { scheduledAt: inAWeek, durationMinutes: 30 });
  const toCancel = await sessionScheduler(store, mentor, pair, { scheduledAt: inAWeek, durationMinutes: 30 });
  routes = [
    // Reads first, then edits guarded by If-Match, then creates: the positive control replays them in this order.
    {
      name: 'GET pair dashboard',
      method: 'get',
      path: (x) => `/api/pairs/${x.pairId}`,
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'GET session',
      method: 'get',
      path: (x) => `/api/pairs/${x.pairId}/sessions/${s}`,
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'GET session notes',
      method: 'get',
      path: (x) => `/api/pairs/${x.pairId}/sessions/${s}/notes`,
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'GET ledger',
      method: 'get',
      path: (x) => `/api/pairs/${x.pairId}/assessments`,
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'PATCH assessment',
      method: 'patch',
      path: (x) => `/api/pairs/${x.pairId}/assessments/${rating.id}`,
      ifMatch: rating._etag!,
      body: () => ({ score: 1 }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'PATCH goal',
      method: 'patch',
      path: (x) => `/api/pairs/${x.pairId}/goals/${goal.id}`,
      ifMatch: goal._etag!,
      body: () => ({ progress: 40 }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'PATCH agenda item',
      method: 'patch',
      path: (x) => `/api/pairs/${x.pairId}/sessions/${s}/agenda/${item.id}`,
      ifMatch: session._etag!,
      body: () => ({ done: true }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'PATCH note',
      method: 'patch',
      path: (x) => `/api/pairs/${x.pairId}/sessions/${s}/notes/${mentorNote.id}`,
      ifMatch: mentorNote._etag!,
      body: () => ({ body: 'edited by someone' }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'PATCH session schedule',
      method: 'patch',
      path: (x) => `/api/pairs/${x.pairId}/sessions/${toMove.id}/schedule`,
      ifMatch: toMove._etag!,
      body: () => ({ scheduledAt: '2031-06-02T10:00:00+02:00' }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'POST session cancel',
      method: 'post',
      path: (x) => `/api/pairs/${x.pairId}/sessions/${toCancel.id}/cancel`,
      ifMatch: toCancel._etag!,
      body: () => ({ reason: 'injected' }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'PATCH commitment',
      method: 'patch',
      path: (x) => `/api/pairs/${x.pairId}/commitments/${commitment.id}`,
      ifMatch: commitment._etag!,
      body: () => ({ status: 'kept', evidence: 'done' }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'POST goal',
      method: 'post',
      path: (x) => `/api/pairs/${x.pairId}/goals`,
      body: () => ({ title: 'Injected', successMeasure: 'None', owner: 'mentee' }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'POST session',
      method: 'post',
      path: (x) => `/api/pairs/${x.pairId}/sessions`,
      body: () => ({ scheduledAt: '2026-06-01T10:00:00+02:00', durationMinutes: 30 }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'POST agenda item',
      method: 'post',
      path: (x) => `/api/pairs/${x.pairId}/sessions/${s}/agenda`,
      body: () => ({ title: 'Injected item' }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'POST note',
      method: 'post',
      path: (x) => `/api/pairs/${x.pairId}/sessions/${s}/notes`,
      body: () => ({ body: 'injected note', visibility: 'pair' }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'POST takeaway',
      method: 'post',
      path: (x) => `/api/pairs/${x.pairId}/sessions/${s}/takeaways`,
      body: () => ({ text: 'injected takeaway', visibility: 'pair' }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'POST consent',
      method: 'post',
      path: (x) => `/api/pairs/${x.pairId}/takeaways/${awaiting.id}/consent`,
      body: () => ({ approve: true }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'POST availability',
      method: 'post',
      path: (x) => `/api/pairs/${x.pairId}/availability`,
      body: () => ({ durationMinutes: 30 }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'POST booking',
      method: 'post',
      path: (x) => `/api/pairs/${x.pairId}/bookings`,
      body: () => ({ scheduledAt: '2031-06-01T10:00:00+02:00', durationMinutes: 30 }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'POST findings',
      method: 'post',
      path: (x) => `/api/pairs/${x.pairId}/findings`,
      body: () => ({ text: 'call me on +44 7700 900123' }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'POST assessment',
      method: 'post',
      path: (x) => `/api/pairs/${x.pairId}/goals/${goal.id}/assessments`,
      body: () => ({ moment: 'baseline', score: 2 }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'POST commitment',
      method: 'post',
      path: (x) => `/api/pairs/${x.pairId}/commitments`,
      body: () => ({ text: 'Injected commitment' }),
      scope: 'pair',
      rightful: 'mentor',
    },
    {
      name: 'POST acknowledgement',
      method: 'post',
      path: (x) => `/api/pairs/${x.pairId}/acknowledgement`,
      scope: 'pair',
      rightful: 'mentor',
    },

    {
      name: 'GET programme',
      method: 'get',
      path: (x) => `/api/programs/${x.programId}`,
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'GET participants',
      method: 'get',
      path: (x) => `/api/programs/${x.programId}/participants`,
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'GET programme pairs',
      method: 'get',
      path: (x) => `/api/programs/${x.programId}/pairs`,
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'GET insights',
      method: 'get',
      path: (x) => `/api/programs/${x.programId}/insights`,
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'POST participant',
      method: 'post',
      path: (x) => `/api/programs/${x.programId}/participants`,
      body: () => ({ id: 'injected-person', name: 'Injected Person', role: 'mentor' }),
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'POST programme pair',
      method: 'post',
      path: (x) => `/api/programs/${x.programId}/pairs`,
      body: () => ({ mentorId: 'spare-mentor', menteeId: 'spare-mentee' }),
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'POST match suggestions',
      method: 'post',
      path: (x) => `/api/programs/${x.programId}/matches/suggest`,
      body: () => ({ avoidSameDepartment: false }),
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'PATCH programme',
      method: 'patch',
      path: (x) => `/api/programs/${x.programId}`,
      ifMatch: program._etag!,
      body: () => ({ cadenceDays: 21 }),
      scope: 'program',
      rightful: 'admin',
    },
    // The neighbouring pair: the member routes above change the first pair (acknowledgement), and with it its ETag.
    {
      name: 'PATCH programme pair',
      method: 'patch',
      path: (x) => `/api/programs/${x.programId}/pairs/${neighbour.pair.id}`,
      ifMatch: neighbour.pair._etag!,
      body: () => ({ status: 'paused' }),
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'POST programme directory search',
      method: 'post',
      path: (x) => `/api/programs/${x.programId}/directory/search`,
      body: () => ({ query: 'pri' }),
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'POST participants import',
      method: 'post',
      path: (x) => `/api/programs/${x.programId}/participants/import`,
      body: () => ({ csv: 'name,email,role\nPriya Patel,priya@contoso.example,mentor' }),
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'POST match unmatched notices',
      method: 'post',
      path: (x) => `/api/programs/${x.programId}/matches/unmatched`,
      body: () => ({ people: [{ id: 'spare-mentor', reason: 'More mentors than executives' }] }),
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'POST participants export',
      method: 'post',
      path: (x) => `/api/programs/${x.programId}/participants/export`,
      body: () => ({ users: ['spare-mentor'] }),
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'GET insights export',
      method: 'get',
      path: (x) => `/api/programs/${x.programId}/insights/export`,
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'GET programme delivery',
      method: 'get',
      path: (x) => `/api/programs/${x.programId}/delivery`,
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'GET programme rollout',
      method: 'get',
      path: (x) => `/api/programs/${x.programId}/rollout`,
      scope: 'program',
      rightful: 'admin',
    },
    // This fixture configures no proactive installation: the admin reaches the command, which answers 409 naming what to set.
    {
      name: 'POST programme rollout',
      method: 'post',
      path: (x) => `/api/programs/${x.programId}/rollout`,
      scope: 'program',
      rightful: 'admin',
      rightfulStatus: 409,
    },
    {
      name: 'POST retention preview',
      method: 'post',
      path: (x) => `/api/programs/${x.programId}/retention/preview`,
      body: () => ({ retentionDays: 90 }),
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'GET audit trail',
      method: 'get',
      path: (x) => `/api/programs/${x.programId}/audit`,
      scope: 'program',
      rightful: 'admin',
    },
    {
      name: 'GET audit export',
      method: 'get',
      path: (x) => `/api/programs/${x.programId}/audit/export`,
      scope: 'program',
      rightful: 'admin',
    },

    {
      name: 'GET meeting',
      method: 'get',
      path: (x) => `/api/meetings/${x.meetingId}`,
      scope: 'meeting',
      rightful: 'mentor',
    },
    {
      name: 'PUT meeting link',
      method: 'put',
      path: (x) => `/api/meetings/${x.meetingId}/link`,
      body: (x) => ({ pairId: x.pairId, sessionId: s }),
      scope: 'pair',
      rightful: 'mentor',
    },
  ];

  const token = (user: { userId: string; tenantId: string; roles?: string[] }) => app.tokenFor(user);
  tokens.foreignSameUser = await token({ userId: mentor.userId, tenantId: OTHER_TENANT_ID });
  tokens.foreignSameUserAdmin = await token({
    userId: mentor.userId,
    tenantId: OTHER_TENANT_ID,
    roles: [PROGRAM_ADMIN_ROLE],
  });
  tokens.foreignAdmin = await token({
    userId: adminOf(OTHER_TENANT_ID).userId,
    tenantId: OTHER_TENANT_ID,
    roles: [PROGRAM_ADMIN_ROLE],
  });
  // The very admin who created this tenant's pair, but not a member of it.
  tokens.sameTenantAdmin = await token({
    userId: adminOf(DEV_TENANT_ID).userId,
    tenantId: DEV_TENANT_ID,
    roles: [PROGRAM_ADMIN_ROLE],
  });
  // A participant of the same programme, member of another pair.
  tokens.sameTenantNonMember = await token({ userId: neighbour.mentor.userId, tenantId: DEV_TENANT_ID });
  tokens.mentor = await token({ userId: mentor.userId, tenantId: DEV_TENANT_ID });

  // The insights aggregates are derived from the seeded content by the change feed consumer: bring them up to date first.
  await insightsAggregator(store).catchUp();
  before = await snapshot();
});

afterAll(async () => {
  await app?.stop();
});

// ---------------------------------------------------------------------------------------------
// What the store holds: every document of both tenants in every container, with its ETag.
// ---------------------------------------------------------------------------------------------

type Snapshot = Record<string, string>;
let before: Snapshot;

async function snapshot(): Promise<Snapshot> {
  const out: Snapshot = {};
  const all = { where: 'true', parameters: [] };
  for (const tenantId of [DEV_TENANT_ID, OTHER_TENANT_ID]) {
    const parts = await Promise.all([
      store.pairs.query(tenantId, all),
      store.programs.query(tenantId, all),
      store.people.query(tenantId, all),
      store.meetings.query(tenantId, all),
    ]);
    ['pairs', 'programs', 'people', 'meetings'].forEach((container, i) => {
      for (const doc of parts[i]! as { id: string; _etag?: string }[])
        out[`${tenantId}/${container}/${doc.id}`] = doc._etag ?? '';
    });
  }
  return out;
}

const countBy = (snap: Snapshot) =>
  Object.keys(snap).reduce<Record<string, number>>((acc, key) => {
    const group = key.split('/').slice(0, 2).join('/');
    acc[group] = (acc[group] ?? 0) + 1;
    return acc;
  }, {});

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

function send(route: RouteCase, ids: Ids, token: string) {
  let req = request(app.app)[route.method](route.path(ids)).set('Authorization', `Bearer ${token}`);
  if (route.ifMatch) req = req.set('If-Match', route.ifMatch);
  return route.body ? req.send(route.body(ids)) : req;
}

const missingIds = (route: RouteCase): Ids => ({
  ...real,
  ...(route.scope === 'pair' ? { pairId: `missing-${randomUUID()}` } : {}),
  ...(route.scope === 'program' ? { programId: `missing-${randomUUID()}` } : {}),
  ...(route.scope === 'meeting' ? { meetingId: `MTG-missing-${randomUUID()}` } : {}),
});

const expectedDetail: Record<RouteCase['scope'], string> = {
  pair: 'The pair does not exist or you cannot see it.',
  program: 'The programme does not exist or you cannot see it.',
  meeting: 'The meeting link does not exist or you cannot see it.',
};

async function expectHiddenLikeMissing(route: RouteCase, token: string) {
  const res = await send(route, real, token);
  const missing = await send(route, missingIds(route), token);
  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json\b/);
  expect(missing.status).toBe(404);
  expect(missing.headers['content-type']).toBe(res.headers['content-type']);
  // Byte for byte the answer for an id that does not exist.
  expect(res.text).toBe(missing.text);
  expect(JSON.parse(res.text)).toEqual({
    type: 'urn:reverse-mentoring:problem:not-found',
    title: 'Not found',
    status: 404,
    detail: expectedDetail[route.scope],
  });
  expect(res.headers.etag).toBeUndefined();
}

// Route lists are built in beforeAll; test.each needs the names now.
const ROUTE_NAMES = [
  'GET pair dashboard',
  'GET session',
  'GET session notes',
  'GET ledger',
  'PATCH assessment',
  'POST assessment',
  'PATCH goal',
  'PATCH agenda item',
  'PATCH note',
  'PATCH session schedule',
  'POST session cancel',
  'PATCH commitment',
  'POST goal',
  'POST session',
  'POST agenda item',
  'POST note',
  'POST takeaway',
  'POST consent',
  'POST availability',
  'POST booking',
  'POST findings',
  'POST commitment',
  'POST acknowledgement',
  'GET programme',
  'GET participants',
  'GET programme pairs',
  'GET insights',
  'POST participant',
  'POST programme pair',
  'POST match suggestions',
  'PATCH programme',
  'PATCH programme pair',
  'POST programme directory search',
  'POST participants import',
  'POST participants export',
  'POST match unmatched notices',
  'GET insights export',
  'GET programme delivery',
  'GET programme rollout',
  'POST programme rollout',
  'POST retention preview',
  'GET audit trail',
  'GET audit export',
  'GET meeting',
  'PUT meeting link',
] as const;
const PAIR_ROUTE_NAMES = ROUTE_NAMES.filter(
  (n) => !/programme|participant|insights|match|meeting|retention|audit/.test(n),
);
const routeNamed = (name: string): RouteCase => {
  const route = routes.find((r) => r.name === name);
  if (!route) throw new Error(`no route ${name}`);
  return route;
};

describe('another tenant: 404 exactly like a missing id', () => {
  test('the route list covers every route under /api/pairs/:pairId, /api/programs/:programId and /api/meetings/:meetingId', () => {
    const scoped = appRoutes
      .filter((r) => /^\/api\/(pairs\/:pairId|programs\/:programId|meetings\/:meetingId)/.test(r.path))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    const concrete = (p: string) =>
      p
        .replace(real.pairId, ':pairId')
        .replace(real.programId, ':programId')
        .replace(real.meetingId, ':meetingId')
        .replace(built.session.id, ':sessionId');
    const mine = routes.map((r) => `${r.method} ${concrete(r.path(real))}`);
    for (const path of scoped) {
      const pattern = new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
      expect({ path, covered: mine.some((m) => pattern.test(m)) }).toEqual({ path, covered: true });
    }
    expect([...routes.map((r) => r.name)].sort()).toEqual([...ROUTE_NAMES].sort());
  });

  const actors = ['foreignSameUser', 'foreignSameUserAdmin', 'foreignAdmin'] as const;
  const cases = actors.flatMap((actor) => ROUTE_NAMES.map((name) => [actor, name] as const));
  test.each(cases)('%s: %s → 404 problem+json, identical to a missing id', async (actor, name) => {
    await expectHiddenLikeMissing(routeNamed(name), tokens[actor]!);
  });
});

describe('same tenant, not a member: 404 on every pair route', () => {
  const actors = ['sameTenantNonMember', 'sameTenantAdmin'] as const;
  const cases = actors.flatMap((actor) => PAIR_ROUTE_NAMES.map((name) => [actor, name] as const));
  test.each(cases)('%s: %s → 404 identical to a missing pair', async (actor, name) => {
    await expectHiddenLikeMissing(routeNamed(name), tokens[actor]!);
  });

  test.each(['sameTenantNonMember', 'sameTenantAdmin'] as const)(
    '%s: the meeting routes of the pair → 404',
    async (actor) => {
      for (const name of ['GET meeting', 'PUT meeting link']) {
        const res = await send(routeNamed(name), real, tokens[actor]!);
        expect({ name, status: res.status, type: res.headers['content-type'] }).toEqual({
          name,
          status: 404,
          type: expect.stringMatching(/^application\/problem\+json\b/),
        });
      }
    },
  );

  test("the programme admin's insights hold figures and the anonymised learning, never a note body or takeaway text", async () => {
    const res = await request(app.app)
      .get(`/api/programs/${real.programId}/insights`)
      .set('Authorization', `Bearer ${tokens.sameTenantAdmin}`);
    expect(res.status).toBe(200);
    expect(res.body.learnings).toMatchObject({ shown: true, pairs: 5 });
    expect(res.body.sessions).toMatchObject({ shown: true, pairs: 5 });
    const json = JSON.stringify(res.body);
    // Positive control: the search would find text if there were any; the approved learning is there, redacted.
    expect(json).toContain(learningRemainder);
    expect(json).not.toContain(learningFullText);
    expect(json).not.toContain(built.mentor.name);
    expect(json).not.toContain(built.mentee.name);
    expect(SECRET_TEXTS.length).toBe(11);
    expect(SECRET_TEXTS.filter((t) => json.includes(t))).toEqual([]);
    expect(json).not.toContain('zebra');
    expect(json).not.toContain('quokka');
  });
});

describe('nothing was written', () => {
  test('every document of both tenants is unchanged (same ids, same ETags, same counts)', async () => {
    const after = await snapshot();
    expect(countBy(after)).toEqual(countBy(before));
    expect(after).toEqual(before);
    // The snapshot does see the seeded data.
    expect(countBy(before)[`${DEV_TENANT_ID}/pairs`]).toBeGreaterThan(20);
    expect(countBy(before)[`${DEV_TENANT_ID}/meetings`]).toBe(1);
  });
});

describe('positive control: the same requests succeed for the rightful caller', () => {
  test.each(ROUTE_NAMES)('%s', async (name) => {
    const route = routeNamed(name);
    const token = route.rightful === 'admin' ? tokens.sameTenantAdmin! : tokens.mentor!;
    const res = await send(route, real, token);
    const expected = route.rightfulStatus === undefined ? [200, 201] : [route.rightfulStatus];
    expect({ name, outcome: expected.includes(res.status) ? 'success' : `${res.status} ${res.text}` }).toEqual({
      name,
      outcome: 'success',
    });
  });

  test('and they did write', async () => {
    const after = await snapshot();
    expect(after).not.toEqual(before);
  });
});
