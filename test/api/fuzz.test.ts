// Property: whatever a client sends to any route of the app (the `routes` export, so routes added later are
// fuzzed too), the API never answers 5xx, every error is application/problem+json, and no response carries
// text it must not: another tenant's data, another pair's content, or a partner's private note. Requests
// mostly carry a member's token on a real pair, so they reach the handlers; others carry an outsider's,
// another tenant's, the jobs secret, garbage or none.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { z } from 'zod';
import { routes } from '../../bot/src/app';
import type { RouteDefinition } from '../../bot/src/api/route';
import type { Caller } from '../../bot/src/domain/model';
import { participantAdder } from '../../bot/src/commands/participantAdder';
import {
  adminOf,
  buildGoal,
  buildNote,
  buildPair,
  buildPairWithContent,
  buildTakeaway,
  callerOf,
  type BuiltPair,
} from '../support/factories';
import { buildTestApp, OTHER_TENANT_ID, type TestApp } from '../support/testApp';
import { SLOW_MACHINE_TIMEOUT_MS } from '../support/slowProxy';
import { routeKey, type JsonSchema } from '../support/apiContract';

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 40);
// A fixed seed keeps CI reproducible; FUZZ_SEED=<n> explores other inputs (a failure prints its seed).
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);

// Every route; those that delete run last, so that they do not empty the fixture for the others.
const fuzzedRoutes = [...routes].sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
const JOBS_SECRET = `jobs-secret-${randomUUID()}`;
const paramNames = (route: RouteDefinition) => [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();

// ---------------------------------------------------------------------------------------------
// Fixture

type Who = 'mentor' | 'mentee' | 'admin' | 'outsider' | 'otherTenant' | 'jobs' | 'garbage' | 'none';

let app: TestApp;
let built: BuiltPair;
const tokens: Record<Exclude<Who, 'none' | 'garbage'>, string> = {
  mentor: '',
  mentee: '',
  admin: '',
  outsider: '',
  otherTenant: '',
  jobs: JOBS_SECRET,
};
/** Texts no response may carry, whoever asks: another pair's content and everything of another tenant. */
const NEVER: string[] = [];
/** The other tenant's own records (ids, names): never for this tenant's callers, but that tenant's admin may list them. */
const OTHER_TENANTS_RECORDS: string[] = [];
/** The executive's private note: only the executive may ever receive it. */
let menteePrivate = '';
/** Ids of the neighbouring pair and of the other tenant's documents: sometimes put into paths. */
const strangerIds: string[] = [];
const ids: Record<string, string> = {};
const prototypeBefore = prototypeKeys();

beforeAll(async () => {
  app = await buildTestApp({
    RATE_LIMIT_PER_MINUTE: '100000',
    JOBS_SECRET,
    COSMOS_TIMEOUT_MS: SLOW_MACHINE_TIMEOUT_MS,
  });
  const { store } = app.services;
  let routeIds: Record<string, string>;
  ({ built, ids: routeIds } = await buildPairWithContent(store, {
    noteVisibility: 'pair',
    takeawayVisibility: 'program',
    spareSkill: 'AI',
    meetingId: 'MCMxOTptZWV0aW5nX2Z1enpAdGhyZWFkLnYy',
  }));
  Object.assign(ids, routeIds);
  const admin = adminOf();
  const mint = (c: Caller) => app.tokenFor({ userId: c.userId, name: c.name, roles: [...c.roles] });
  tokens.mentor = await mint(built.mentor);
  tokens.mentee = await mint(built.mentee);
  tokens.admin = await mint(admin);
  tokens.outsider = await mint(callerOf('outsider-fuzz'));

  menteePrivate = `mentee private ${randomUUID()}`;
  await buildNote(store, built, built.mentee, 'private', menteePrivate);
  // A neighbouring pair of the same tenant and programme, and a pair of another tenant: their content is marked.
  const mark = (label: string) => {
    const text = `${label} ${randomUUID()}`;
    NEVER.push(text);
    return text;
  };
  const neighbour = await buildPair(store, { program: built.program });
  await buildNote(store, neighbour, neighbour.mentor, 'pair', mark('neighbour note'));
  await buildTakeaway(store, neighbour, neighbour.mentee, 'pair', mark('neighbour takeaway'));
  const foreign = await buildPair(store, { tenantId: OTHER_TENANT_ID });
  OTHER_TENANTS_RECORDS.push(
    foreign.pair.id,
    foreign.program.id,
    foreign.mentor.name,
    foreign.mentee.name,
    foreign.program.name,
  );
  await buildGoal(store, foreign);
  await buildNote(store, foreign, foreign.mentor, 'pair', mark('foreign note'));
  await buildTakeaway(store, foreign, foreign.mentor, 'program', mark('foreign takeaway'));
  strangerIds.push(
    neighbour.pair.id,
    neighbour.session.id,
    neighbour.program.id,
    foreign.pair.id,
    foreign.session.id,
    foreign.program.id,
  );
  tokens.otherTenant = await app.tokenFor({
    userId: built.mentor.userId,
    name: built.mentor.name,
    tenantId: OTHER_TENANT_ID,
    roles: ['ProgramAdmin'],
  });
});

afterAll(async () => {
  await app?.stop();
});

/** The document whose ETag guards a PATCH: the last path parameter's, except agenda items (their session's). */
async function currentEtag(route: RouteDefinition): Promise<string | undefined> {
  const last = paramNames(route).at(-1);
  const docId = last === 'itemId' ? ids.sessionId : last ? ids[last] : undefined;
  if (!docId) return undefined;
  const { pairs, programs } = app.services.store;
  const doc =
    last === 'programId'
      ? await programs.find(built.program.tenantId, docId, docId)
      : await pairs.find(built.pair.tenantId, built.pair.id, docId);
  return doc?._etag;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 120,
});
const latin1 = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((c) => c !== 0x7f)
    .map((c) => String.fromCharCode(c)),
  maxLength: 60,
});
const unicode = fc.string({ unit: 'binary', maxLength: 200 });
const longUnicode = fc.string({ unit: 'grapheme', minLength: 500, maxLength: 3000 });
const injection = fc.constantFrom<unknown>(
  { $ne: 1 },
  { $gt: '' },
  { $where: 'sleep(1000)' },
  { $regex: '.*' },
  ['$ne', 1],
  "' OR 1=1 --",
  'SELECT * FROM c',
  '"; DROP TABLE c; --',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '\u0000',
  '\ud800',
  '\u202e',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '__proto__',
  'constructor',
  'prototype',
);
const scannerBait = fc
  .array(
    fc.constantFrom(
      '+44 20 7946 0958',
      '(415) 555-0132',
      'dana@contoso.com',
      '$5k',
      'USD 1,000,000',
      '£3.5m',
      'salary',
      'PIP',
      'Dana Whitfield',
      '+1 ',
      '0'.repeat(40),
      '@',
      '@@a.bc',
      '1'.repeat(25),
      ' ',
      '\n',
      'é',
      'e\u0301',
      '’',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.anything({
    maxDepth: 2,
    withBoxedValues: false,
    withMap: false,
    withSet: false,
    withTypedArray: false,
    withSparseArray: true,
  }),
  unicode,
  injection,
  fc.double(),
  fc.integer(),
  fc.constantFrom<unknown>(null, true, false, [], {}, '', ' ', -1, 0, 1.5, Number.MAX_SAFE_INTEGER + 2),
);

/** Nested objects deeper than any schema. */
const deepValue = fc.integer({ min: 10, max: 3000 }).map((depth) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { d: v };
  return v;
});

