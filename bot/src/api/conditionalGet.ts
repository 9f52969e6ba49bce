// Conditional GET for polling clients: a strong ETag computed from the representation, and 304 Not
// Modified (no body) when the client's If-None-Match already names it.
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { RouteResult } from './route';

function representationEtag(json: string): string {
  return `"${createHash('sha256').update(json).digest('base64url').slice(0, 32)}"`;
}

/**
 * The body with its ETag, or a bodiless 304 when If-None-Match lists that ETag (or `*`). The body is serialized
 * once, for the hash and for the wire.
 */
export function conditionalGet<T>(req: Request, body: T): RouteResult<T> {
  const json = JSON.stringify(body);
  const etag = representationEtag(json);
  const known = (req.get('if-none-match') ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (known.includes(etag) || known.includes('*')) return { status: 304, etag };
  return { body, json, etag };
}

export const notModified = { 304: { description: 'Not modified: the If-None-Match ETag is current (no body)' } };
