// The participants' CSV is built by the server: every field quoted and neutralised against formulas (a name
// that starts a formula after a ; stays text in German Excel), and the export is recorded in the audit trail.
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../support/testApp';
import { buildPair, type BuiltPair } from '../support/factories';
import { participantAdder } from '../../bot/src/commands/participantAdder';
import { PROGRAM_ADMIN_ROLE } from '../../bot/src/domain/model';
import { expectProblem } from '../support/apiContract';

let t: TestApp;
let built: BuiltPair;
let admin: string;
beforeAll(async () => {
  t = await buildTestApp();
  built = await buildPair(t.services.store);
  admin = await t.tokenFor({ userId: built.program.createdBy, name: 'Ada Admin', roles: [PROGRAM_ADMIN_ROLE] });
});
afterAll(() => t.stop());

test('a formula in a name stays text whichever delimiter the spreadsheet splits on, and the export is audited', async () => {
  const hostile = 'Budget ok;=1+1;@SUM(9)';
  await participantAdder(t.services.store, built.program, {
    id: 'hostile',
    name: hostile,
    role: 'mentor',
    skills: [],
    interests: [],
  });
  const res = await request(t.app)
    .post(`/api/programs/${built.program.id}/participants/export`)
    .set('Authorization', `Bearer ${admin}`)
    .send({ users: ['hostile', built.mentor.userId] });
  expect(res.status).toBe(200);
  for (const delimiter of [',', ';']) {
    const cells = (
      parse(res.body.csv, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][]
    ).flat();
    for (const cell of cells) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@]/);
  }
  expect(res.body.csv).toContain(built.mentor.name);
  const audit = await request(t.app)
    .get(`/api/programs/${built.program.id}/audit`)
    .set('Authorization', `Bearer ${admin}`);
  expect(audit.body.entries.map((e: { action: string; count?: number }) => [e.action, e.count])).toContainEqual([
    'participants.export',
    2,
  ]);
});

test('only a programme admin may export, and the list of people is bounded', async () => {
  const member = await t.tokenFor({ userId: built.mentor.userId, name: built.mentor.name });
  const refused = await request(t.app)
    .post(`/api/programs/${built.program.id}/participants/export`)
    .set('Authorization', `Bearer ${member}`)
    .send({ users: [built.mentor.userId] });
  expect([403, 404]).toContain(refused.status);
  const tooMany = await request(t.app)
    .post(`/api/programs/${built.program.id}/participants/export`)
    .set('Authorization', `Bearer ${admin}`)
    .send({ users: Array.from({ length: 201 }, (_, i) => `p${i}`) });
  expect(JSON.stringify(expectProblem(tooMany, 400))).toContain('users');
});