function unwrap(schema: JsonSchema): JsonSchema {
  return schema.anyOf ? (schema.anyOf.find((s) => s.type !== 'null') ?? {}) : schema;
}

/** Body fields that name fixture documents: usually filled with the real id, so the handler finds something. */
const FIXTURE_FIELDS = (): Record<string, string> => ({
  pairId: ids.pairId!,
  sessionId: ids.sessionId!,
  goalId: ids.goalId!,
  mentorId: 'spare-mentor',
  menteeId: 'spare-mentee',
});

/** Values the field's schema accepts (or nearly), so that some requests pass validation and reach the handler. */
function plausibleValue(property: JsonSchema, name?: string): fc.Arbitrary<unknown> {
  const fixture = name === undefined ? undefined : FIXTURE_FIELDS()[name];
  if (fixture !== undefined)
    return fc.oneof({ weight: 3, arbitrary: fc.constant(fixture) }, { weight: 1, arbitrary: plausibleValue(property) });
  const s = unwrap(property);
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'string': {
      if (s.format === 'date')
        return fc
          .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      if (s.format === 'date-time')
        return fc
          .tuple(
            fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
            fc.constantFrom('Z', '+02:00', '-05:30', '+14:00'),
          )
          .map(([d, tz]) => d.toISOString().replace('Z', tz));
      if (s.format === 'email')
        return fc.oneof(
          fc
            .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,15}$/), fc.constantFrom('contoso.com', 'fabrikam.co.uk'))
            .map(([local, domain]) => `${local}@${domain}`),
          fc.emailAddress(),
        );
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'uri') return fc.webUrl({ validSchemes: ['https'] });
      const max = Math.min(s.maxLength ?? 100, 300);
      if (s.pattern)
        return fc.oneof(
          fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= max),
          fc.constantFrom(...Object.values(ids), 'spare-mentor', 'spare-mentee'),
        );
      return fc.oneof(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }),
        scannerBait.filter((v) => v.trim().length > 0 && v.length <= max),
      );
    }
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(s.items ? plausibleValue(s.items) : fc.string({ minLength: 1, maxLength: 20 }), {
        maxLength: Math.min(s.maxItems ?? 5, 5),
      });
    default:
      return anyValue;
  }
}

