// What the policy module does around the rules: the tenant guard every rule relies on, the error each
// refusal becomes, and the abilities reported to the tab. (The rules themselves: policyMatrix.test.ts.)
import { AppError } from '../../bot/src/domain/errors';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import type { Caller, NoteDoc, PairDoc, ProgramDoc } from '../../bot/src/domain/model';
import { abilities, authorize, can, type Subject } from '../../bot/src/policies';
import { ACTIONS_BY_KIND } from '../../bot/src/policies/rules';

const T = DEV_TENANT_ID;
const OTHER_T = '0d0d0d0d-0000-4000-8000-00000000dead';
const STAMP = { createdAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-01T09:00:00.000Z' };
const mentor: Caller = { tenantId: T, userId: 'u-mentor', name: 'Mentor', roles: [] };
const mentee: Caller = { tenantId: T, userId: 'u-mentee', name: 'Executive', roles: [] };

const pairIn = (tenantId: string): PairDoc => ({
  ...STAMP,
  id: 'pair-1',
  pairId: 'pair-1',
  type: 'pair',
  tenantId,
  programId: 'prog-1',
  status: 'active',
  createdBy: 'u-admin',
  mentor: { id: mentor.userId, name: 'Mentor' },
  mentee: { id: mentee.userId, name: 'Executive' },
});
const note = (visibility: NoteDoc['visibility']): NoteDoc => ({
  ...STAMP,
  id: 'note-1',
  type: 'note',
  tenantId: T,
  pairId: 'pair-1',
  programId: 'prog-1',
  sessionId: 's-1',
  authorId: mentor.userId,
  body: 'text',
  visibility,
});
const program: ProgramDoc = {
  ...STAMP,
  id: 'prog-1',
  type: 'program',
  tenantId: T,
  programId: 'prog-1',
  name: 'P',
  objectives: [],
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  cadenceDays: 14,
  sessionMinutes: 45,
  topics: [],
  programLearningsEnabled: true,
  retentionDays: 180,
  createdBy: 'u-admin',
};

function refusal(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

test('a subject in the caller’s tenant that hangs off another tenant’s pair is refused to its members', () => {
  // The same ids in another tenant: nothing but the tenant guard tells the two apart.
  const forged: Subject = { kind: 'note', note: note('pair'), pair: pairIn(OTHER_T) };
  for (const member of [mentor, mentee]) {
    expect(can(member, 'read', forged)).toBe(false);
    expect(refusal(() => authorize(member, 'read', forged)).status).toBe(404);
  }
  const genuine: Subject = { kind: 'note', note: note('pair'), pair: pairIn(T) };
  expect(can(mentor, 'read', genuine)).toBe(true);
  expect(can(mentee, 'read', genuine)).toBe(true);
});

test('a refused programme administration says which role it needs (403)', () => {
  const error = refusal(() => authorize(mentor, 'create', { kind: 'programs', tenantId: T }));
  expect(error.status).toBe(403);
  expect(error.message).toMatch(/ProgramAdmin/);
});

test('a programme the caller may not read is "not found" by its product name; other kinds by their kind', () => {
  expect(refusal(() => authorize(mentor, 'read', { kind: 'program', program, isParticipant: false })).message).toMatch(
    /programme/i,
  );
  const privateNote: Subject = { kind: 'note', note: note('private'), pair: pairIn(T) };
  const error = refusal(() => authorize(mentee, 'read', privateNote));
  expect(error.status).toBe(404);
  expect(error.message).toMatch(/note/i);
});

test('readable but not allowed is 403; not even readable is 404', () => {
  const pairNote: Subject = { kind: 'note', note: note('pair'), pair: pairIn(T) };
  expect(refusal(() => authorize(mentee, 'changeVisibility', pairNote)).status).toBe(403);
  const privateNote: Subject = { kind: 'note', note: note('private'), pair: pairIn(T) };
  expect(refusal(() => authorize(mentee, 'update', privateNote)).status).toBe(404);
});

test('abilities list every action the rules know for the kind, each as can() answers it', () => {
  const pairNote: Subject = { kind: 'note', note: note('pair'), pair: pairIn(T) };
  expect(abilities(mentor, pairNote)).toEqual({ read: true, update: true, changeVisibility: true });
  expect(abilities(mentee, pairNote)).toEqual({ read: true, update: true, changeVisibility: false });
  expect(Object.keys(abilities(mentor, pairNote)).sort()).toEqual([...ACTIONS_BY_KIND.note!].sort());
  const outsider: Caller = { tenantId: T, userId: 'u-outsider', name: 'Outsider', roles: [] };
  expect(Object.values(abilities(outsider, pairNote)).some(Boolean)).toBe(false);
});
