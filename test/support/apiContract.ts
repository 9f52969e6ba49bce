// What the API tests share: the problem+json assertion, JSON Schema of a route's body, route keys.
import request from 'supertest';
import { z } from 'zod';
import type { RouteDefinition } from '../../bot/src/api/route';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
  items?: JsonSchema;
  maxItems?: number;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
}

export const routeKey = (route: RouteDefinition) => `${route.method.toUpperCase()} ${route.path}`;

export const bodySchemaOf = (route: RouteDefinition): JsonSchema =>
  z.toJSONSchema(route.body!, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** The response is problem+json with the given status and the RFC 9457 members. */
export function expectProblem(res: request.Response, status: number): Problem {
  expect({ status: res.status, body: res.text }).toMatchObject({ status });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.text) as Problem;
  expect(body).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^urn:reverse-mentoring:problem:[a-z-]+$/),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    }),
  );
  return body;
}