type Member = [key: string, value: unknown];

/** A JSON text: objects are written member by member, so "__proto__" stays an own key as a client would send it. */
const rawObject = (members: Member[]) =>
  `{${members.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;

interface FuzzBody {
  raw: string | undefined;
  contentType: string;
}

/** `hostile`: anything a client could send; `plausible`: the route's own fields with values its schema (mostly) accepts. */
function bodyArbitraries(route: RouteDefinition): {
  hostile: fc.Arbitrary<FuzzBody>;
  plausible: fc.Arbitrary<FuzzBody>;
} {
  const schema = (route.body ? z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) : {}) as JsonSchema;
  const fields = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const dangerous: fc.Arbitrary<Member> = fc.tuple(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      '__defineGetter__',
      'hasOwnProperty',
      'toString',
      'valueOf',
    ),
    fc.oneof(
      anyValue,
      fc.constant({ polluted: 'yes', prototype: { polluted: 'yes' } }),
      fc.constant({ isAdmin: true }),
    ),
  );
  // The route's own fields, each plausible, random or missing, plus stray and dangerous keys.
  const fieldMembers: fc.Arbitrary<Member[]> =
    fields.length === 0
      ? fc.constant([])
      : fc
          .tuple(
            ...fields.map(([name, property]) =>
              fc.option(
                fc
                  .oneof(
                    { weight: 4, arbitrary: plausibleValue(property) },
                    { weight: 2, arbitrary: anyValue },
                    { weight: 1, arbitrary: longUnicode },
                    { weight: 1, arbitrary: injection },
                    { weight: 1, arbitrary: deepValue },
                  )
                  .map((value) => [name, value] as Member),
                { nil: undefined, freq: 5 },
              ),
            ),
          )
          .map((members) => members.filter((m): m is Member => m !== undefined));
  // Every required field plausible, optional ones sometimes: these mostly pass validation and reach the handler.
  const plausibleMembers: fc.Arbitrary<Member[]> = fc
    .tuple(
      ...fields.map(([name, property]) => {
        const member = plausibleValue(property, name).map((value) => [name, value] as Member);
        return required.has(name) ? member : fc.option(member, { nil: undefined, freq: 2 });
      }),
    )
    .map((members) => members.filter((m): m is Member => m !== undefined));
  const object = fc
    .tuple(
      fc.oneof(plausibleMembers, fieldMembers),
      fc.array(dangerous, { maxLength: 3 }),
      fc.array(fc.tuple(fc.string({ maxLength: 20 }), anyValue), { maxLength: 3 }),
      fc.boolean(),
    )
    .map(([own, bad, stray, dangerousFirst]) =>
      rawObject(dangerousFirst ? [...bad, ...own, ...stray] : [...own, ...stray, ...bad]),
    );
  const raw: fc.Arbitrary<string | undefined> = fc.oneof(
    { weight: 8, arbitrary: object },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null') },
    {
      weight: 1,
      arbitrary: deepValue.map((v) =>
        JSON.stringify({ ...Object.fromEntries(fields.map(([n]) => [n, 'x'])), nested: v }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        printable,
        unicode,
        fc.constantFrom('', 'null', '{', '{"a":', '[1,', '{"__proto__":', '\u0000', '{}}', 'true'),
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'application/merge-patch+json',
        'application/problem+json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=utf-8',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
      ),
    },
  );
  const plausible = fc
    .tuple(plausibleMembers, fc.array(dangerous, { maxLength: 2 }))
    .map(([own, bad]) => ({ raw: rawObject([...bad, ...own]), contentType: 'application/json' }));
  return { hostile: fc.record({ raw, contentType }), plausible };
}

interface FuzzRequest {
  who: Who;
  /** The Authorization header when `who` is 'garbage'. */
  garbageToken: string;
  params: Record<string, string | undefined>;
  body: FuzzBody;
  ifMatch: { kind: 'none' } | { kind: 'current'; weak: boolean } | { kind: 'random'; value: string };
  idempotencyKey: string | undefined;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Authorization headers that must all be refused: not a JWT, unsigned, tampered, or a real token re-headed. */
function garbageAuthorization(): fc.Arbitrary<string> {
  const real = tokens.mentor;
  const [header, payload, signature] = real.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  return fc.oneof(
    printable,
    latin1,
    printable.map((t) => `Bearer ${t}`),
    fc.constantFrom(
      'Bearer',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      `bearer ${real}x`,
      `Bearer ${real}.`,
      `Bearer ${header}.${payload}.`,
      `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      `Bearer ${b64url({ alg: 'HS256', typ: 'JWT' })}.${payload}.${signature}`,
      `Bearer ${header}.${b64url({ ...claims, tid: OTHER_TENANT_ID })}.${signature}`,
      `Bearer ${header}.${b64url({ ...claims, roles: ['ProgramAdmin'] })}.${signature}`,
      `Bearer ${header}.${b64url({ ...claims, exp: 1 })}.${signature}`,
      `Bearer ${JOBS_SECRET}`,
    ),
    fc
      .tuple(
        fc.base64String({ minLength: 4, maxLength: 40 }),
        fc.base64String({ maxLength: 40 }),
        fc.base64String({ maxLength: 40 }),
      )
      .map(([a, b, c]) => `Bearer ${a}.${b}.${c}`),
  );
}

