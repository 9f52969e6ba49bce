// Paged admin lists through the real app and store: every item exactly once across pages, search and filter
// on the server, page tokens bound to the list, the query and the caller (a changed or borrowed token is a
// 400 naming `cursor`), and bad parameters refused as problem+json naming the parameter.
import request from 'supertest';
import { auditRecorder } from '../../bot/src/commands/auditTrail';
import { participantAdder } from '../../bot/src/commands/participantAdder';
import { pairCreator } from '../../bot/src/commands/pairCreator';
import { PROGRAM_ADMIN_ROLE, type ProgramDoc } from '../../bot/src/domain/model';
import { expectProblem } from '../support/apiContract';
import { adminOf, buildProgram } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
let program: ProgramDoc;
let admin: string;
let otherAdmin: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

const MENTORS = 13;
const EXECUTIVES = 10;

beforeAll(async () => {
  t = await buildTestApp();
  const { store } = t.services;
  program = await buildProgram(store);
  const add = (id: string, name: string, role: 'mentor' | 'mentee') =>
    participantAdder(store, program, { id, name, role, skills: [], interests: [], email: `${id}@contoso.example` });
  // Names sort in a known order; two share a name, so the order has ties.
  for (let i = 0; i < MENTORS; i++)
    await add(`mentor-${i}`, i === 3 ? 'Mentor 04' : `Mentor ${String(i).padStart(2, '0')}`, 'mentor');
  for (let i = 0; i < EXECUTIVES; i++) await add(`exec-${i}`, `Executive ${String(i).padStart(2, '0')}`, 'mentee');
  for (let i = 0; i < 7; i++)
    await pairCreator(store, adminOf(), program, { mentorId: `mentor-${i}`, menteeId: `exec-${i}` });
  for (let i = 0; i < 9; i++)
    await auditRecorder(store, program, { id: 'admin-0d0d', name: 'Avery' }, { action: 'insights.export' });
  admin = await t.tokenFor({ userId: adminOf().userId, roles: [PROGRAM_ADMIN_ROLE] });
  otherAdmin = await t.tokenFor({ userId: 'another-admin', roles: [PROGRAM_ADMIN_ROLE] });
}, 60_000);
afterAll(() => t.stop());

/** Follows nextCursor to the end; returns every page's ids. */
async function walk(path: string, key: string, token = admin): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await request(t.app)
      .get(`${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`)
      .set(auth(token));
    expect(res.status).toBe(200);
    pages.push((res.body[key] as { id?: string; userId?: string }[]).map((x) => x.id ?? x.userId!));
    cursor = res.body.nextCursor as string | undefined;
  } while (cursor);
  return pages;
}

test('participants: pages of the asked size, every participant exactly once, by name', async () => {
  const pages = await walk(`/api/programs/${program.id}/participants?limit=5`, 'participants');
  expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
  const all = pages.flat();
  expect(new Set(all).size).toBe(MENTORS + EXECUTIVES);
  expect(all).toHaveLength(MENTORS + EXECUTIVES);
  const one = await request(t.app).get(`/api/programs/${program.id}/participants?limit=200`).set(auth(admin));
  const names = (one.body.participants as { name: string }[]).map((p) => p.name);
  expect(names).toEqual([...names].sort());
  expect(one.body.nextCursor).toBeUndefined();
  // Paired and training come with each page.
  expect(
    (one.body.participants as { id: string; paired: boolean }[])
      .filter((p) => p.paired)
      .map((p) => p.id)
      .sort(),
  ).toEqual(
    [...Array.from({ length: 7 }, (_, i) => `exec-${i}`), ...Array.from({ length: 7 }, (_, i) => `mentor-${i}`)].sort(),
  );
});

test('participants: search in name and email, filter by role and by ids, on the server', async () => {
  const get = async (query: string) =>
    (await request(t.app).get(`/api/programs/${program.id}/participants?${query}`).set(auth(admin))).body
      .participants as { id: string; role: string }[];
  expect((await get('q=executive%2003')).map((p) => p.id)).toEqual(['exec-3']);
  expect((await get('q=MENTOR-1%40')).map((p) => p.id)).toEqual(['mentor-1']);
  expect((await get('role=mentee&limit=200')).every((p) => p.role === 'mentee')).toBe(true);
  expect(await get('role=mentee&limit=200')).toHaveLength(EXECUTIVES);
  expect((await get('users=exec-2,mentor-9')).map((p) => p.id).sort()).toEqual(['exec-2', 'mentor-9']);
  const pages = await walk(`/api/programs/${program.id}/participants?role=mentor&limit=4`, 'participants');
  expect(pages.flat().sort()).toEqual(Array.from({ length: MENTORS }, (_, i) => `mentor-${i}`).sort());
});

