// Production hardening visible on the wire, and logs that carry neither tokens nor what people wrote.
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../bot/src/app';
import { TAB_FRAME_ANCESTORS } from '../../bot/src/api/securityHeaders';
import { loadConfig } from '../../bot/src/config';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/src/store/database';
import { buildPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

describe('headers on tab and API responses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.stop());

  test.each(['/tab/personal', '/api/health', '/api/openapi.json', '/api/me', '/api/nothing-here'])(
    '%s',
    async (path) => {
      const res = await request(t.app).get(path);
      const csp = res.headers['content-security-policy'] ?? '';
      const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1]?.split(' ') ?? [];
      expect(ancestors).toEqual(TAB_FRAME_ANCESTORS);
      expect(ancestors).toEqual(expect.arrayContaining(['https://teams.microsoft.com', 'https://*.cloud.microsoft']));
      expect(ancestors).not.toContain('*');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      expect(res.headers['x-frame-options']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
      if (path.startsWith('/api/')) expect(res.headers['cache-control']).toBe('no-store');
    },
  );

  test('an unexpected failure answers without a stack trace', async () => {
    const res = await request(t.app).post('/api/pairs/x/goals').set('Authorization', 'Bearer not.a.jwt').send({});
    expect(res.status).toBe(401);
    expect(res.text).not.toMatch(/\bat\s+\S+\s+\(|node_modules|\.ts:\d+/);
  });
});

describe('logs', () => {
  let embedded: EmbeddedCosmos;
  beforeAll(async () => {
    embedded = await startEmbeddedCosmos();
  });
  afterAll(() => embedded.stop());

  test('requests are logged with method, path and status, never the token or the text', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'trace',
      COSMOS_DATABASE: 'logs-test',
      SEED_DEMO_DATA: 'false',
    });
    const built = await createApp(config, { embedded, logger: pino({ level: 'trace' }, sink) });
    const pair = await buildPair(built.services.store);
    const token = (await request(built.app).post('/api/dev/token').send({ userId: pair.mentor.userId, name: 'M' })).body
      .token as string;
    const secret = 'Dana mentioned the layoffs in confidence';
    const res = await request(built.app)
      .post(`/api/pairs/${pair.pair.id}/sessions/${pair.session.id}/notes`)
      .set('Authorization', `Bearer ${token}`)
      .send({ body: secret });
    expect(res.status).toBe(201);
    await built.close();
    const log = lines.join('');
    expect(log).toMatch(/"method":"POST"/);
    expect(log).toMatch(/"status":201/);
    expect(log).not.toContain(secret);
    expect(log).not.toContain(token);
    expect(log).not.toContain(token.split('.')[2]!);
  });
});

test('telemetry needs a real Application Insights connection string', () => {
  expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'nonsense' })).toThrow(
    /APPLICATIONINSIGHTS_CONNECTION_STRING/,
  );
  expect(
    loadConfig({
      APPLICATIONINSIGHTS_CONNECTION_STRING:
        'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/',
    }).telemetryConnectionString,
  ).toMatch(/^InstrumentationKey=/);
});

test('the admin guide is a page with the anchors the app manifest links to; its translations are pages in their language and direction', async () => {
  const t = await buildTestApp();
  const page = (tail: string) => request(t.app).get(`/docs/admin-guide${tail}`);
  const [res, arabic, japanese, unknown] = await Promise.all([page(''), page('/ar'), page('/ja'), page('/sv')]);
  await t.stop();
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/text\/html/);
  for (const anchor of ['support', 'privacy', 'terms-of-use']) expect(res.text).toContain(`id="${anchor}"`);
  // The guide's links to its translations' files lead to their pages, and back.
  expect(res.text).toContain('<a href="/docs/admin-guide/ja">日本語</a>');
  expect(arabic.status).toBe(200);
  expect(arabic.text).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
  expect(arabic.text).toContain('href="/docs/admin-guide"');
  expect(japanese.text).toMatch(/^<!doctype html><html lang="ja" dir="ltr">/);
  expect(unknown.status).toBe(404);
});