function requestArbitrary(route: RouteDefinition): fc.Arbitrary<FuzzRequest> {
  const params = Object.fromEntries(
    paramNames(route).map((name) => [
      name,
      // Mostly undefined: the fixture's real id; otherwise a random (percent-encoded) value.
      fc.oneof(
        { weight: 9, arbitrary: fc.constant(undefined) },
        {
          weight: 1,
          arbitrary: fc.oneof(
            printable,
            unicode.filter((s) => s.length > 0),
            fc.constantFrom('...', 'x'.repeat(200), '%', '%00', 'a%2Fb', '%E0%A4%A'),
          ),
        },
        { weight: 1, arbitrary: fc.constantFrom(...strangerIds) },
      ),
    ]),
  );
  const bodies = bodyArbitraries(route);
  const naturalCaller: Who =
    route.auth === 'jobs'
      ? 'jobs'
      : route.path.startsWith('/api/programs')
        ? 'admin'
        : route.path.endsWith('/consent')
          ? 'mentee'
          : 'mentor';
  // The right caller, real ids, a plausible body and the current ETag: these get past validation to the handler.
  const wellFormed: fc.Arbitrary<FuzzRequest> = fc.record({
    who: fc.constant(naturalCaller),
    garbageToken: fc.constant(''),
    params: fc.constant({}),
    body: bodies.plausible,
    ifMatch: fc.boolean().map((weak) => ({ kind: 'current', weak }) as const),
    idempotencyKey: fc.option(fc.stringMatching(/^[A-Za-z0-9._:-]{1,100}$/), { nil: undefined }),
  });
  const hostile: fc.Arbitrary<FuzzRequest> = fc.record({
    // Mostly the caller the route is for (admin for programmes, a member for pairs), sometimes another or nobody.
    who: fc.oneof(
      { weight: 6, arbitrary: fc.constant(naturalCaller) },
      {
        weight: 4,
        arbitrary: fc.constantFrom<Who>(
          'mentor',
          'mentee',
          'admin',
          'outsider',
          'otherTenant',
          'jobs',
          'garbage',
          'none',
        ),
      },
    ),
    garbageToken: garbageAuthorization(),
    params: fc.record(params) as fc.Arbitrary<Record<string, string | undefined>>,
    body: bodies.hostile,
    ifMatch: fc.oneof(
      { weight: 1, arbitrary: fc.constant({ kind: 'none' } as const) },
      { weight: 3, arbitrary: fc.boolean().map((weak) => ({ kind: 'current', weak }) as const) },
      {
        weight: 1,
        arbitrary: fc
          .oneof(
            printable,
            latin1,
            printable.map((s) => `"${s}"`),
            printable.map((s) => `W/"${s}"`),
          )
          .map((value) => ({ kind: 'random', value }) as const),
      },
    ),
    idempotencyKey: fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9._:-]{1,100}$/) },
      { weight: 1, arbitrary: fc.oneof(printable, latin1) },
    ),
  });
  return fc.oneof({ weight: 1, arbitrary: wellFormed }, { weight: 2, arbitrary: hostile });
}

