// Verified tokens are remembered for their lifetime only: the same token is refused once it has expired,
// and a token changed by one character is verified (and refused), never taken for the remembered one.
import request from 'supertest';
import { buildTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  jest.useRealTimers();
  await t.stop();
});

const me = (token: string) => request(t.app).get('/api/me').set('authorization', `Bearer ${token}`);

test('a remembered token stops working when it expires', async () => {
  const token = await t.tokenFor({ userId: 'cache-user' });
  expect((await me(token)).status).toBe(200);
  expect((await me(token)).status).toBe(200);
  // Only the clock moves (timers stay real, so HTTP keeps working): past the 8 h lifetime and the minute of skew.
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  jest.setSystemTime(Date.now() + 8 * 3600_000 + 120_000);
  const expired = await me(token);
  expect(expired.status).toBe(401);
  expect(expired.body.detail).toMatch(/expired/);
  jest.useRealTimers();
});

test('a changed token is verified afresh and refused', async () => {
  const token = await t.tokenFor({ userId: 'cache-user-2' });
  expect((await me(token)).status).toBe(200);
  const [header, payload, signature] = token.split('.');
  const forged = Buffer.from(payload!, 'base64url').toString().replace('cache-user-2', 'cache-user-3');
  const res = await me(`${header}.${Buffer.from(forged).toString('base64url')}.${signature}`);
  expect(res.status).toBe(401);
  const cut = await me(`${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`);
  expect(cut.status).toBe(401);
});
