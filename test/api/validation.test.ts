// Malformed input on every route with a body: 400 application/problem+json naming the offending field.
// Routes come from the exported `routes` array, so a new body route is covered (and must get its cases).
import request from 'supertest';
import { z } from 'zod';
import { routes } from '../../bot/src/app';
import type { RouteDefinition } from '../../bot/src/api/route';
import { LIMITS } from '../../bot/src/domain/limits';
import { assessmentCreator } from '../../bot/src/commands/assessmentWriter';
import type { Caller, GoalDoc } from '../../bot/src/domain/model';
import { adminOf, buildPairWithContent, type BuiltPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';
import { bodySchemaOf, expectProblem, routeKey, type JsonSchema } from '../support/apiContract';

// ---------------------------------------------------------------------------------------------
// Helpers

type Json = Record<string, unknown>;

const bodyRoutes = routes.filter((r) => r.body !== undefined);
const paramRoutes = routes.filter((r) => r.params !== undefined);

/** The non-null branch of a nullable schema, and whether null is allowed. */
function unwrap(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  if (schema.anyOf) {
    const nonNull = schema.anyOf.filter((s) => s.type !== 'null');
    return { schema: nonNull[0] ?? {}, nullable: nonNull.length < schema.anyOf.length };
  }
  return { schema, nullable: false };
}

/**
 * Values a field's schema must refuse, derived from its JSON Schema; each is blamed on `field` (or
 * `field.<index>` for an array item).
 */
function invalidValuesFor(name: string, property: JsonSchema): Array<{ label: string; value: unknown; field: string }> {
  const { schema, nullable } = unwrap(property);
  const out: Array<{ label: string; value: unknown; field: string }> = [];
  const add = (label: string, value: unknown, field = name) => out.push({ label, value, field });
  add('an object ({"$ne": 1})', { $ne: 1 });
  if (!nullable) add('null', null);
  switch (schema.type) {
    case 'string': {
      add('a number', 12345);
      add('an array', ['x']);
      add('a boolean', true);
      if (schema.enum) add('a value outside the enum', 'not-one-of-the-options');
      if ((schema.minLength ?? 0) >= 1 || schema.enum || schema.format) add('an empty string', '');
      if ((schema.minLength ?? 0) >= 1) add('whitespace only', '   \t ');
      if (schema.maxLength !== undefined)
        add(`an over-long string (${schema.maxLength + 1} chars)`, 'x'.repeat(schema.maxLength + 1));
      if (schema.format) add(`a malformed ${schema.format}`, 'not-a-valid-value');
      if (schema.format === 'date') {
        add('an impossible date (2026-13-45)', '2026-13-45');
        add('a date-time instead of a date', '2026-01-01T10:00:00Z');
        add('a day/month/year date', '13/01/2026');
      }
      if (schema.format === 'date-time') {
        add('a date-time without offset', '2026-09-01T10:00:00');
        add('an impossible date (2026-13-45)', '2026-13-45');
        add('a date without time', '2026-09-01');
      }
      if (schema.pattern && !schema.format && !new RegExp(schema.pattern).test('a b/c?#'))
        add('characters outside the allowed set', 'a b/c?#');
      break;
    }
    case 'integer':
    case 'number': {
      add('a numeric string', '12');
      add('a boolean', true);
      if (schema.type === 'integer') add('a fractional number', (schema.minimum ?? 0) + 0.5);
      if (schema.minimum !== undefined) add('a number below the minimum', schema.minimum - 1);
      if (schema.minimum !== undefined && schema.minimum >= 0) add('a negative number', -1);
      if (schema.maximum !== undefined) add('a number above the maximum', schema.maximum + 1);
      break;
    }
    case 'boolean':
      add('the string "true"', 'true');
      add('the number 1', 1);
      break;
    case 'array': {
      add('a string', 'Abc');
      const items = schema.items ? unwrap(schema.items).schema : {};
      if (items.type === 'string') {
        add('a non-string item', [42], `${name}.0`);
        if ((items.minLength ?? 0) >= 1) add('an empty item', [''], `${name}.0`);
        if (items.maxLength !== undefined) add('an over-long item', ['x'.repeat(items.maxLength + 1)], `${name}.0`);
        if (items.pattern && !new RegExp(items.pattern).test('1 bad'))
          add('an item outside the allowed set', ['1 bad'], `${name}.0`);
      }
      if (schema.maxItems !== undefined)
        add(
          'too many items',
          Array.from({ length: schema.maxItems + 1 }, () => 'Abc'),
        );
      break;
    }
    default:
      break;
  }
  return out;
}

/** JSON text with the given members in order; unlike an object literal, "__proto__" stays an own key. */
const rawObject = (members: Array<[string, unknown]>) =>
  `{${members.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;

/** 400 problem+json whose errors all concern `field` (the field itself or one of its items). */
function expectFieldError(res: request.Response, field: string): void {
  const problem = expectProblem(res, 400);
  expect(Array.isArray(problem.errors)).toBe(true);
  const fields = (problem.errors ?? []).map((e) => e.field);
  expect(fields.length).toBeGreaterThan(0);
  for (const f of fields) expect([f, f === field || f.startsWith(`${field}.`)]).toEqual([f, true]);
  for (const e of problem.errors ?? []) expect(typeof e.message).toBe('string');
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();

// ---------------------------------------------------------------------------------------------
// Fixture: a real programme, pair, session, goal, note, takeaway, commitment and agenda item.

let app: TestApp;
let built: BuiltPair;
const tokens = new Map<string, string>();
const ids: Record<string, string> = {};
const MEETING_ID = 'MCMxOTptZWV0aW5nX3ZhbGlkYXRpb25AdGhyZWFkLnYy';
const prototypeBefore = prototypeKeys();

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  const { store } = app.services;
  let routeIds: Record<string, string>;
  ({ built, ids: routeIds } = await buildPairWithContent(store, {
    noteVisibility: 'private',
    takeawayVisibility: 'pair',
    meetingId: MEETING_ID,
  }));
  Object.assign(ids, routeIds);
  // A rating of the fixture's goal by the mentor, for the route that changes ratings.
  const goal = (await store.pairs.find(built.pair.tenantId, built.pair.id, routeIds.goalId!)) as GoalDoc;
  ids.assessmentId = (
    await assessmentCreator(store, built.mentor, built.pair, built.program, goal, { moment: 'baseline', score: 2 })
  ).id;
  const admin = adminOf();
  for (const caller of [built.mentor, built.mentee, admin] as Caller[])
    tokens.set(
      caller.userId,
      await app.tokenFor({ userId: caller.userId, name: caller.name, roles: [...caller.roles] }),
    );
});

afterAll(async () => {
  await app?.stop();
});

/** Programme routes are the admin's; consent is the partner's (the mentee: the mentor wrote the takeaway); the rest the mentor's. */
function callerFor(route: RouteDefinition): Caller {
  if (route.path.startsWith('/api/programs')) return adminOf();
  if (route.path.endsWith('/consent')) return built.mentee;
  return built.mentor;
}

function pathFor(route: RouteDefinition, override: Record<string, string> = {}): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (name in override) return override[name]!;
    const value = ids[name];
    if (value === undefined)
      throw new Error(`No fixture id for path parameter :${name} of ${routeKey(route)}; add one to the fixture.`);
    return encodeURIComponent(value);
  });
}

/** The stored document's current ETag (quoted), for routes that need If-Match. */
async function currentEtag(docId: string): Promise<string> {
  const doc =
    (await app.services.store.pairs.find(built.pair.tenantId, built.pair.id, docId)) ??
    (await app.services.store.programs.find(built.pair.tenantId, built.program.id, docId));
  if (!doc?._etag) throw new Error(`no document ${docId}`);
  return doc._etag;
}

const WELL_FORMED_ETAG = '"00000000-0000-0000-0000-000000000000"';

interface SendOptions {
  path?: string;
  ifMatch?: string;
  raw?: string;
  contentType?: string;
}

function send(route: RouteDefinition, body: unknown, options: SendOptions = {}): request.Test {
  let req = request(app.app)[route.method](options.path ?? pathFor(route));
  if (route.auth === 'user') req = req.set('Authorization', `Bearer ${tokens.get(callerFor(route).userId)}`);
  if (route.ifMatch) req = req.set('If-Match', options.ifMatch ?? WELL_FORMED_ETAG);
  if (options.raw !== undefined)
    return req.set('Content-Type', options.contentType ?? 'application/json').send(options.raw);
  if (options.contentType) req = req.set('Content-Type', options.contentType);
  return body === undefined ? req : req.send(body as object);
}

// ---------------------------------------------------------------------------------------------
// Per-route cases. Keyed by "METHOD /path"; a body route without an entry fails the suite.

type Case = [label: string, changes: Json, field: string];

interface RouteCases {
  /** A body that passes validation and succeeds with the fixture. */
  valid: () => Json;
  /** Statuses the valid body may answer. */
  ok: number[];
  /** The document whose current ETag the valid request sends as If-Match. */
  etagDoc?: () => string;
  /** Hand-written malformed bodies: `changes` are applied to the valid body (undefined removes a field). */
  cases: Case[];
}

const long = (n: number) => 'x'.repeat(n);

const CASES: Record<string, RouteCases> = {
  'POST /api/dev/token': {
    valid: () => ({ userId: 'validation-user', name: 'Validation User' }),
    ok: [200],
    cases: [
      ['userId with a slash', { userId: 'a/b' }, 'userId'],
      ['userId missing', { userId: undefined }, 'userId'],
      ['name as a number', { name: 7 }, 'name'],
      ['name over-long', { name: long(LIMITS.nameLength + 1) }, 'name'],
      ['email malformed', { email: 'not-an-email' }, 'email'],
      ['tenantId not a uuid', { tenantId: 'contoso' }, 'tenantId'],
      ['roles as a string', { roles: 'ProgramAdmin' }, 'roles'],
      ['roles item starting with a digit', { roles: ['1Admin'] }, 'roles.0'],
      ['roles with 11 items', { roles: Array.from({ length: 11 }, (_, i) => `Role${i}`) }, 'roles'],
    ],
  },
  'PUT /api/meetings/:meetingId/link': {
    valid: () => ({ pairId: ids.pairId!, sessionId: ids.sessionId! }),
    ok: [200],
    cases: [
      ['pairId missing', { pairId: undefined }, 'pairId'],
      ['pairId empty', { pairId: '' }, 'pairId'],
      ['pairId with spaces', { pairId: 'a pair' }, 'pairId'],
      ['pairId as an object', { pairId: { $ne: 1 } }, 'pairId'],
      ['sessionId over-long', { sessionId: long(LIMITS.idLength + 1) }, 'sessionId'],
      ['sessionId with a slash', { sessionId: '../x' }, 'sessionId'],
    ],
  },
  'POST /api/programs': {
    valid: () => ({ name: 'Validation programme', startsOn: '2026-01-01', endsOn: '2026-06-30' }),
    ok: [201],
    cases: [
      ['name missing', { name: undefined }, 'name'],
      ['name empty', { name: '' }, 'name'],
      ['name whitespace only', { name: '    ' }, 'name'],
      ['name over-long', { name: long(LIMITS.nameLength + 1) }, 'name'],
      ['startsOn 2026-13-45', { startsOn: '2026-13-45' }, 'startsOn'],
      ['startsOn 2026-02-30', { startsOn: '2026-02-30' }, 'startsOn'],
      ['endsOn before startsOn', { startsOn: '2026-06-30', endsOn: '2026-01-01' }, 'endsOn'],
      ['endsOn equal to startsOn', { startsOn: '2026-06-30', endsOn: '2026-06-30' }, 'endsOn'],
      ['cadenceDays fractional', { cadenceDays: 7.5 }, 'cadenceDays'],
      ['cadenceDays negative', { cadenceDays: -14 }, 'cadenceDays'],
      ['sessionMinutes under 15', { sessionMinutes: 10 }, 'sessionMinutes'],
      ['retentionDays negative', { retentionDays: -1 }, 'retentionDays'],
      ['retentionDays 0 (under the 30-day floor)', { retentionDays: 0 }, 'retentionDays'],
      ['retentionDays 29', { retentionDays: 29 }, 'retentionDays'],
      ['objectives as a string', { objectives: 'Digital fluency' }, 'objectives'],
      ['objectives as an object', { objectives: { 0: 'Digital fluency' } }, 'objectives'],
      ['objectives with an empty item', { objectives: [''] }, 'objectives.0'],
      ['topics with 51 items', { topics: Array.from({ length: 51 }, (_, i) => `topic ${i}`) }, 'topics'],
      ['programLearningsEnabled as "yes"', { programLearningsEnabled: 'yes' }, 'programLearningsEnabled'],
    ],
  },
  'POST /api/programs/:programId/participants': {
    valid: () => ({ id: 'validation-participant', name: 'Val Participant', role: 'mentor', skills: ['Copilot'] }),
    ok: [200, 201],
    cases: [
      ['id missing', { id: undefined }, 'id'],
      ['id with a slash', { id: 'a/b' }, 'id'],
      ['id over-long', { id: long(LIMITS.idLength + 1) }, 'id'],
      ['role not a pair role', { role: 'boss' }, 'role'],
      ['role missing', { role: undefined }, 'role'],
      ['email malformed', { email: 'nobody@' }, 'email'],
      ['skills with a number', { skills: ['Copilot', 3] }, 'skills.1'],
      ['interests as an object', { interests: { a: 'b' } }, 'interests'],
      ['department over-long', { department: long(LIMITS.nameLength + 1) }, 'department'],
      ['managerId empty', { managerId: '' }, 'managerId'],
    ],
  },
  'POST /api/programs/:programId/pairs': {
    valid: () => ({ mentorId: 'spare-mentor', menteeId: 'spare-mentee' }),
    ok: [201],
    cases: [
      ['mentorId missing', { mentorId: undefined }, 'mentorId'],
      ['mentorId as a number', { mentorId: 5 }, 'mentorId'],
      ['menteeId over-long', { menteeId: long(200) }, 'menteeId'],
      ['menteeId with a NUL', { menteeId: 'a\u0000b' }, 'menteeId'],
    ],
  },
  'PATCH /api/programs/:programId': {
    valid: () => ({ cadenceDays: 21, topics: ['AI at work'] }),
    ok: [200],
    etagDoc: () => ids.programId!,
    cases: [
      ['cadenceDays under 7', { cadenceDays: 3 }, 'cadenceDays'],
      [
        'reminderSchedule with a negative lead time',
        {
          reminderSchedule: {
            prepareHoursBefore: -1,
            startingSoonMinutesBefore: 15,
            captureTakeawaysAfterSession: true,
            stalledGraceDays: 7,
            commitmentCheckInDaysBefore: 2,
          },
        },
        'reminderSchedule.prepareHoursBefore',
      ],
      ['endsOn malformed', { endsOn: '31/12/2026' }, 'endsOn'],
    ],
  },
  'POST /api/programs/:programId/retention/preview': {
    valid: () => ({ endsOn: '2026-12-31', retentionDays: 60 }),
    ok: [200],
    cases: [
      ['retentionDays under the floor', { retentionDays: 7 }, 'retentionDays'],
      ['endsOn malformed', { endsOn: '31/12/2026' }, 'endsOn'],
    ],
  },
  'POST /api/programs/:programId/directory/search': {
    valid: () => ({ query: 'pri' }),
    ok: [200],
    cases: [['query over-long', { query: long(101) }, 'query']],
  },
  'POST /api/programs/:programId/participants/import': {
    valid: () => ({ csv: 'name,email,role\nPriya Patel,priya@contoso.example,mentor' }),
    ok: [200],
    cases: [
      ['csv missing', { csv: undefined }, 'csv'],
      ['commit as "yes"', { commit: 'yes' }, 'commit'],
    ],
  },
  'POST /api/programs/:programId/participants/export': {
    valid: () => ({ users: ['spare-mentor'] }),
    ok: [200],
    cases: [
      ['users empty', { users: [] }, 'users'],
      ['users over 200', { users: Array.from({ length: 201 }, (_, i) => `person-${i}`) }, 'users'],
      ['a user id that is not an id', { users: ['../etc'] }, 'users.0'],
    ],
  },
  'PATCH /api/programs/:programId/pairs/:pairId': {
    valid: () => ({ status: 'active' }),
    ok: [200],
    etagDoc: () => ids.pairId!,
    cases: [['status not a pair status', { status: 'finished' }, 'status']],
  },
  'POST /api/programs/:programId/matches/unmatched': {
    valid: () => ({ people: [{ id: 'spare-mentor', reason: 'More mentors than executives this round' }] }),
    ok: [200],
    cases: [
      ['a person without a reason', { people: [{ id: 'spare-mentor' }] }, 'people.0.reason'],
      ['a person id with a slash', { people: [{ id: 'a/b', reason: 'r' }] }, 'people.0.id'],
    ],
  },
  'POST /api/programs/:programId/matches/suggest': {
    valid: () => ({ avoidSameDepartment: true }),
    ok: [200],
    cases: [
      ['avoidSameDepartment as "yes"', { avoidSameDepartment: 'yes' }, 'avoidSameDepartment'],
      ['avoidSameDepartment as 0', { avoidSameDepartment: 0 }, 'avoidSameDepartment'],
      [
        'rejected item with a slash in an id',
        { rejected: [{ mentorId: 'a/b', menteeId: 'spare-mentee' }] },
        'rejected.0.mentorId',
      ],
    ],
  },
  'POST /api/pairs/:pairId/goals': {
    valid: () => ({
      title: 'Use Copilot weekly',
      successMeasure: 'Three prompts a week',
      owner: 'mentee',
      targetDate: '2026-09-30',
    }),
    ok: [201],
    cases: [
      ['title missing', { title: undefined }, 'title'],
      ['title empty', { title: '' }, 'title'],
      ['title whitespace only', { title: '   ' }, 'title'],
      ['title over-long', { title: long(LIMITS.titleLength + 1) }, 'title'],
      ['title as a number', { title: 42 }, 'title'],
      ['title as an array', { title: ['a'] }, 'title'],
      ['successMeasure over-long', { successMeasure: long(LIMITS.successMeasureLength + 1) }, 'successMeasure'],
      ['owner not a pair role', { owner: 'manager' }, 'owner'],
      ['targetDate 2026-13-45', { targetDate: '2026-13-45' }, 'targetDate'],
      ['targetDate as a timestamp', { targetDate: 1790000000000 }, 'targetDate'],
    ],
  },
  'PATCH /api/pairs/:pairId/goals/:goalId': {
    valid: () => ({ progress: 10, status: 'onTrack' }),
    ok: [200],
    etagDoc: () => ids.goalId!,
    cases: [
      ['progress negative', { progress: -1 }, 'progress'],
      ['progress fractional', { progress: 50.5 }, 'progress'],
      ['progress over 100', { progress: 101 }, 'progress'],
      ['progress as a string', { progress: '50' }, 'progress'],
      ['status not a goal status', { status: 'done' }, 'status'],
      ['title empty', { title: '' }, 'title'],
      ['owner not a pair role', { owner: 'both' }, 'owner'],
      ['targetDate 2026-13-45', { targetDate: '2026-13-45' }, 'targetDate'],
    ],
  },
  'POST /api/pairs/:pairId/sessions': {
    valid: () => ({
      scheduledAt: '2026-09-01T10:00:00+02:00',
      durationMinutes: 45,
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/x',
    }),
    ok: [201],
    cases: [
      ['scheduledAt without offset', { scheduledAt: '2026-09-01T10:00:00' }, 'scheduledAt'],
      ['scheduledAt 2026-13-45', { scheduledAt: '2026-13-45' }, 'scheduledAt'],
      ['scheduledAt 2026-13-45T10:00:00Z', { scheduledAt: '2026-13-45T10:00:00Z' }, 'scheduledAt'],
      ['scheduledAt in words', { scheduledAt: 'tomorrow at ten' }, 'scheduledAt'],
      ['scheduledAt missing', { scheduledAt: undefined }, 'scheduledAt'],
      ['scheduledAt with an impossible offset (+24:00)', { scheduledAt: '2026-09-01T10:00:00+24:00' }, 'scheduledAt'],
      // In UTC this is 10000-01-01: it cannot be stored as an RFC 3339 (four-digit year) UTC time.
      ['scheduledAt whose UTC time is past year 9999', { scheduledAt: '9999-12-31T23:59:59-23:59' }, 'scheduledAt'],
      ['durationMinutes negative', { durationMinutes: -30 }, 'durationMinutes'],
      ['durationMinutes fractional', { durationMinutes: 30.5 }, 'durationMinutes'],
      ['durationMinutes over the maximum', { durationMinutes: LIMITS.sessionMinutesMax + 1 }, 'durationMinutes'],
      ['durationMinutes as a string', { durationMinutes: '45' }, 'durationMinutes'],
      ['joinUrl over http', { joinUrl: 'http://teams.microsoft.com/l/meetup-join/x' }, 'joinUrl'],
      ['joinUrl javascript:', { joinUrl: 'javascript:alert(1)' }, 'joinUrl'],
      ['meetingId with spaces', { meetingId: 'not a meeting' }, 'meetingId'],
    ],
  },
  'POST /api/pairs/:pairId/availability': {
    valid: () => ({ durationMinutes: 45, days: 7 }),
    ok: [200],
    cases: [
      ['durationMinutes under 15', { durationMinutes: 10 }, 'durationMinutes'],
      ['durationMinutes over the maximum', { durationMinutes: LIMITS.sessionMinutesMax + 1 }, 'durationMinutes'],
      ['days zero', { days: 0 }, 'days'],
      ['days beyond four weeks', { days: 29 }, 'days'],
      ['days fractional', { days: 1.5 }, 'days'],
    ],
  },
  'POST /api/pairs/:pairId/bookings': {
    valid: () => ({ scheduledAt: '2031-09-01T10:00:00+02:00', durationMinutes: 45 }),
    ok: [201],
    cases: [
      ['scheduledAt without offset', { scheduledAt: '2031-09-01T10:00:00' }, 'scheduledAt'],
      ['scheduledAt in words', { scheduledAt: 'next Tuesday' }, 'scheduledAt'],
      ['durationMinutes under 15', { durationMinutes: 5 }, 'durationMinutes'],
      ['occurrences zero', { occurrences: 0 }, 'occurrences'],
      ['occurrences over twelve', { occurrences: 13 }, 'occurrences'],
      ['occurrences as a string', { occurrences: '3' }, 'occurrences'],
    ],
  },
  'PATCH /api/pairs/:pairId/sessions/:sessionId/schedule': {
    valid: () => ({ scheduledAt: '2031-09-02T10:00:00+02:00' }),
    ok: [200],
    etagDoc: () => ids.sessionId!,
    cases: [
      ['scheduledAt missing', { scheduledAt: undefined }, 'scheduledAt'],
      ['scheduledAt 2031-13-45T10:00:00Z', { scheduledAt: '2031-13-45T10:00:00Z' }, 'scheduledAt'],
      ['durationMinutes fractional', { durationMinutes: 30.5 }, 'durationMinutes'],
    ],
  },
  'POST /api/pairs/:pairId/sessions/:sessionId/cancel': {
    valid: () => ({ reason: 'Travelling that week' }),
    ok: [200],
    etagDoc: () => ids.sessionId!,
    cases: [
      ['reason over 500 characters', { reason: 'x'.repeat(501) }, 'reason'],
      ['reason a number', { reason: 5 }, 'reason'],
    ],
  },
  'POST /api/pairs/:pairId/sessions/:sessionId/agenda': {
    valid: () => ({ title: 'Walk through a prompt', minutes: 10 }),
    ok: [201],
    cases: [
      ['title missing', { title: undefined }, 'title'],
      ['title empty', { title: '' }, 'title'],
      ['minutes zero', { minutes: 0 }, 'minutes'],
      ['minutes fractional', { minutes: 2.5 }, 'minutes'],
      ['minutes negative', { minutes: -5 }, 'minutes'],
      ['minutes over the maximum', { minutes: LIMITS.agendaMinutesMax + 1 }, 'minutes'],
      ['goalId with a slash', { goalId: 'a/b' }, 'goalId'],
      ['ownerId as an array', { ownerId: ['x'] }, 'ownerId'],
    ],
  },
  'PATCH /api/pairs/:pairId/sessions/:sessionId/agenda/:itemId': {
    valid: () => ({ done: true }),
    ok: [200],
    etagDoc: () => ids.sessionId!,
    cases: [
      ['done as "yes"', { done: 'yes' }, 'done'],
      ['minutes zero', { minutes: 0 }, 'minutes'],
      ['position negative', { position: -1 }, 'position'],
      ['position fractional', { position: 1.5 }, 'position'],
      ['position over the maximum', { position: LIMITS.agendaItems + 1 }, 'position'],
      ['title empty', { title: '' }, 'title'],
    ],
  },
  'POST /api/pairs/:pairId/sessions/:sessionId/notes': {
    valid: () => ({ body: 'What I learned today', visibility: 'pair' }),
    ok: [201],
    cases: [
      ['body missing', { body: undefined }, 'body'],
      ['body empty', { body: '' }, 'body'],
      ['body over-long', { body: long(LIMITS.noteBodyLength + 1) }, 'body'],
      ['visibility program (takeaways only)', { visibility: 'program' }, 'visibility'],
      ['visibility public', { visibility: 'public' }, 'visibility'],
      ['visibility as an array', { visibility: ['pair'] }, 'visibility'],
    ],
  },
  'PATCH /api/pairs/:pairId/sessions/:sessionId/notes/:noteId': {
    valid: () => ({ body: 'Edited note' }),
    ok: [200],
    etagDoc: () => ids.noteId!,
    cases: [
      ['visibility everyone', { visibility: 'everyone' }, 'visibility'],
      ['body empty', { body: '' }, 'body'],
      ['body as a number', { body: 1 }, 'body'],
    ],
  },
  'POST /api/pairs/:pairId/sessions/:sessionId/takeaways': {
    valid: () => ({ text: 'Ask the team before buying tools', visibility: 'private' }),
    ok: [201],
    cases: [
      ['visibility missing', { visibility: undefined }, 'visibility'],
      ['visibility public', { visibility: 'public' }, 'visibility'],
      ['visibility uppercase', { visibility: 'PAIR' }, 'visibility'],
      ['text empty', { text: '' }, 'text'],
      ['text over-long', { text: long(LIMITS.takeawayTextLength + 1) }, 'text'],
    ],
  },
  'POST /api/pairs/:pairId/takeaways/:takeawayId/consent': {
    valid: () => ({ approve: true }),
    ok: [200],
    cases: [
      ['approve missing', { approve: undefined }, 'approve'],
      ['approve as "true"', { approve: 'true' }, 'approve'],
      ['approve as 1', { approve: 1 }, 'approve'],
    ],
  },
  'POST /api/pairs/:pairId/findings': {
    valid: () => ({ text: 'Call me on +44 20 7946 0958' }),
    ok: [200],
    cases: [
      ['text missing', { text: undefined }, 'text'],
      ['text over-long', { text: long(LIMITS.noteBodyLength + 1) }, 'text'],
      ['text as a number', { text: 5 }, 'text'],
    ],
  },
  'POST /api/pairs/:pairId/commitments': {
    valid: () => ({ text: 'Try Copilot in the board pack', dueDate: '2026-10-01', sessionId: ids.sessionId! }),
    ok: [201],
    cases: [
      ['text missing', { text: undefined }, 'text'],
      ['text over-long', { text: long(LIMITS.commitmentTextLength + 1) }, 'text'],
      ['dueDate 2026-13-45', { dueDate: '2026-13-45' }, 'dueDate'],
      ['dueDate with time', { dueDate: '2026-10-01T00:00:00Z' }, 'dueDate'],
      ['sessionId with spaces', { sessionId: 'a session' }, 'sessionId'],
    ],
  },
  'POST /api/pairs/:pairId/goals/:goalId/assessments': {
    valid: () => ({ moment: 'midpoint', score: 4, note: 'Asks sharper questions now' }),
    ok: [201],
    cases: [
      ['moment not a moment', { moment: 'halfway' }, 'moment'],
      ['score 0', { score: 0 }, 'score'],
      ['score 6', { score: 6 }, 'score'],
      ['score 3.5', { score: 3.5 }, 'score'],
      ['score as a string', { score: '4' }, 'score'],
      ['note over-long', { note: long(LIMITS.assessmentNoteLength + 1) }, 'note'],
    ],
  },
  'PATCH /api/pairs/:pairId/assessments/:assessmentId': {
    valid: () => ({ score: 3, note: null }),
    ok: [200],
    etagDoc: () => ids.assessmentId!,
    cases: [
      ['score 9', { score: 9 }, 'score'],
      ['note as a number', { note: 5 }, 'note'],
      ['note over-long', { note: long(LIMITS.assessmentNoteLength + 1) }, 'note'],
    ],
  },
  'PATCH /api/pairs/:pairId/commitments/:commitmentId': {
    valid: () => ({ status: 'kept', evidence: 'Used it in the March board pack' }),
    ok: [200],
    etagDoc: () => ids.commitmentId!,
    cases: [
      ['status not a commitment status', { status: 'done' }, 'status'],
      ['evidence over-long', { evidence: long(LIMITS.commitmentTextLength + 1) }, 'evidence'],
      ['dueDate in words', { dueDate: 'next week' }, 'dueDate'],
      ['text empty', { text: '' }, 'text'],
    ],
  },
};

const withChanges = (valid: Json, changes: Json): Json => {
  const out: Json = { ...valid };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
};

// ---------------------------------------------------------------------------------------------

describe('request bodies', () => {
  test('every route with a body has validation cases, and every case names a route with a body', () => {
    expect(bodyRoutes.length).toBeGreaterThan(0);
    expect(bodyRoutes.map(routeKey).filter((key) => !(key in CASES))).toEqual([]);
    expect(Object.keys(CASES).filter((key) => !bodyRoutes.some((r) => routeKey(r) === key))).toEqual([]);
    for (const route of bodyRoutes) {
      const spec = CASES[routeKey(route)];
      expect([routeKey(route), (spec?.cases.length ?? 0) > 0]).toEqual([routeKey(route), true]);
    }
  });

  describe.each(bodyRoutes.map((route) => [routeKey(route), route] as const))('%s', (key, route) => {
    const spec = CASES[key];
    const schema = bodySchemaOf(route);
    const properties = Object.entries(schema.properties ?? {});
    const required = schema.required ?? [];
    const valid = () => {
      if (!spec) throw new Error(`${key} has a body but no validation cases: add an entry to CASES.`);
      return spec.valid();
    };

    test('the valid body is accepted (the cases below change one thing each)', async () => {
      const ifMatch = spec?.etagDoc ? await currentEtag(spec.etagDoc()) : undefined;
      const res = await send(route, valid(), { ...(ifMatch ? { ifMatch } : {}) });
      const ok = spec?.ok ?? [200, 201];
      if (!ok.includes(res.status)) throw new Error(`expected ${ok.join(' or ')}, got ${res.status} ${res.text}`);
      expect(ok).toContain(res.status);
    });

    test('the body schema has properties to check', () => {
      expect(properties.length).toBeGreaterThan(0);
    });

    if (spec)
      test.each(spec.cases.map(([label, changes, field]) => [label, field, changes] as const))(
        '%s → 400 naming %s',
        async (_label, field, changes) => {
          expectFieldError(await send(route, withChanges(valid(), changes)), field);
        },
      );

    const derived = properties.flatMap(([name, property]) =>
      invalidValuesFor(name, property).map((c) => [`${name}: ${c.label}`, name, c.value, c.field] as const),
    );
    test.each(derived)('%s → 400 naming the field', async (_label, name, value, field) => {
      expectFieldError(await send(route, { ...valid(), [name]: value }), field);
    });

    if (required.length > 0) {
      test.each(required)('missing required field %s → 400 naming it', async (name) => {
        expectFieldError(await send(route, withChanges(valid(), { [name]: undefined })), name);
      });

      test('an empty object → 400 naming every required field', async () => {
        const problem = expectProblem(await send(route, {}), 400);
        const fields = (problem.errors ?? []).map((e) => e.field);
        for (const name of required) expect(fields).toContain(name);
      });

      test('required fields smuggled in through "__proto__" are not read → 400 naming them', async () => {
        const res = await send(route, undefined, { raw: rawObject([['__proto__', valid()]]) });
        const problem = expectProblem(res, 400);
        const fields = (problem.errors ?? []).map((e) => e.field);
        for (const name of required) expect(fields).toContain(name);
        expect(prototypeKeys()).toEqual(prototypeBefore);
      });
    }

    test('"__proto__" / "constructor" keys neither pollute Object.prototype nor supply a bad field', async () => {
      const [first] = properties;
      const [name] = first!;
      const body = withChanges(valid(), { [name]: undefined });
      const raw = rawObject([
        ['__proto__', { polluted: 'yes', [name]: valid()[name] ?? 'x' }],
        ['constructor', { prototype: { polluted: 'yes' } }],
        ...Object.entries(body),
        [name, { $ne: 1 }],
      ]);
      expectFieldError(await send(route, undefined, { raw }), name);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(prototypeKeys()).toEqual(prototypeBefore);
    });

    test('a null body → 400 naming the body', async () => {
      expectFieldError(await send(route, undefined, { raw: 'null' }), 'body');
    });

    test('invalid JSON text → 400 naming the body', async () => {
      expectFieldError(await send(route, undefined, { raw: '{"title": "unterminated' }), 'body');
    });

    test('JSON with a trailing comma → 400 naming the body', async () => {
      expectFieldError(await send(route, undefined, { raw: `${JSON.stringify(valid()).slice(0, -1)},}` }), 'body');
    });

    test('a JSON scalar (string, number) → 400 naming the body', async () => {
      expectFieldError(await send(route, undefined, { raw: '"just a string"' }), 'body');
      expectFieldError(await send(route, undefined, { raw: '42' }), 'body');
    });

    test('an array where an object is expected → 400 naming the body', async () => {
      expectFieldError(await send(route, undefined, { raw: '[]' }), 'body');
      expectFieldError(await send(route, [valid()]), 'body');
    });

    if (!route.body!.safeParse(undefined).success)
      test('JSON sent as text/plain is not read → 400 naming the body', async () => {
        expectFieldError(
          await send(route, undefined, { raw: JSON.stringify(valid()), contentType: 'text/plain' }),
          'body',
        );
      });
  });
});

describe('body parsing', () => {
  const route = () => routes.find((r) => r.method === 'post' && r.path === '/api/pairs/:pairId/goals')!;
  const goal = { title: 42, successMeasure: 'Three prompts a week', owner: 'mentee' };

  test('an unsupported charset → 415 problem+json', async () => {
    const res = await send(route(), undefined, {
      raw: '{"title":"x"}',
      contentType: 'application/json; charset=latin1',
    });
    expectProblem(res, 415);
  });

  test('an application/*+json body is read as JSON', async () => {
    const res = await send(route(), undefined, {
      raw: JSON.stringify(goal),
      contentType: 'application/merge-patch+json',
    });
    expectFieldError(res, 'title');
  });

  test('a deeply nested unknown field is ignored, not a crash', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 2000; i++) deep = { d: deep };
    const res = await send(route(), undefined, { raw: JSON.stringify({ ...goal, extra: deep }) });
    expectFieldError(res, 'title');
  });
});

// ---------------------------------------------------------------------------------------------

describe('path parameters', () => {
  /** [label, as sent in the URL, decoded value (undefined: not valid percent-encoding)] */
  const BAD_IDS: Array<[string, string, string | undefined]> = [
    ['an encoded slash (a%2Fb)', 'a%2Fb', 'a/b'],
    ['a NUL (%00)', '%00', '\u0000'],
    ['200 characters', long(200), long(200)],
    ['600 characters', long(600), long(600)],
    ['a space (a%20b)', 'a%20b', 'a b'],
    ['a question mark (a%3Fb)', 'a%3Fb', 'a?b'],
    ['a hash (%23)', '%23', '#'],
    ['a backslash (a%5Cb)', 'a%5Cb', 'a\\b'],
    ['non-ASCII (%C3%A9)', '%C3%A9', 'é'],
    ['broken percent-encoding (%E0%A4%A)', '%E0%A4%A', undefined],
    ['a lone percent sign', '%', undefined],
  ];

  test('there are routes with path parameters', () => {
    expect(paramRoutes.length).toBeGreaterThan(0);
  });

  const table = paramRoutes.flatMap((route) => {
    const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
    return names.flatMap((name) =>
      BAD_IDS.map(
        ([label, encoded, decoded]) =>
          [`${routeKey(route)} :${name} = ${label}`, route, name, encoded, decoded] as const,
      ),
    );
  });

  test.each(table)('%s → 400 or 404 problem+json, never 500', async (_label, route, name, encoded, decoded) => {
    const spec = CASES[routeKey(route)];
    const res = await send(route, spec ? spec.valid() : undefined, { path: pathFor(route, { [name]: encoded }) });
    const shape = (route.params as z.ZodObject).shape as Record<string, z.ZodType>;
    const accepted = decoded !== undefined && shape[name]!.safeParse(decoded).success;
    if (!accepted) {
      const problem = expectProblem(res, 400);
      if (decoded !== undefined) expect((problem.errors ?? []).map((e) => e.field)).toContain(name);
      return;
    }
    // The parameter's own schema allows this value (e.g. "/" in a Teams meeting id): it must simply not exist.
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400) expectProblem(res, res.status);
  });
});

describe('unknown /api routes', () => {
  test.each([
    ['get', '/api/nope'],
    ['get', '/api/pairs'],
    ['post', '/api/pairs'],
    ['delete', '/api/pairs/some-pair'],
    ['get', '/api/pairs/some-pair/unknown'],
    ['patch', '/api/openapi.json'],
    ['get', '/api/'],
  ] as const)('%s %s → 404 problem+json', async (method, path) => {
    const withToken = await request(app.app)
      [method](path)
      .set('Authorization', `Bearer ${tokens.get(built.mentor.userId)}`)
      .send({});
    expectProblem(withToken, 404);
    const anonymous = await request(app.app)[method](path);
    expect(anonymous.status).toBe(404);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
