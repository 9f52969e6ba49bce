// Response shapes of the API: the types inferred from the server's response schemas
// (bot/src/api/responses.ts), imported as types only, so the tab and the server cannot drift apart.
export type {
  Abilities, Booking, Commitment, Finding, Goal, MeetingLink, MeetingTimes, Me, Note, PairDashboard, Session, SessionChange, Takeaway,
} from '../../../bot/src/api/responses';
export type { GoalStatus, PairRole } from '../../../bot/src/domain/model';
