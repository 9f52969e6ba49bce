// Response shapes of the API (bot/src/api/presenters.ts); enums come from the server's domain.
import type {
  AgendaItem, CommitmentStatus, FindingKind, GoalStatus, PairRole, PairStatus, SessionStatus, TakeawayStatus,
  TakeawayVisibility,
} from '../../../bot/src/domain/model';

export type { PairRole, GoalStatus };
export type Abilities = Record<string, boolean>;

export interface Me {
  id: string;
  tenantId: string;
  name: string;
  roles: string[];
  pairs: {
    pairId: string;
    programId: string;
    role: PairRole;
    status: PairStatus;
    partner: { id: string; name: string };
    nextSession: { id: string; scheduledAt: string; durationMinutes: number; joinUrl: string | null } | null;
    contentDeletesAt: string | null;
  }[];
}

export interface Goal {
  id: string; title: string; successMeasure: string; owner: PairRole; targetDate?: string;
  progress: number; status: GoalStatus; etag: string; abilities: Abilities;
}
export interface Session {
  id: string; scheduledAt: string; durationMinutes: number; joinUrl?: string; meetingId?: string;
  status: SessionStatus; agenda: AgendaItem[]; etag: string; abilities: Abilities;
}
export interface Commitment {
  id: string; text: string; dueDate?: string; status: CommitmentStatus; evidence?: string; sessionId?: string; etag: string; abilities: Abilities;
}
export interface Takeaway {
  id: string; sessionId: string; authorId: string; text: string; visibility: TakeawayVisibility;
  requestedVisibility: TakeawayVisibility; status: TakeawayStatus; programText?: string;
  findings: { kind: FindingKind; start: number; end: number; text: string }[];
  createdAt: string; abilities: Abilities;
}
export interface PairDashboard {
  pair: {
    id: string; programId: string; mentor: { id: string; name: string }; mentee: { id: string; name: string };
    status: PairStatus; role: PairRole | null; abilities: Abilities;
    confidentialityAcknowledged: { mentor: boolean; mentee: boolean };
  };
  goals: Goal[];
  nextSession: Session | null;
  sessions: Session[];
  commitments: Commitment[];
  takeaways: Takeaway[];
  awaitingYourConsent: Takeaway[];
}

export interface Note {
  id: string; sessionId: string; authorId: string; body: string; visibility: 'private' | 'pair';
  createdAt: string; updatedAt: string; etag: string; abilities: Abilities;
}
export interface MeetingLink { meetingId: string; pairId: string; sessionId: string | null }
export type Finding = Takeaway['findings'][number];
