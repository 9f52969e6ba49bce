// The audit trail of admin actions (issue #13): every action a programme admin takes through the API
// leaves one entry naming who did it, readable and exportable by programme admins only, never changed
// or deleted through the API, and never holding pair content. The retention attack test covers the
// dates and retention changes and retention's own deletions; this one walks every other admin action.
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { AUDIT_ACTIONS } from '../../bot/src/domain/model';
import { adminOf, buildNote, buildPair, buildTakeaway, type BuiltPair } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

const SECRET_NOTE = 'OFF THE RECORD: the merger closes in March';
const SECRET_TAKEAWAY = 'private takeaway that no admin may read';
const HOSTILE_NAME = '=HYPERLINK("https://attacker.example";"x")';
let t: TestApp;
let built: BuiltPair;
let adminToken: string;
let memberToken: string;

beforeAll(async () => {
  t = await buildTestApp();
  built = await buildPair(t.services.store);
  await buildNote(t.services.store, built, built.mentor, 'pair', SECRET_NOTE);
  await buildTakeaway(t.services.store, built, built.mentee, 'private', SECRET_TAKEAWAY);
  adminToken = await t.tokenFor({ userId: adminOf().userId, name: 'Avery Admin', roles: ['ProgramAdmin'] });
  memberToken = await t.tokenFor({ userId: built.mentor.userId, name: built.mentor.name });
});
afterAll(() => t.stop());

const admin = () => ({ Authorization: `Bearer ${adminToken}` });
type Entry = {
  action: string;
  actor: { id: string; name: string };
  target?: { pairId?: string; userId?: string; name?: string };
  changes?: { field: string; from: unknown; to: unknown }[];
  count?: number;
};

/** The response, once its status is the one expected (else the problem it answered, to read). */
async function ok(res: request.Test, status = 200): Promise<request.Response> {
  const r = await res;
  if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

test('every admin action is recorded once with its actor and target; the trail is exportable, append-only, admins only, and holds no content', async () => {
  const g = `/api/programs/${built.program.id}`;

  // A new programme records its creation in its own trail.
  const created = await ok(
    request(t.app)
      .post('/api/programs')
      .set(admin())
      .send({ name: 'Second wave', startsOn: '2026-01-01', endsOn: '2026-12-31' }),
    201,
  );
  const createdTrail = await ok(request(t.app).get(`/api/programs/${created.body.id}/audit`).set(admin()));
  expect((createdTrail.body.entries as Entry[]).map((e) => [e.action, e.actor.id])).toEqual([
    ['program.create', adminOf().userId],
  ]);

  // Every other admin action on the first programme.
  const read = await ok(request(t.app).get(g).set(admin()));
  await ok(request(t.app).patch(g).set(admin()).set('If-Match', read.headers.etag!).send({ cadenceDays: 21 }));
  await ok(
    request(t.app).post(`${g}/participants`).set(admin()).send({ id: 'hostile', name: HOSTILE_NAME, role: 'mentor' }),
    201,
  );
  await ok(
    request(t.app).post(`${g}/participants/import`).set(admin()).send({
      csv: 'name,email,role\nJade Morel,jade@contoso.example,mentee\nKofi Mensah,kofi@contoso.example,mentor\n',
      commit: true,
    }),
  );
  await ok(
    request(t.app)
      .post(`${g}/participants/export`)
      .set(admin())
      .send({ users: ['hostile'] }),
  );
  await ok(
    request(t.app)
      .post(`${g}/matches/unmatched`)
      .set(admin())
      .send({ people: [{ id: 'hostile', reason: 'No executive with matching interests' }] }),
  );
  const paired = await ok(
    request(t.app).post(`${g}/pairs`).set(admin()).send({ mentorId: 'kofi', menteeId: 'jade' }),
    201,
  );
  const pairs = await ok(request(t.app).get(`${g}/pairs`).set(admin()));
  const row = (pairs.body.pairs as { id: string; etag: string }[]).find((p) => p.id === built.pair.id)!;
  await ok(
    request(t.app)
      .patch(`${g}/pairs/${built.pair.id}`)
      .set(admin())
      .set('If-Match', row.etag)
      .send({ status: 'paused' }),
  );
  await ok(request(t.app).get(`${g}/insights/export`).set(admin()));
  const csv = await ok(request(t.app).get(`${g}/audit/export`).set(admin()));

  const trail = await ok(request(t.app).get(`${g}/audit?limit=100`).set(admin()));
  const entries = trail.body.entries as Entry[];
  const actions = entries.map((e) => e.action);
  // Each action once (an import of several people is one entry; its preview is none), newest first.
  expect([...actions].reverse()).toEqual([
    'program.update',
    'participant.add',
    'participants.import',
    'participants.export',
    'matches.notifyUnmatched',
    'pair.create',
    'pair.statusChange',
    'insights.export',
    'audit.export',
  ]);
  for (const e of entries) expect(e.actor).toEqual({ id: adminOf().userId, name: 'Avery Admin' });
  const by = (action: string) => entries.find((e) => e.action === action)!;
  expect(by('program.update').changes).toEqual([{ field: 'cadenceDays', from: 14, to: 21 }]);
  expect(by('participant.add').target).toEqual({ userId: 'hostile', name: HOSTILE_NAME });
  expect(by('participants.import').count).toBe(2);
  expect(by('participants.export').count).toBe(1);
  expect(by('pair.create').target?.pairId).toBe(paired.body.id);
  expect(by('pair.statusChange').target?.pairId).toBe(built.pair.id);
  // Only actions of the declared list, and every one of them but retention's (retentionAttack.test.ts) is here.
  expect(AUDIT_ACTIONS.filter((a) => !actions.includes(a) && a !== 'program.create')).toEqual(['retention.deleted']);

  // No content: neither the trail nor its export holds a note's or a takeaway's text.
  for (const text of [JSON.stringify(entries), csv.body.csv as string]) {
    expect(text).not.toContain(SECRET_NOTE);
    expect(text).not.toContain(SECRET_TAKEAWAY);
  }
  // The export lists the same entries (its own included) and starts no formula whichever delimiter a
  // spreadsheet splits on, although a participant's name is one.
  const rows = parse(csv.body.csv as string) as string[][];
  expect(rows[0]).toEqual(['at', 'actor id', 'actor', 'action', 'pair', 'person', 'target', 'changes', 'count']);
  expect(rows.slice(1).map((r) => r[3])).toEqual(actions);
  for (const delimiter of [',', ';']) {
    const cells = (
      parse(csv.body.csv as string, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][]
    ).flat();
    for (const cell of cells) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
  }

  // Append-only: the API has no way to change or delete an entry.
  const count = entries.length;
  for (const method of ['put', 'patch', 'delete'] as const) {
    const res = await request(t.app)[method](`${g}/audit`).set(admin()).send({});
    expect([404, 405]).toContain(res.status);
  }
  // Admins only: a member of the programme gets what anyone who may not read it gets.
  expect([403, 404]).toContain(
    (await request(t.app).get(`${g}/audit`).set('Authorization', `Bearer ${memberToken}`)).status,
  );
  expect([403, 404]).toContain(
    (await request(t.app).get(`${g}/audit/export`).set('Authorization', `Bearer ${memberToken}`)).status,
  );
  expect(((await ok(request(t.app).get(`${g}/audit?limit=100`).set(admin()))).body.entries as Entry[]).length).toBe(
    count,
  );
}, 60_000);
