// The authorization matrix, written out by hand from the product rules (not computed from rules.ts), one row
// per action that policies/cancan.ts declares for each kind (the table-is-complete tests hold it to that list):
// who may do what to every kind of resource, at every level and status, on an active and on an ended pair,
// including callers of another tenant. Then the store's list filters are checked against can().
import { consentGranter } from '../../bot/src/commands/consentGranter';
import { sessionScheduler } from '../../bot/src/commands/sessionScheduler';
import { AppError } from '../../bot/src/domain/errors';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import {
  PROGRAM_ADMIN_ROLE,
  type AssessmentDoc,
  type Caller,
  type CommitmentDoc,
  type GoalDoc,
  type MeetingLinkDoc,
  type NoteDoc,
  type PairDoc,
  type PairStatus,
  type ProgramDoc,
  type SessionDoc,
  type TakeawayDoc,
  type TakeawayStatus,
  type TakeawayVisibility,
} from '../../bot/src/domain/model';
import {
  authorize,
  can,
  readableNotesFilter,
  visibleTakeawaysFilter,
  type Action,
  type Subject,
} from '../../bot/src/policies';
import type { SubjectKind } from '../../bot/src/policies/cancan';
import { ACTIONS_BY_KIND, rules } from '../../bot/src/policies/rules';
import { pairDashboardContent, sessionNotes } from '../../bot/src/store/queries';
import { loadPairDashboard } from '../../bot/src/policies/access';
import { buildGoal, buildNote, buildPair, buildTakeaway, type BuiltPair } from '../support/factories';
import { buildTestApp, OTHER_TENANT_ID, type TestApp } from '../support/testApp';

// ---------------------------------------------------------------------------------------------
// Actors
// ---------------------------------------------------------------------------------------------

const ACTORS = ['author', 'partner', 'otherPairMember', 'programAdmin', 'foreignSameUser', 'foreignAdmin'] as const;
type Actor = (typeof ACTORS)[number];

const T = DEV_TENANT_ID;
const MENTOR_ID = 'u-mentor';
const MENTEE_ID = 'u-mentee';
const OTHER_ID = 'u-other-pair-mentee';
const ADMIN_ID = 'u-admin';

const caller = (userId: string, tenantId: string, roles: string[] = []): Caller => ({
  tenantId,
  userId,
  name: userId,
  roles,
});

/** The author of the notes and takeaways is one member, the partner the other; both orientations are checked. */
type AuthorSide = 'mentor' | 'mentee';

function actorsFor(side: AuthorSide): Record<Actor, Caller> {
  const authorId = side === 'mentor' ? MENTOR_ID : MENTEE_ID;
  const partnerId = side === 'mentor' ? MENTEE_ID : MENTOR_ID;
  return {
    author: caller(authorId, T),
    partner: caller(partnerId, T),
    otherPairMember: caller(OTHER_ID, T),
    programAdmin: caller(ADMIN_ID, T, [PROGRAM_ADMIN_ROLE]),
    // Another tenant, the very same user id as the author.
    foreignSameUser: caller(authorId, OTHER_TENANT_ID),
    // Another tenant's programme admin, even with the same user id as this tenant's admin.
    foreignAdmin: caller(ADMIN_ID, OTHER_TENANT_ID, [PROGRAM_ADMIN_ROLE]),
  };
}

/**
 * Whether the loader would report the caller as a participant of the programme. The other-tenant user is
 * given `true` on purpose (the worst case): the tenant alone must keep them out.
 */
const IS_PARTICIPANT: Record<Actor, boolean> = {
  author: true,
  partner: true,
  otherPairMember: true,
  programAdmin: false,
  foreignSameUser: true,
  foreignAdmin: false,
};

// ---------------------------------------------------------------------------------------------
// The expected matrix. Columns, in order: author, partner, otherPairMember, programAdmin,
// foreignSameUser, foreignAdmin. 'Y' = allowed, '.' = denied. `ended` is the same resource on an
// ended pair (read-only); null where the pair's status does not apply (programme resources).
// ---------------------------------------------------------------------------------------------

