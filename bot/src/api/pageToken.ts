// Page tokens for the API's lists: the store's continuation wrapped with what it was issued for (the list, the
// caller, the search and filter) and signed (HMAC-SHA256), so a token is opaque, works only for the same query
// by the same caller, and a changed byte is refused (400 naming `cursor`) instead of reaching the store.
// The key is derived from JOBS_SECRET where one is configured (every instance accepts every instance's tokens);
// without it (development, tests) each process makes its own.
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { badRequest } from '../domain/errors';
import type { Caller } from '../domain/model';

const keys = new Map<string, Buffer>();
function keyFor(secret: string | undefined): Buffer {
  const id = secret ?? '';
  let key = keys.get(id);
  if (!key) {
    key = secret ? Buffer.from(hkdfSync('sha256', secret, 'reverse-mentoring', 'page-token', 32)) : randomBytes(32);
    keys.set(id, key);
  }
  return key;
}

/** What a token is bound to: the list (route and its path ids), the caller, and every search and filter value. */
export interface PageScope {
  list: string;
  caller: Caller;
  query: Record<string, unknown>;
}

const scopeHash = (scope: PageScope) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        scope.list,
        scope.caller.tenantId,
        scope.caller.userId,
        Object.entries(scope.query)
          .filter(([, v]) => v !== undefined)
          .sort(),
      ]),
    )
    .digest('base64url');

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest();

const invalid = () =>
  badRequest('The cursor is not valid for this list: start again from the first page.', [
    { field: 'cursor', message: 'not a cursor this list issued for this query' },
  ]);

export function issuePageToken(secret: string | undefined, scope: PageScope, continuation: string): string {
  const payload = Buffer.from(JSON.stringify({ s: scopeHash(scope), c: continuation })).toString('base64url');
  return `${payload}.${sign(keyFor(secret), payload).toString('base64url')}`;
}

/** The store continuation in a token, if the token is this server's, unchanged, and for this very query and caller. */
export function readPageToken(secret: string | undefined, scope: PageScope, token: string): string {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length) throw invalid();
  const expected = sign(keyFor(secret), payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const body = z.object({ s: z.string(), c: z.string() }).safeParse(parsed);
  if (!body.success || body.data.s !== scopeHash(scope)) throw invalid();
  return body.data.c;
}

/** Query string of every paged list: page size and the cursor of the next page. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(8192).optional(),
};
