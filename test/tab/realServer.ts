// Tab tests talk to the real server started by serverSetup.ts. jsdom has no fetch, so this is a
// minimal one over node:http with the parts of Response the API client reads.
import http from 'node:http';
import { createApiClient, type ApiClient } from '../../tab/src/api/client';

export const API = process.env.TAB_TEST_API!;
export const PAIR_IDS: string[] = JSON.parse(process.env.TAB_TEST_PAIRS ?? '[]');

export const nodeFetch = ((
  input: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) =>
  new Promise((resolve, reject) => {
    // A connection per request: a kept-alive socket the server closed while a test file waited reads as ECONNRESET.
    const req = http.request(
      new URL(input, API),
      { method: init.method ?? 'GET', headers: init.headers ?? {}, agent: false },
      (res) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (raw += c));
        res.on('end', () =>
          resolve({
            ok: (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300,
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: { get: (name: string) => (res.headers[name.toLowerCase()] as string | undefined) ?? null },
            json: async () => JSON.parse(raw),
          }),
        );
      },
    );
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  })) as unknown as typeof fetch;

/** A development token; `tenantId` keeps a test's own programmes out of the demo tenant the other tab tests read. */
export async function devToken(userId: string, name: string, tenantId?: string, roles?: string[]): Promise<string> {
  const res = await nodeFetch('/api/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, name, ...(tenantId ? { tenantId } : {}), ...(roles ? { roles } : {}) }),
  });
  return ((await res.json()) as { token: string }).token;
}

export async function clientFor(
  userId: string,
  name = userId,
  tenantId?: string,
  roles?: string[],
): Promise<ApiClient> {
  const token = await devToken(userId, name, tenantId, roles);
  return createApiClient(async () => token, nodeFetch);
}