type Resource =
  | 'note private'
  | 'note pair'
  | 'takeaway private'
  | 'takeaway pair awaitingConsent'
  | 'takeaway pair shared'
  | 'takeaway pair declined'
  | 'takeaway program awaitingConsent'
  | 'takeaway program shared'
  | 'takeaway program declined'
  | 'goal'
  | 'assessment self'
  | 'assessment by partner'
  | 'session'
  | 'session cancelled'
  | 'commitment'
  | 'pair'
  | 'meetingLink'
  | 'program'
  | 'programs';

type Row = readonly [resource: Resource, action: Action, active: string, ended: string | null];

// prettier-ignore
const EXPECTED: readonly Row[] = [
  //  resource                            action              active    ended
  // Notes: private by default (author only); pair level lets the partner read and write in it (the
  // pair's shared page). Only the author changes a note's level.
  ['note private',                      'read',             'Y.....', 'Y.....'],
  ['note private',                      'update',           'Y.....', '......'],
  ['note private',                      'changeVisibility', 'Y.....', '......'],
  ['note pair',                         'read',             'YY....', 'YY....'],
  ['note pair',                         'update',           'YY....', '......'],
  ['note pair',                         'changeVisibility', 'Y.....', '......'],

  // Takeaways: the author always reads; the partner reads only once shared; the partner alone
  // reviews (while awaiting) and turns the second key. A decided takeaway still reaches the consent
  // command for the partner, whose state check answers 409; a private one never does.
  ['takeaway private',                  'read',             'Y.....', 'Y.....'],
  ['takeaway private',                  'review',           '......', '......'],
  ['takeaway private',                  'consent',          '......', '......'],

  ['takeaway pair awaitingConsent',     'read',             'Y.....', 'Y.....'],
  ['takeaway pair awaitingConsent',     'review',           '.Y....', '......'],
  ['takeaway pair awaitingConsent',     'consent',          '.Y....', '......'],
  ['takeaway pair shared',              'read',             'YY....', 'YY....'],
  ['takeaway pair shared',              'review',           '......', '......'],
  ['takeaway pair shared',              'consent',          '.Y....', '......'],
  ['takeaway pair declined',            'read',             'Y.....', 'Y.....'],
  ['takeaway pair declined',            'review',           '......', '......'],
  ['takeaway pair declined',            'consent',          '.Y....', '......'],

  ['takeaway program awaitingConsent',  'read',             'Y.....', 'Y.....'],
  ['takeaway program awaitingConsent',  'review',           '.Y....', '......'],
  ['takeaway program awaitingConsent',  'consent',          '.Y....', '......'],
  ['takeaway program shared',           'read',             'YY....', 'YY....'],
  ['takeaway program shared',           'review',           '......', '......'],
  ['takeaway program shared',           'consent',          '.Y....', '......'],
  ['takeaway program declined',         'read',             'Y.....', 'Y.....'],
  ['takeaway program declined',         'review',           '......', '......'],
  ['takeaway program declined',         'consent',          '.Y....', '......'],

  // Shared pair content: both members; writes only while the pair has not ended.
  ['goal',                              'read',             'YY....', 'YY....'],
  ['goal',                              'update',           'YY....', '......'],
  // The two-way ledger: both members rate every goal (the owner themselves, the partner the owner).
  ['goal',                              'assess',           'YY....', '......'],
  // A rating: both members read it (the person rated sees the partner's view); only its rater
  // (the "author" column) changes it; never an admin, never another pair.
  ['assessment self',                   'read',             'YY....', 'YY....'],
  ['assessment self',                   'update',           'Y.....', '......'],
  ['assessment by partner',             'read',             'YY....', 'YY....'],
  ['assessment by partner',             'update',           'Y.....', '......'],

  ['session',                           'read',             'YY....', 'YY....'],
  ['session',                           'addAgendaItem',    'YY....', '......'],
  ['session',                           'updateAgendaItem', 'YY....', '......'],
  ['session',                           'createNote',       'YY....', '......'],
  ['session',                           'createTakeaway',   'YY....', '......'],
  ['session',                           'giveFeedback',     'YY....', '......'],
  // Moved or cancelled by either member while it is still to come (only its organiser changes the Outlook event: the calendar's rule).
  ['session',                           'reschedule',       'YY....', '......'],
  ['session',                           'cancel',           'YY....', '......'],
  ['session cancelled',                 'read',             'YY....', 'YY....'],
  ['session cancelled',                 'addAgendaItem',    'YY....', '......'],
  ['session cancelled',                 'updateAgendaItem', 'YY....', '......'],
  ['session cancelled',                 'createNote',       'YY....', '......'],
  ['session cancelled',                 'createTakeaway',   'YY....', '......'],
  ['session cancelled',                 'giveFeedback',     'YY....', '......'],
  ['session cancelled',                 'reschedule',       '......', '......'],
  ['session cancelled',                 'cancel',           '......', '......'],

  ['commitment',                        'read',             'YY....', 'YY....'],
  ['commitment',                        'update',           'YY....', '......'],

  ['pair',                              'read',             'YY....', 'YY....'],
  ['pair',                              'scanText',         'YY....', 'YY....'],
  ['pair',                              'createGoal',       'YY....', '......'],
  ['pair',                              'createSession',    'YY....', '......'],
  ['pair',                              'bookSession',      'YY....', '......'],
  ['pair',                              'createCommitment', 'YY....', '......'],
  ['pair',                              'linkMeeting',      'YY....', '......'],
  ['pair',                              'acknowledge',      'YY....', '......'],

  ['meetingLink',                       'read',             'YY....', 'YY....'],

  // Programme: participants read it; this tenant's admin administers it; no other tenant touches it.
  ['program',                           'read',               'YYYY..', null],
  ['program',                           'update',             '...Y..', null],
  ['program',                           'previewRetention',   '...Y..', null],
  // Participants: their names and roles are the admin's only (a participant reads the programme, not who else is in it).
  ['program',                           'listParticipants',   '...Y..', null],
  ['program',                           'addParticipant',     '...Y..', null],
  ['program',                           'searchDirectory',    '...Y..', null],
  ['program',                           'importParticipants', '...Y..', null],
  ['program',                           'exportParticipants', '...Y..', null],
  ['program',                           'listPairs',          '...Y..', null],
  ['program',                           'createPair',         '...Y..', null],
  ['program',                           'updatePair',         '...Y..', null],
  ['program',                           'suggestMatches',     '...Y..', null],
  ['program',                           'notifyUnmatched',    '...Y..', null],
  ['program',                           'readInsights',       '...Y..', null],
  ['program',                           'readDelivery',       '...Y..', null],
  ['program',                           'rollOutApp',         '...Y..', null],
  ['program',                           'readAudit',          '...Y..', null],

  // Creating programmes and listing the tenant's programmes (the admin's picker).
  ['programs',                          'create',             '...Y..', null],
  ['programs',                          'list',               '...Y..', null],
];

