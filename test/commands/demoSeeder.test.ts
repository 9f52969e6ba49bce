// Demo data goes through the real commands and is idempotent.
import request from 'supertest';
import { seedDemoData } from '../../bot/src/commands/demoSeeder';
import { buildTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.stop());

test('seeding twice gives the same programme and pairs, and a clickable dashboard', async () => {
  const first = await seedDemoData(t.services.store);
  const second = await seedDemoData(t.services.store);
  expect(second).toEqual(first);
  expect(first.pairIds).toHaveLength(3);

  const dana = await t.tokenFor({ userId: 'dana', name: 'Dana Whitfield' });
  const me = await request(t.app).get('/api/me').set('Authorization', `Bearer ${dana}`);
  expect(me.status).toBe(200);
  expect(me.body.pairs).toEqual([
    expect.objectContaining({ role: 'mentee', partner: { id: 'priya', name: 'Priya Patel' } }),
  ]);

  const dashboard = await request(t.app)
    .get(`/api/pairs/${me.body.pairs[0].pairId}`)
    .set('Authorization', `Bearer ${dana}`);
  expect(dashboard.status).toBe(200);
  expect(dashboard.body.goals).toHaveLength(2);
  expect(dashboard.body.nextSession.agenda).toHaveLength(3);
  expect(dashboard.body.commitments).toHaveLength(1);
  expect(dashboard.body.takeaways.map((x: { visibility: string }) => x.visibility).sort()).toEqual(['pair', 'program']);
  expect(dashboard.body.awaitingYourConsent).toHaveLength(1);
  expect(dashboard.body.sessions).toHaveLength(1);
});
