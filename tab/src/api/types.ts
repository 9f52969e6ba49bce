// Response shapes of the API: the types inferred from the server's response schemas
// (bot/src/api/responses.ts), imported as types only, so the tab and the server cannot drift apart.
export type {
  Abilities,
  Assessment,
  Booking,
  Commitment,
  Finding,
  Goal,
  Ledger,
  MeetingLink,
  Pair,
  MeetingTimes,
  Me,
  Note,
  PairDashboard,
  Session,
  SessionChange,
  Takeaway,
} from '../../../bot/src/api/responses';
export type { GoalStatus, PairRole } from '../../../bot/src/domain/model';