const KIND_OF: Record<Resource, SubjectKind> = {
  'note private': 'note',
  'note pair': 'note',
  'takeaway private': 'takeaway',
  'takeaway pair awaitingConsent': 'takeaway',
  'takeaway pair shared': 'takeaway',
  'takeaway pair declined': 'takeaway',
  'takeaway program awaitingConsent': 'takeaway',
  'takeaway program shared': 'takeaway',
  'takeaway program declined': 'takeaway',
  goal: 'goal',
  'assessment self': 'assessment',
  'assessment by partner': 'assessment',
  session: 'session',
  'session cancelled': 'session',
  commitment: 'commitment',
  pair: 'pair',
  meetingLink: 'meetingLink',
  program: 'program',
  programs: 'programs',
};

// ---------------------------------------------------------------------------------------------
// In-memory documents
// ---------------------------------------------------------------------------------------------

const STAMP = { createdAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-01T09:00:00.000Z', _etag: '"e-1"' };
const PROGRAM_ID = 'prog-1';
const PAIR_ID = 'pair-1';
const SESSION_ID = 'session-1';

const programDoc: ProgramDoc = {
  ...STAMP,
  id: PROGRAM_ID,
  type: 'program',
  tenantId: T,
  programId: PROGRAM_ID,
  name: 'Digital fluency',
  objectives: ['AI'],
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  cadenceDays: 14,
  sessionMinutes: 45,
  topics: [],
  programLearningsEnabled: true,
  retentionDays: 180,
  createdBy: ADMIN_ID,
};

const pairDoc = (status: PairStatus): PairDoc => ({
  ...STAMP,
  id: PAIR_ID,
  pairId: PAIR_ID,
  type: 'pair',
  tenantId: T,
  programId: PROGRAM_ID,
  mentor: { id: MENTOR_ID, name: 'Mentor' },
  mentee: { id: MENTEE_ID, name: 'Executive' },
  status,
  createdBy: ADMIN_ID,
});

const noteDoc = (authorId: string, visibility: NoteDoc['visibility']): NoteDoc => ({
  ...STAMP,
  id: `note-${visibility}`,
  type: 'note',
  tenantId: T,
  pairId: PAIR_ID,
  programId: PROGRAM_ID,
  sessionId: SESSION_ID,
  authorId,
  body: 'secret body',
  visibility,
});

const takeawayDoc = (
  authorId: string,
  requestedVisibility: TakeawayVisibility,
  status: TakeawayStatus,
): TakeawayDoc => ({
  ...STAMP,
  id: `tk-${requestedVisibility}-${status}`,
  type: 'takeaway',
  tenantId: T,
  pairId: PAIR_ID,
  programId: PROGRAM_ID,
  sessionId: SESSION_ID,
  authorId,
  text: 'secret takeaway',
  requestedVisibility,
  status,
  findings: [],
  ...(status === 'shared' || status === 'declined' ? { decidedBy: 'the-partner', decidedAt: STAMP.createdAt } : {}),
});

function subjectFor(resource: Resource, actor: Actor, status: PairStatus, authorId: string): Subject {
  const pair = pairDoc(status);
  const pairScoped = { pairId: PAIR_ID, programId: PROGRAM_ID, tenantId: T, ...STAMP };
  switch (resource) {
    case 'note private':
      return { kind: 'note', note: noteDoc(authorId, 'private'), pair };
    case 'note pair':
      return { kind: 'note', note: noteDoc(authorId, 'pair'), pair };
    case 'takeaway private':
      return { kind: 'takeaway', takeaway: takeawayDoc(authorId, 'private', 'private'), pair };
    case 'takeaway pair awaitingConsent':
      return { kind: 'takeaway', takeaway: takeawayDoc(authorId, 'pair', 'awaitingConsent'), pair };
    case 'takeaway pair shared':
      return { kind: 'takeaway', takeaway: takeawayDoc(authorId, 'pair', 'shared'), pair };
    case 'takeaway pair declined':
      return { kind: 'takeaway', takeaway: takeawayDoc(authorId, 'pair', 'declined'), pair };
    case 'takeaway program awaitingConsent':
      return { kind: 'takeaway', takeaway: takeawayDoc(authorId, 'program', 'awaitingConsent'), pair };
    case 'takeaway program shared':
      return { kind: 'takeaway', takeaway: takeawayDoc(authorId, 'program', 'shared'), pair };
    case 'takeaway program declined':
      return { kind: 'takeaway', takeaway: takeawayDoc(authorId, 'program', 'declined'), pair };
    case 'goal': {
      const goal: GoalDoc = {
        ...pairScoped,
        id: 'goal-1',
        type: 'goal',
        title: 'Prompting',
        successMeasure: 'Weekly use',
        owner: 'mentee',
        progress: 10,
        status: 'onTrack',
        createdBy: MENTEE_ID,
      };
      return { kind: 'goal', goal, pair };
    }
    case 'assessment self':
    case 'assessment by partner': {
      // The author is the rater: of their own goal (self), or of the partner's goal (partner).
      const raterRole = authorId === MENTOR_ID ? 'mentor' : 'mentee';
      const self = resource === 'assessment self';
      const goalOwner = self ? raterRole : raterRole === 'mentor' ? 'mentee' : 'mentor';
      const assessment: AssessmentDoc = {
        ...pairScoped,
        id: `assessment-${resource}`,
        type: 'assessment',
        goalId: 'goal-1',
        goalOwner,
        raterId: authorId,
        rateeId: goalOwner === 'mentor' ? MENTOR_ID : MENTEE_ID,
        perspective: self ? 'self' : 'partner',
        moment: 'midpoint',
        score: 4,
        note: 'secret note',
        createdBy: authorId,
      };
      return { kind: 'assessment', assessment, pair };
    }
    case 'session':
    case 'session cancelled': {
      const session: SessionDoc = {
        ...pairScoped,
        id: SESSION_ID,
        type: 'session',
        scheduledAt: '2026-03-02T09:00:00.000Z',
        durationMinutes: 45,
        status: resource === 'session' ? 'scheduled' : 'cancelled',
        agenda: [{ id: 'a-1', title: 'Intro', done: false }],
        createdBy: MENTOR_ID,
      };
      return { kind: 'session', session, pair };
    }
    case 'commitment': {
      const commitment: CommitmentDoc = {
        ...pairScoped,
        id: 'c-1',
        type: 'commitment',
        ownerId: MENTEE_ID,
        text: 'Try Copilot daily',
        status: 'open',
        createdBy: MENTEE_ID,
      };
      return { kind: 'commitment', commitment, pair };
    }
    case 'pair':
      return { kind: 'pair', pair };
    case 'meetingLink': {
      const link: MeetingLinkDoc = {
        ...STAMP,
        id: 'link-1',
        type: 'meetingLink',
        tenantId: T,
        meetingId: 'MTG-1',
        pairId: PAIR_ID,
        sessionId: SESSION_ID,
        linkedBy: MENTOR_ID,
      };
      return { kind: 'meetingLink', link, pair };
    }
    case 'program':
      return { kind: 'program', program: programDoc, isParticipant: IS_PARTICIPANT[actor] };
    case 'programs':
      return { kind: 'programs', tenantId: T };
  }
}

// ---------------------------------------------------------------------------------------------
// Expanding the table into one case per cell
// ---------------------------------------------------------------------------------------------

function parseGrid(grid: string, where: string): boolean[] {
  if (!/^[Y.]{6}$/.test(grid)) throw new Error(`bad grid ${JSON.stringify(grid)} at ${where}`);
  return [...grid].map((c) => c === 'Y');
}

interface Cell {
  name: string;
  resource: Resource;
  action: Action;
  actor: Actor;
  pairStatus: PairStatus;
  side: AuthorSide;
  allowed: boolean;
}

function cells(sides: readonly AuthorSide[]): Cell[] {
  const out: Cell[] = [];
  for (const [resource, action, active, ended] of EXPECTED) {
    const variants: [PairStatus, string][] =
      ended === null
        ? [['active', active]]
        : [
            ['active', active],
            ['ended', ended],
          ];
    for (const [pairStatus, grid] of variants) {
      const flags = parseGrid(grid, `${resource}/${action}/${pairStatus}`);
      for (const side of sides) {
        // Programme resources do not depend on the pair or on who wrote anything: one orientation suffices.
        if (ended === null && side !== sides[0]) continue;
        ACTORS.forEach((actor, i) => {
          const allowed = flags[i]!;
          const where = ended === null ? '' : `${pairStatus} pair, author=${side} | `;
          out.push({
            name: `${where}${resource} | ${action} | ${actor} → ${allowed ? 'allowed' : 'denied'}`,
            resource,
            action,
            actor,
            pairStatus,
            side,
            allowed,
          });
        });
      }
    }
  }
  return out;
}

function run(cell: Pick<Cell, 'resource' | 'actor' | 'pairStatus' | 'side'>) {
  const actors = actorsFor(cell.side);
  const subject = subjectFor(cell.resource, cell.actor, cell.pairStatus, actors.author.userId);
  return { who: actors[cell.actor], subject };
}

const expectedFlag = (
  resource: Resource,
  action: Action,
  pairStatus: PairStatus,
  actor: Actor,
): boolean | undefined => {
  const row = EXPECTED.find(([r, a]) => r === resource && a === action);
  if (!row) return undefined;
  const grid = pairStatus === 'ended' && row[3] !== null ? row[3] : row[2];
  return parseGrid(grid, `${resource}/${action}`)[ACTORS.indexOf(actor)];
};

// ---------------------------------------------------------------------------------------------
// can(): the matrix
// ---------------------------------------------------------------------------------------------

describe('policy matrix: can()', () => {
  test.each(cells(['mentor', 'mentee']).map((c) => [c.name, c] as const))('%s', (_name, cell) => {
    const { who, subject } = run(cell);
    expect(can(who, cell.action, subject)).toBe(cell.allowed);
  });
});

describe('policy matrix: the table is complete', () => {
  const kinds = Object.keys(ACTIONS_BY_KIND) as SubjectKind[];

  test('every kind the rules know has at least one resource in the table', () => {
    const covered = new Set(EXPECTED.map(([r]) => KIND_OF[r]));
    expect(kinds.filter((k) => !covered.has(k))).toEqual([]);
  });

  test('every resource of a kind lists exactly the actions the rules define for that kind', () => {
    const resources = [...new Set(EXPECTED.map(([r]) => r))];
    const mismatches = resources.flatMap((resource) => {
      const listed = EXPECTED.filter(([r]) => r === resource)
        .map(([, a]) => a)
        .sort();
      const defined = [...(ACTIONS_BY_KIND[KIND_OF[resource]] ?? [])].sort();
      return JSON.stringify(listed) === JSON.stringify(defined) ? [] : [{ resource, listed, defined }];
    });
    expect(mismatches).toEqual([]);
  });

  test('every action of every kind is granted by some rule, and an action that is not one does not compile', () => {
    const granted = new Set(rules.flatMap((rule) => rule.actions.map((action) => `${rule.kind}/${action}`)));
    const declared = Object.entries(ACTIONS_BY_KIND).flatMap(([kind, actions]) =>
      actions.map((action) => `${kind}/${action}`),
    );
    expect(declared.filter((action) => !granted.has(action))).toEqual([]);
    const admin = caller(ADMIN_ID, T, [PROGRAM_ADMIN_ROLE]);
    // @ts-expect-error a misspelt action
    expect(can(admin, 'lists', { kind: 'programs', tenantId: T })).toBe(false);
    // @ts-expect-error an action of another kind of subject
    expect(can(admin, 'createGoal', { kind: 'program', program: programDoc, isParticipant: false })).toBe(false);
  });

  test('no (resource, action) row appears twice', () => {
    const keys = EXPECTED.map(([r, a]) => `${r}/${a}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  test('every resource of the brief is in the table, for an ended pair too where the pair applies', () => {
    const required: Resource[] = [
      'note private',
      'note pair',
      'takeaway private',
      'takeaway pair awaitingConsent',
      'takeaway pair shared',
      'takeaway pair declined',
      'takeaway program awaitingConsent',
      'takeaway program shared',
      'takeaway program declined',
      'goal',
      'assessment self',
      'assessment by partner',
      'session',
      'session cancelled',
      'commitment',
      'pair',
      'meetingLink',
      'program',
      'programs',
    ];
    expect([...new Set(EXPECTED.map(([r]) => r))].sort()).toEqual([...required].sort());
    for (const [resource, , , ended] of EXPECTED) {
      const pairScoped = resource !== 'program' && resource !== 'programs';
      expect({ resource, hasEndedColumn: ended !== null }).toEqual({ resource, hasEndedColumn: pairScoped });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// authorize(): 404 where the caller cannot read, 403 where they can read but not act
// ---------------------------------------------------------------------------------------------

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('policy matrix: authorize()', () => {
  const authorizeCases = cells(['mentor']).map((cell) => {
    let expected: 'passes' | 403 | 404;
    if (cell.allowed) expected = 'passes';
    // Programme creation is not a resource anyone could be hiding: always 403.
    else if (cell.resource === 'programs') expected = 403;
    else if (cell.action === 'read') expected = 404;
    else expected = expectedFlag(cell.resource, 'read', cell.pairStatus, cell.actor) ? 403 : 404;
    return [`${cell.name.replace(/ → (allowed|denied)$/, '')} → ${expected}`, cell, expected] as const;
  });

  test.each(authorizeCases)('%s', (_name, cell, expected) => {
    const { who, subject } = run(cell);
    const error = thrown(() => authorize(who, cell.action, subject));
    if (expected === 'passes') {
      expect(error).toBeUndefined();
    } else {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(expected);
      expect((error as AppError).code).toBe(expected === 404 ? 'not-found' : 'forbidden');
    }
  });

  test('the 404 of a hidden pair resource reads exactly like the 404 of a missing one', () => {
    const { who, subject } = run({ resource: 'note private', actor: 'partner', pairStatus: 'active', side: 'mentor' });
    const error = thrown(() => authorize(who, 'read', subject)) as AppError;
    expect({ status: error.status, code: error.code, title: error.title, message: error.message }).toEqual({
      status: 404,
      code: 'not-found',
      title: 'Not found',
      message: 'The note does not exist or you cannot see it.',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The store's list filters agree with can()
// ---------------------------------------------------------------------------------------------

describe('policy filters in store queries agree with can()', () => {
  let app: TestApp;
  let built: BuiltPair;
  let otherSessionId: string;
  /** Label of every seeded note/takeaway, by id. */
  const labels = new Map<string, string>();
  const notes: NoteDoc[] = [];
  const takeaways: TakeawayDoc[] = [];

  beforeAll(async () => {
    app = await buildTestApp();
    const store = app.services.store;
    built = await buildPair(store);
    const { mentor, mentee } = built;
    const role = (c: Caller) => (c === mentor ? 'mentor' : 'mentee');

    for (const author of [mentor, mentee]) {
      for (const visibility of ['private', 'pair'] as const) {
        const note = await buildNote(store, built, author, visibility);
        notes.push(note);
        labels.set(note.id, `note ${visibility} by ${role(author)}`);
      }
    }
    // A note in another session of the same pair: never part of this session's notes.
    const other = await sessionScheduler(store, mentor, built.pair, {
      scheduledAt: new Date(Date.now() + 3 * 86400_000).toISOString(),
      durationMinutes: 30,
    });
    otherSessionId = other.id;
    const elsewhere = await buildNote(store, { ...built, session: other }, mentor, 'pair');
    labels.set(elsewhere.id, 'note pair by mentor (other session)');

    for (const author of [mentor, mentee]) {
      const partner = author === mentor ? mentee : mentor;
      const privateOne = await buildTakeaway(store, built, author, 'private');
      takeaways.push(privateOne);
      labels.set(privateOne.id, `takeaway private by ${role(author)}`);
      for (const level of ['pair', 'program'] as const) {
        for (const outcome of ['awaitingConsent', 'shared', 'declined'] as const) {
          let t = await buildTakeaway(store, built, author, level);
          if (outcome !== 'awaitingConsent') t = await consentGranter(store, partner, t, outcome === 'shared');
          expect(t.status).toBe(outcome);
          takeaways.push(t);
          labels.set(t.id, `takeaway ${level} ${outcome} by ${role(author)}`);
        }
      }
    }

    // Content of another pair in the same programme never leaks into this pair's queries.
    const neighbour = await buildPair(store, { program: built.program });
    const n1 = await buildNote(store, neighbour, neighbour.mentor, 'pair');
    const n2 = await buildTakeaway(store, neighbour, neighbour.mentor, 'pair');
    labels.set(n1.id, 'neighbour note');
    labels.set(n2.id, 'neighbour takeaway');
    await buildGoal(store, built);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const members = ['mentor', 'mentee'] as const;
  const memberCaller = (m: (typeof members)[number]) => (m === 'mentor' ? built.mentor : built.mentee);
  const label = (id: string) => labels.get(id) ?? `unknown ${id}`;

  // Written out by hand: what each member must get back.
  const EXPECTED_NOTES: Record<(typeof members)[number], string[]> = {
    mentor: ['note private by mentor', 'note pair by mentor', 'note pair by mentee'],
    mentee: ['note private by mentee', 'note pair by mentee', 'note pair by mentor'],
  };
  const visibleTo = (me: string, them: string) => [
    `takeaway private by ${me}`,
    `takeaway pair awaitingConsent by ${me}`,
    `takeaway pair shared by ${me}`,
    `takeaway pair declined by ${me}`,
    `takeaway program awaitingConsent by ${me}`,
    `takeaway program shared by ${me}`,
    `takeaway program declined by ${me}`,
    `takeaway pair awaitingConsent by ${them}`,
    `takeaway pair shared by ${them}`,
    `takeaway program awaitingConsent by ${them}`,
    `takeaway program shared by ${them}`,
  ];
  const EXPECTED_TAKEAWAYS: Record<(typeof members)[number], string[]> = {
    mentor: visibleTo('mentor', 'mentee'),
    mentee: visibleTo('mentee', 'mentor'),
  };

  test.each(members)(
    'sessionNotes with readableNotesFilter(%s) returns exactly the notes can(read) allows',
    async (m) => {
      const me = memberCaller(m);
      const store = app.services.store;
      const got = (await sessionNotes(store, built.pair, built.session.id, readableNotesFilter(me))) as NoteDoc[];
      const readable = notes.filter((note) => can(me, 'read', { kind: 'note', note, pair: built.pair }));
      expect(got.map((n) => label(n.id)).sort()).toEqual(readable.map((n) => label(n.id)).sort());
      expect(got.map((n) => label(n.id)).sort()).toEqual([...EXPECTED_NOTES[m]].sort());
    },
  );

  test.each(members)(
    'pairDashboardContent with visibleTakeawaysFilter(%s) returns exactly the takeaways can(read|review) allows',
    async (m) => {
      const me = memberCaller(m);
      const store = app.services.store;
      const content = await pairDashboardContent(store, built.pair, visibleTakeawaysFilter(me));
      const got = content.filter((d) => d.type === 'takeaway');
      const visible = takeaways.filter((takeaway) => {
        const subject = { kind: 'takeaway' as const, takeaway, pair: built.pair };
        return can(me, 'read', subject) || can(me, 'review', subject);
      });
      expect(got.map((t) => label(t.id)).sort()).toEqual(visible.map((t) => label(t.id)).sort());
      expect(got.map((t) => label(t.id)).sort()).toEqual([...EXPECTED_TAKEAWAYS[m]].sort());
      // The rest of the dashboard is there, and no note ever is.
      expect(content.some((d) => d.type === 'goal')).toBe(true);
      expect(
        content
          .filter((d) => d.type === 'session')
          .map((s) => s.id)
          .sort(),
      ).toEqual([built.session.id, otherSessionId].sort());
      expect(content.some((d) => d.type === 'note')).toBe(false);
    },
  );

  test.each(members)(
    'loadPairDashboard (pair and content in one query) for %s returns the same as loadPair + pairDashboardContent',
    async (m) => {
      const me = memberCaller(m);
      const store = app.services.store;
      const { pair, content } = await loadPairDashboard(store, me, built.pair.id);
      expect(pair.id).toBe(built.pair.id);
      const separate = await pairDashboardContent(store, built.pair, visibleTakeawaysFilter(me));
      expect(content.map((d) => d.id).sort()).toEqual(separate.map((d) => d.id).sort());
      expect(content.some((d) => d.type === 'pair' || d.type === 'note')).toBe(false);
    },
  );

  test('loadPairDashboard: anyone but the two members, the admin included, gets 404 and nothing else', async () => {
    const store = app.services.store;
    const outsiders = [
      { ...built.mentor, userId: 'someone-else' },
      { ...built.mentor, userId: ADMIN_ID, roles: ['ProgramAdmin'] },
      { ...built.mentor, tenantId: '0e0e0e0e-0000-4000-8000-00000000000e' },
    ];
    for (const caller of outsiders)
      await expect(loadPairDashboard(store, caller, built.pair.id)).rejects.toMatchObject({ status: 404 });
    await expect(loadPairDashboard(store, built.mentor, 'no-such-pair')).rejects.toMatchObject({ status: 404 });
  });
});
