// /api/openapi.json: generated from the route definitions; complete, carrying the zod constraints, and
// structurally sound (every $ref resolves, every path parameter declared).
import request from 'supertest';
import { routes } from '../../bot/src/app';
import { LIMITS } from '../../bot/src/domain/limits';
import { buildTestApp, type TestApp } from '../support/testApp';
import type { JsonSchema } from '../support/apiContract';

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Json }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Json }> }>;
}
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const toTemplate = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

let app: TestApp;
let doc: {
  openapi: string;
  info: Json;
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: Json;
};

beforeAll(async () => {
  app = await buildTestApp();
  const res = await request(app.app).get('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  doc = JSON.parse(res.text);
});

afterAll(async () => {
  await app?.stop();
});

const operation = (method: string, path: string): Operation | undefined => doc.paths[path]?.[method.toLowerCase()];
const bodySchema = (method: string, path: string): JsonSchema => {
  const schema = operation(method, path)?.requestBody?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${method} ${path} has no application/json request body schema`);
  return schema;
};

/** RFC 6901 JSON pointer lookup from the document root. */
function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const tokens = ref
    .slice(1)
    .split('/')
    .slice(1)
    .map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = root;
  for (const token of tokens) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, token))
      return undefined;
    node = (node as Json)[token];
  }
  return node;
}

function collectRefs(node: unknown, at: string, out: Array<{ at: string; ref: string }>): void {
  if (Array.isArray(node)) node.forEach((n, i) => collectRefs(n, `${at}/${i}`, out));
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push({ at, ref: v });
      else collectRefs(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
    }
  }
}

// ---------------------------------------------------------------------------------------------

test('served without a token, as OpenAPI 3.1.0 with info, servers and the bearer scheme', async () => {
  const res = await request(app.app).get('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(doc.openapi).toBe('3.1.0');
  expect(doc.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.any(String) }));
  expect(doc.servers?.[0]?.url).toEqual(expect.any(String));
  expect(resolvePointer(doc, '#/components/securitySchemes/bearer')).toEqual(
    expect.objectContaining({ type: 'http', scheme: 'bearer' }),
  );
});

test.each(routes.map((r) => [r.method.toUpperCase(), toTemplate(r.path), r] as const))(
  'route %s %s is documented with its method at its {param} path',
  (method, path, route) => {
    const op = operation(method, path);
    expect(op).toBeDefined();
    expect(op!.summary).toBe(route.summary);
    expect(op!.tags).toEqual([route.tag]);
    expect(op!.security).toEqual(
      route.auth === 'user' ? [{ bearer: [] }] : route.auth === 'jobs' ? [{ jobsSecret: [] }] : [],
    );
    if (route.body) expect(op!.requestBody?.required).toBe(true);
    else expect(op!.requestBody).toBeUndefined();
    const headers = (op!.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
    expect(headers.includes('If-Match')).toBe(route.ifMatch === true);
    expect(headers.includes('Idempotency-Key')).toBe(route.idempotent === true);
  },
);

test('the document has no operations beyond the routes', () => {
  const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((k) => METHODS.includes(k))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
  const served = routes.map((r) => `${r.method.toUpperCase()} ${toTemplate(r.path)}`);
  expect(documented.sort()).toEqual([...served].sort());
});

// The resource table of API.md.
const API_MD_RESOURCES: Array<[string, string]> = [
  ['POST', '/api/programs'],
  ['GET', '/api/programs/{programId}'],
  ['POST', '/api/programs/{programId}/participants'],
  ['POST', '/api/programs/{programId}/pairs'],
  ['POST', '/api/programs/{programId}/matches/suggest'],
  ['GET', '/api/programs/{programId}/insights'],
  ['GET', '/api/pairs/{pairId}'],
  ['POST', '/api/pairs/{pairId}/goals'],
  ['PATCH', '/api/pairs/{pairId}/goals/{goalId}'],
  ['POST', '/api/pairs/{pairId}/sessions'],
  ['POST', '/api/pairs/{pairId}/sessions/{sessionId}/agenda'],
  ['POST', '/api/pairs/{pairId}/sessions/{sessionId}/notes'],
  ['GET', '/api/pairs/{pairId}/sessions/{sessionId}/notes'],
  ['PATCH', '/api/pairs/{pairId}/sessions/{sessionId}/notes/{noteId}'],
  ['POST', '/api/pairs/{pairId}/sessions/{sessionId}/takeaways'],
  ['POST', '/api/pairs/{pairId}/takeaways/{takeawayId}/consent'],
  ['PUT', '/api/meetings/{meetingId}/link'],
  ['GET', '/api/meetings/{meetingId}'],
  ['GET', '/api/me'],
  ['POST', '/api/dev/token'],
  ['GET', '/api/health'],
];

test.each(API_MD_RESOURCES)('API.md resource %s %s is in the document', (method, path) => {
  const op = operation(method, path);
  expect(op).toBeDefined();
  expect(op!.operationId).toEqual(expect.any(String));
  expect(Object.keys(op!.responses ?? {}).length).toBeGreaterThan(0);
});

describe('request body schemas carry the zod constraints', () => {
  test('takeaway: text 1–4000, visibility enum private | pair | program, both required', () => {
    const s = bodySchema('post', '/api/pairs/{pairId}/sessions/{sessionId}/takeaways');
    expect(s.type).toBe('object');
    expect(s.properties?.visibility?.enum).toEqual(['private', 'pair', 'program']);
    expect(s.properties?.text).toEqual(
      expect.objectContaining({ type: 'string', minLength: 1, maxLength: LIMITS.takeawayTextLength }),
    );
    expect([...(s.required ?? [])].sort()).toEqual(['text', 'visibility']);
  });

  test('note: visibility enum private | pair with a default, body required', () => {
    const s = bodySchema('post', '/api/pairs/{pairId}/sessions/{sessionId}/notes');
    expect(s.properties?.visibility).toEqual(
      expect.objectContaining({ enum: ['private', 'pair'], default: 'private' }),
    );
    expect(s.properties?.body).toEqual(expect.objectContaining({ minLength: 1, maxLength: LIMITS.noteBodyLength }));
    expect(s.required).toEqual(['body']);
  });

  test('goal: title and successMeasure lengths, owner enum, targetDate a date', () => {
    const s = bodySchema('post', '/api/pairs/{pairId}/goals');
    expect(s.properties?.title).toEqual(
      expect.objectContaining({ type: 'string', minLength: 1, maxLength: LIMITS.titleLength }),
    );
    expect(s.properties?.successMeasure).toEqual(expect.objectContaining({ maxLength: LIMITS.successMeasureLength }));
    expect(s.properties?.owner?.enum).toEqual(['mentor', 'mentee']);
    expect(s.properties?.targetDate?.format).toBe('date');
    expect([...(s.required ?? [])].sort()).toEqual(['owner', 'successMeasure', 'title']);
  });

  test('goal changes: progress an integer 0–100, status enum, nothing required', () => {
    const s = bodySchema('patch', '/api/pairs/{pairId}/goals/{goalId}');
    expect(s.properties?.progress).toEqual(expect.objectContaining({ type: 'integer', minimum: 0, maximum: 100 }));
    expect(s.properties?.status?.enum).toEqual(['notStarted', 'onTrack', 'atRisk', 'achieved', 'dropped']);
    expect(s.required ?? []).toEqual([]);
  });

  test('session: scheduledAt a date-time, durationMinutes an integer 5–480', () => {
    const s = bodySchema('post', '/api/pairs/{pairId}/sessions');
    expect(s.properties?.scheduledAt?.format).toBe('date-time');
    expect(s.properties?.durationMinutes).toEqual(
      expect.objectContaining({ type: 'integer', minimum: 5, maximum: LIMITS.sessionMinutesMax }),
    );
    expect([...(s.required ?? [])].sort()).toEqual(['durationMinutes', 'scheduledAt']);
  });

  test('programme: dates, defaults and list limits', () => {
    const s = bodySchema('post', '/api/programs');
    expect(s.properties?.startsOn?.format).toBe('date');
    expect(s.properties?.cadenceDays).toEqual(
      expect.objectContaining({ type: 'integer', minimum: 7, maximum: 90, default: 14 }),
    );
    expect(s.properties?.objectives).toEqual(expect.objectContaining({ type: 'array', maxItems: LIMITS.listItems }));
    expect(s.properties?.objectives?.items).toEqual(expect.objectContaining({ maxLength: LIMITS.listItemLength }));
    expect([...(s.required ?? [])].sort()).toEqual(['endsOn', 'name', 'startsOn']);
  });

  test('consent: approve a required boolean', () => {
    const s = bodySchema('post', '/api/pairs/{pairId}/takeaways/{takeawayId}/consent');
    expect(s.properties?.approve?.type).toBe('boolean');
    expect(s.required).toEqual(['approve']);
  });

  test('path parameters carry the id pattern and length', () => {
    const param = operation('get', '/api/pairs/{pairId}')?.parameters?.find((p) => p.name === 'pairId');
    expect(param).toEqual(expect.objectContaining({ in: 'path', required: true }));
    expect(param?.schema).toEqual(
      expect.objectContaining({
        type: 'string',
        minLength: 1,
        maxLength: LIMITS.idLength,
        pattern: expect.any(String),
      }),
    );
    expect(new RegExp(param!.schema!.pattern as string).test('a/b')).toBe(false);
  });
});

describe('structural soundness', () => {
  test('every $ref resolves from the document root', () => {
    const refs: Array<{ at: string; ref: string }> = [];
    collectRefs(doc, '#', refs);
    expect(refs.length).toBeGreaterThan(0);
    const unresolved = refs.filter(({ ref }) => resolvePointer(doc, ref) === undefined);
    expect(unresolved).toEqual([]);
  });

  test('every operation: unique operationId, responses with descriptions, problem+json errors', () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith('/')).toBe(true);
      for (const [method, op] of Object.entries(item)) {
        expect(METHODS).toContain(method);
        expect(op.operationId).toMatch(/^[A-Za-z0-9]+$/);
        expect(ids.has(op.operationId!)).toBe(false);
        ids.add(op.operationId!);
        const responses = Object.entries(op.responses ?? {});
        expect(responses.length).toBeGreaterThan(0);
        for (const [status, response] of responses) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          expect(response.description).toEqual(expect.any(String));
          if (Number(status) >= 400 && response.content)
            expect(Object.keys(response.content)).toEqual(['application/problem+json']);
        }
      }
    }
  });

  test('every {param} in a path is declared once as a required path parameter, and nothing else is', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).sort();
      for (const op of Object.values(item)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
        expect([path, declared.map((p) => p.name).sort()]).toEqual([path, inTemplate]);
        for (const p of declared) expect(p.required).toBe(true);
        for (const p of op.parameters ?? []) expect(['path', 'query', 'header', 'cookie']).toContain(p.in);
      }
    }
  });

  test('every request body schema is an object schema with its required fields among its properties', () => {
    const bodies = Object.values(doc.paths)
      .flatMap((item) => Object.values(item))
      .filter((op) => op.requestBody);
    expect(bodies.length).toBe(routes.filter((r) => r.body).length);
    for (const op of bodies) {
      const schema = op.requestBody!.content?.['application/json']?.schema;
      expect(schema?.type).toBe('object');
      for (const name of schema?.required ?? []) expect(Object.keys(schema?.properties ?? {})).toContain(name);
    }
  });

  test('security requirements name declared schemes', () => {
    const schemes = Object.keys((resolvePointer(doc, '#/components/securitySchemes') ?? {}) as Json);
    for (const item of Object.values(doc.paths))
      for (const op of Object.values(item))
        for (const requirement of (op.security ?? []) as Json[])
          for (const name of Object.keys(requirement)) expect(schemes).toContain(name);
  });

  test('the Problem component describes the problem+json the API sends', async () => {
    const problem = resolvePointer(doc, '#/components/schemas/Problem') as JsonSchema & { $ref?: string };
    expect(problem).toBeDefined();
    // The schema itself, or what its $ref points to (resolved from the document root).
    const target = (problem.$ref ? resolvePointer(doc, problem.$ref) : problem) as JsonSchema | undefined;
    expect(target?.type).toBe('object');
    expect([...(target?.required ?? [])].sort()).toEqual(['detail', 'status', 'title', 'type']);
    const res = await request(app.app).get('/api/nope');
    expect(Object.keys(JSON.parse(res.text)).sort()).toEqual(['detail', 'status', 'title', 'type']);
  });
});
