// /api/openapi.json is generated from the route definitions and their zod schemas.
import { z } from 'zod';
import type { RouteDefinition } from './route';
import { problemSchema } from './schemas';

const schemaOf = (schema: z.ZodType, io: 'input' | 'output' = 'input') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' });

export function openApiDocument(routes: readonly RouteDefinition[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = route.params
      ? ((schemaOf(route.params) as { properties?: Record<string, unknown> }).properties ?? {})
      : {};
    const parameters: unknown[] = Object.entries(params).map(([name, schema]) => ({
      name,
      in: 'path',
      required: true,
      schema,
    }));
    const query = route.query
      ? (schemaOf(route.query) as { properties?: Record<string, { description?: string }>; required?: string[] })
      : undefined;
    for (const [name, schema] of Object.entries(query?.properties ?? {}))
      parameters.push({
        name,
        in: 'query',
        required: (query?.required ?? []).includes(name),
        schema,
        ...(schema.description ? { description: schema.description } : {}),
      });
    if (route.ifMatch)
      parameters.push({
        name: 'If-Match',
        in: 'header',
        required: true,
        schema: { type: 'string' },
        description: 'The ETag last read',
      });
    if (route.idempotent)
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', maxLength: 100 },
        description:
          'Retrying with the same key and body returns the first result; another body → 422; while the first is still running → 409',
      });
    const problem = {
      description: 'Problem',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
    paths[path] = {
      ...paths[path],
      [route.method]: {
        summary: route.summary,
        tags: [route.tag],
        operationId: `${route.method}${path
          .replace(/[{}]/g, '')
          .split(/[/-]/)
          .filter(Boolean)
          .map((s) => s[0]!.toUpperCase() + s.slice(1))
          .join('')}`,
        ...(route.auth === 'user'
          ? { security: [{ bearer: [] }] }
          : route.auth === 'jobs'
            ? { security: [{ jobsSecret: [] }] }
            : { security: [] }),
        ...(parameters.length ? { parameters } : {}),
        ...(route.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body) } } } }
          : {}),
        responses: {
          ...Object.fromEntries(
            Object.entries(route.responses).map(([status, r]) => [
              status,
              {
                description: r.description,
                ...(r.schema ? { content: { 'application/json': { schema: schemaOf(r.schema, 'output') } } } : {}),
              },
            ]),
          ),
          ...(route.body || route.params || route.query ? { 400: problem } : {}),
          ...(route.auth === 'user' || route.auth === 'jobs' ? { 401: problem } : {}),
          ...(route.ifMatch ? { 412: problem, 428: problem } : {}),
          ...(route.idempotent ? { 409: problem, 422: problem } : {}),
          429: problem,
          ...(route.body ? { 413: problem } : {}),
          503: problem,
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Reverse Mentoring for Microsoft Teams',
      version: '0.1.0',
      description:
        'The API the tab, the bot and tenant integrations use. Errors are application/problem+json (RFC 9457).',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Microsoft Entra ID access token with the access_as_user scope (or a development sign-in token)',
        },
        jobsSecret: {
          type: 'http',
          scheme: 'bearer',
          description:
            'JOBS_SECRET, for timed work started from outside (in development sign-in, a ProgramAdmin token also works)',
        },
      },
      schemas: { Problem: schemaOf(problemSchema) },
    },
    paths,
  };
}