/** Path segments as a client would encode them; a few raw oddities go through as they are. */
function encodeSegment(value: string): string {
  if (['%', '%00', 'a%2Fb', '%E0%A4%A'].includes(value)) return value;
  try {
    return encodeURIComponent(value);
  } catch {
    // Lone surrogates cannot be percent-encoded as UTF-8: send U+FFFD instead, as a browser would.
    return encodeURIComponent(Array.from(value, (ch) => (/^[\ud800-\udfff]$/.test(ch) ? '\ufffd' : ch)).join(''));
  }
}

async function sendFuzz(route: RouteDefinition, r: FuzzRequest): Promise<request.Response> {
  const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const random = r.params[name];
    return random === undefined ? encodeURIComponent(ids[name]!) : encodeSegment(random);
  });
  let req = request(app.app)[route.method](path);
  if (r.who === 'garbage') req = req.set('Authorization', r.garbageToken);
  else if (r.who !== 'none') req = req.set('Authorization', `Bearer ${tokens[r.who]}`);
  if (r.ifMatch.kind === 'current') {
    const etag = await currentEtag(route);
    if (etag) req = req.set('If-Match', r.ifMatch.weak ? `W/${etag}` : etag);
  } else if (r.ifMatch.kind === 'random') req = req.set('If-Match', r.ifMatch.value);
  if (r.idempotencyKey !== undefined) req = req.set('Idempotency-Key', r.idempotencyKey);
  if (r.body.raw === undefined) return req;
  return req.set('Content-Type', r.body.contentType).send(r.body.raw);
}

