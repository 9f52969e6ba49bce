// Development sign-in mints a ProgramAdmin token for anyone who asks, so it must answer only a browser or
// script on this machine. Listening on loopback is not enough: a tunnel (ngrok, dev tunnels) forwards to
// loopback, and DNS rebinding points a hostile name at 127.0.0.1. Both show in the request: a Host that
// is not a loopback name, or forwarding headers. The same holds for API calls made with a dev token.
import request from 'supertest';
import { expectProblem } from '../support/apiContract';
import { buildTestApp, type TestApp } from '../support/testApp';

const JOBS_PATH = '/api/jobs/reminders/run';

let dev: TestApp;
let adminToken: string;

beforeAll(async () => {
  dev = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  adminToken = await dev.tokenFor({ userId: 'loop-admin', roles: ['ProgramAdmin'] });
});
afterAll(async () => {
  await dev?.stop();
});

const mint = () =>
  request(dev.app)
    .post('/api/dev/token')
    .send({ userId: 'avery', name: 'Avery', roles: ['ProgramAdmin'] });
const users = () => request(dev.app).get('/api/dev/users');
const me = () => request(dev.app).get('/api/me').set('Authorization', `Bearer ${adminToken}`);
const runJobs = () => request(dev.app).post(JOBS_PATH).set('Authorization', `Bearer ${adminToken}`);

type Call = () => request.Test;
const calls: [string, Call][] = [
  ['POST /api/dev/token', mint],
  ['GET /api/dev/users', users],
  ['GET /api/me with a dev token', me],
  [`POST ${JOBS_PATH} with a dev ProgramAdmin token`, runJobs],
];

function expectRefused(res: request.Response, why: RegExp): void {
  const problem = expectProblem(res, 403);
  expect(problem.type).toBe('urn:reverse-mentoring:problem:forbidden');
  expect(problem.detail).toMatch(why);
  expect(res.body?.token).toBeUndefined();
}

describe.each(calls)('%s', (_name, call) => {
  test.each([
    'localhost',
    'localhost:3978',
    'LOCALHOST:3978',
    '127.0.0.1',
    '127.0.0.1:3978',
    '127.8.9.10:80',
    '[::1]',
    '[::1]:3978',
  ])('Host %s (loopback) is served', async (host) => {
    const res = await call().set('Host', host);
    expect(res.status).toBeLessThan(300);
  });

  test.each([
    ['a tunnel name', 'abc123.ngrok-free.app'],
    ['a dev tunnel with port', 'x1y2-3978.euw.devtunnels.ms:443'],
    ['a DNS-rebinding name that resolves to 127.0.0.1', 'rebind.attacker.example:3978'],
    ['a LAN address', '192.168.1.20:3978'],
    ['an address that only starts like loopback', '127.0.0.1.attacker.example'],
    ['localhost as a subdomain', 'localhost.attacker.example'],
    ['the unspecified address', '0.0.0.0:3978'],
    ['an IPv4-mapped address', '[::ffff:127.0.0.1]:3978'],
  ])('Host with %s → 403 problem+json naming the Host', async (_label, host) => {
    expectRefused(await call().set('Host', host), /Host/);
  });

  test.each([
    ['X-Forwarded-For', '203.0.113.9'],
    ['X-Forwarded-Host', 'abc123.ngrok-free.app'],
    ['X-Forwarded-Proto', 'https'],
    ['Forwarded', 'for=203.0.113.9;proto=https'],
  ])('a %s header (a proxy in between) → 403 problem+json', async (header, value) => {
    expectRefused(await call().set('Host', 'localhost:3978').set(header, value), /forward/i);
  });
});

test('Entra mode is not affected: the check belongs to development sign-in only', async () => {
  // In Entra mode /api/dev/token does not exist at all, whatever the Host.
  const entra = await buildTestApp({ ENTRA_CLIENT_ID: '11111111-2222-4333-8444-555555555555' }, dev.embedded);
  try {
    expectProblem(
      await request(entra.app)
        .post('/api/dev/token')
        .set('Host', 'mentoring.contoso.example')
        .send({ userId: 'a', name: 'A' }),
      404,
    );
    // Behind App Service's front end every request is forwarded: Entra calls get the usual 401, not a 403.
    const res = await request(entra.app)
      .get('/api/me')
      .set('Host', 'mentoring.contoso.example')
      .set('X-Forwarded-For', '203.0.113.9');
    expectProblem(res, 401);
  } finally {
    await entra.stop();
  }
});

test('the health check and the bot endpoint still answer through a tunnel in development', async () => {
  // Bot development through a dev tunnel (Teams → Bot Service → tunnel → /api/messages) must keep working.
  const health = await request(dev.app)
    .get('/api/health')
    .set('Host', 'abc123.ngrok-free.app')
    .set('X-Forwarded-For', '203.0.113.9');
  expect(health.status).toBe(200);
});