test('pairs, audit and delivery page the same way, every item exactly once', async () => {
  const pairs = await walk(`/api/programs/${program.id}/pairs?limit=3`, 'pairs');
  expect(pairs.map((p) => p.length)).toEqual([3, 3, 1]);
  expect(new Set(pairs.flat()).size).toBe(7);
  const searched = await request(t.app).get(`/api/programs/${program.id}/pairs?q=executive%2005`).set(auth(admin));
  expect((searched.body.pairs as { mentee: { id: string } }[]).map((p) => p.mentee.id)).toEqual(['exec-5']);
  expect(
    (await request(t.app).get(`/api/programs/${program.id}/pairs?status=ended`).set(auth(admin))).body.pairs,
  ).toEqual([]);

  const audit = await walk(`/api/programs/${program.id}/audit?limit=4&action=insights.export`, 'entries');
  expect(audit.flat()).toHaveLength(9);
  expect(new Set(audit.flat()).size).toBe(9);

  const delivery = await walk(`/api/programs/${program.id}/delivery?limit=6`, 'people');
  expect(delivery.flat().sort()).toEqual(
    [
      ...Array.from({ length: MENTORS }, (_, i) => `mentor-${i}`),
      ...Array.from({ length: EXECUTIVES }, (_, i) => `exec-${i}`),
    ].sort(),
  );
  const some = await request(t.app).get(`/api/programs/${program.id}/delivery?users=exec-1,exec-2`).set(auth(admin));
  expect((some.body.people as { userId: string }[]).map((p) => p.userId).sort()).toEqual(['exec-1', 'exec-2']);
});

test('a page token works only for its list, its query and its caller; a changed one is refused', async () => {
  const first = await request(t.app).get(`/api/programs/${program.id}/participants?limit=5`).set(auth(admin));
  const cursor = first.body.nextCursor as string;
  expect(cursor).toEqual(expect.any(String));
  const next = (path: string, token = admin, c = cursor) =>
    request(t.app)
      .get(`${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(c)}`)
      .set(auth(token));
  expect((await next(`/api/programs/${program.id}/participants?limit=5`)).status).toBe(200);

  const tampered = [
    cursor.slice(0, -2) + (cursor.endsWith('AA') ? 'BB' : 'AA'),
    `${Buffer.from(JSON.stringify({ s: 'x', c: 'y' })).toString('base64url')}.${cursor.split('.')[1]}`,
    'not-a-token',
    `${cursor}.extra`,
  ];
  for (const bad of tampered) {
    const problem = expectProblem(await next(`/api/programs/${program.id}/participants?limit=5`, admin, bad), 400);
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  }
  // Another query, another list, another caller: refused.
  for (const res of [
    await next(`/api/programs/${program.id}/participants?limit=5&role=mentor`),
    await next(`/api/programs/${program.id}/participants?limit=6`),
    await next(`/api/programs/${program.id}/delivery?limit=5`),
    await next(`/api/programs/${program.id}/participants?limit=5`, otherAdmin),
  ])
    expect(expectProblem(res, 400).errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
});

test('bad paging, search and filter parameters are problem+json naming the parameter', async () => {
  for (const [query, field] of [
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=ten', 'limit'],
    ['role=boss', 'role'],
    ['sort=name', ''],
    ['users=a/b', 'users'],
  ] as const) {
    const problem = expectProblem(
      await request(t.app).get(`/api/programs/${program.id}/participants?${query}`).set(auth(admin)),
      400,
    );
    expect(problem.errors?.map((e) => e.field).join(',')).toContain(field);
  }
  expectProblem(await request(t.app).get(`/api/programs/${program.id}/audit?action=nothing`).set(auth(admin)), 400);
  expectProblem(await request(t.app).get(`/api/programs/${program.id}/pairs?status=gone`).set(auth(admin)), 400);
});
