// A route is data: method, path, schemas and a handler. The same definitions mount the Express
// routes (auth → validate → handler) and generate /api/openapi.json.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { badRequest, preconditionRequired, type FieldError } from '../domain/errors';
import type { Caller } from '../domain/model';
import type { Services } from './services';

export type Auth = 'user' | 'public' | 'jobs';

export interface RouteContext<P, B, Q = undefined> {
  caller: Caller;
  params: P;
  body: B;
  /** The query string, validated by the route's `query` schema (lists: paging, search, filter). */
  query: Q;
  /** ETag from If-Match, present whenever the route requires it. */
  ifMatch: string;
  /** Optional Idempotency-Key: retrying a create with the same key returns the first result. */
  idempotencyKey?: string;
  services: Services;
  req: Request;
  res: Response;
}

export interface RouteResult<Body = unknown> {
  status?: number;
  body?: Body;
  /** The body already serialized, when the handler needed it as JSON anyway (conditionalGet hashes it). */
  json?: string;
  etag?: string;
}

export interface ResponseSpec {
  description: string;
  /** Required for every 2xx with a body (checked by test/api/responseSchemas.test.ts). */
  schema?: z.ZodType;
}

/** The bodies a route may answer: one of its declared response schemas. */
type BodyOf<R extends Record<number, ResponseSpec>> = {
  [K in keyof R]: R[K] extends { schema: infer S extends z.ZodType } ? z.input<S> : never;
}[keyof R];

export interface RouteDefinition<
  P extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends Record<number, ResponseSpec> = Record<number, ResponseSpec>,
  Q extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth: Auth;
  params?: P;
  body?: B;
  /** Query-string parameters (strict: an unknown one is a 400 naming it). */
  query?: Q;
  ifMatch?: boolean;
  idempotent?: boolean;
  responses: R;
  handle(ctx: RouteContext<z.output<P>, z.output<B>, z.output<Q>>): Promise<RouteResult<BodyOf<R>>>;
}

export function defineRoute<
  P extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  R extends Record<number, ResponseSpec> = Record<number, ResponseSpec>,
  Q extends z.ZodType = z.ZodUndefined,
>(route: RouteDefinition<P, B, R, Q>): RouteDefinition {
  return route as unknown as RouteDefinition;
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'body', message: issue.message }));
}

/** Validates input; a failure is a 400 naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'path' | 'query',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error);
  const what = { path: 'the URL', body: 'the request body', query: 'the query string' }[where];
  throw badRequest(`Check ${what}: ${errors.map((e) => e.field).join(', ')}.`, errors);
}

/** The ETag a client sent, in the quoted form the API hands out; weak validators are accepted. */
export function readIfMatch(req: Request): string {
  const raw = req.get('if-match');
  if (raw === undefined || raw.trim() === '') throw preconditionRequired();
  const value = raw.trim().replace(/^W\//, '');
  if (!/^"[^"]{1,200}"$/.test(value))
    throw badRequest('If-Match must be one ETag as returned in the ETag header.', [
      { field: 'If-Match', message: 'must be a quoted ETag' },
    ]);
  return value;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,100}$/;

export function readIdempotencyKey(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key))
    throw badRequest('Idempotency-Key must be 1–100 letters, digits or . _ : -', [
      { field: 'Idempotency-Key', message: 'not a valid key' },
    ]);
  return key;
}