/**
 * No response carries another pair's or tenant's text, nor the executive's private note to anyone else.
 * (An id the request itself put in its path or body may come back: a meeting id is the caller's to choose.)
 */
function checkNoLeak(who: Who, sent: string, res: request.Response): void {
  const text = res.text ?? '';
  const never = who === 'otherTenant' ? NEVER : [...NEVER, ...OTHER_TENANTS_RECORDS];
  for (const secret of never)
    if (text.includes(secret) && !sent.includes(secret))
      throw new Error(`${who} received ${JSON.stringify(secret)}: ${text.slice(0, 500)}`);
  if (who !== 'mentee' && text.includes(menteePrivate)) throw new Error(`${who} received the executive's private note`);
}

function checkResponse(res: request.Response): void {
  if (res.status >= 500) throw new Error(`answered ${res.status}: ${res.text}`);
  if (res.status >= 400) {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.text);
    expect(body).toEqual(
      expect.objectContaining({
        type: expect.stringMatching(/^urn:reverse-mentoring:problem:[a-z-]+$/),
        title: expect.any(String),
        status: res.status,
        detail: expect.any(String),
      }),
    );
    if (body.errors !== undefined) {
      expect(Array.isArray(body.errors)).toBe(true);
      for (const e of body.errors) expect(e).toEqual({ field: expect.any(String), message: expect.any(String) });
    }
  } else {
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  }
}

// ---------------------------------------------------------------------------------------------

describe('fuzzing every route', () => {
  const statuses = new Map<string, Map<number, number>>();

  // Fuzzing the participants route may re-add the spare people with other roles; every route starts
  // from the same fixture, so that pair creation can still reach its handler.
  beforeEach(async () => {
    const { store } = app.services;
    await participantAdder(store, built.program, {
      id: 'spare-mentor',
      name: 'Spare Mentor',
      role: 'mentor',
      skills: ['AI'],
      interests: [],
    });
    await participantAdder(store, built.program, {
      id: 'spare-mentee',
      name: 'Spare Executive',
      role: 'mentee',
      skills: [],
      interests: ['AI'],
    });
  });

  test('the routes to fuzz are those of the OpenAPI document', async () => {
    const document = (await request(app.app).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{([A-Za-z]+)\}/g, ':$1')}`),
    );
    expect(fuzzedRoutes.map(routeKey).sort()).toEqual(documented.sort());
  });

  test.each(fuzzedRoutes.map((route) => [routeKey(route), route] as const))(
    '%s: never 5xx; errors are problem+json; nothing leaks',
    async (key, route) => {
      const seen = new Map<number, number>();
      statuses.set(key, seen);
      await fc.assert(
        fc.asyncProperty(requestArbitrary(route), async (r) => {
          const res = await sendFuzz(route, r);
          const sent = `${JSON.stringify(r.params)} ${r.body.raw ?? ''}`;
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
          checkResponse(res);
          checkNoLeak(r.who, sent, res);
        }),
        { numRuns: NUM_RUNS, seed: SEED },
      );
      // Some requests got past authentication and validation to the handler, or the property says little.
      expect([...seen.keys()].filter((status) => status < 400 || [403, 404, 409, 412].includes(status))).not.toEqual(
        [],
      );
    },
    60_000,
  );

  afterAll(() => {
    if (process.env.FUZZ_VERBOSE)
      console.log([...statuses].map(([k, m]) => `${k}: ${JSON.stringify(Object.fromEntries(m))}`).join('\n'));
  });

  test('Object.prototype is not polluted after the run', () => {
    expect(statuses.size).toBe(fuzzedRoutes.length);
    expect(prototypeKeys()).toEqual(prototypeBefore);
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(Object.prototype.toString.call(probe)).toBe('[object Object]');
    expect(typeof Object.prototype.hasOwnProperty).toBe('function');
  });
});
