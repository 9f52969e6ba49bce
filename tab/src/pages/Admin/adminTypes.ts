// Response shapes of the admin API (bot/src/api/routes/programs.ts).
import type { PairRole, PairStatus, ReminderSchedule } from '../../../../bot/src/domain/model';

export type { PairRole, PairStatus, ReminderSchedule };

export interface Program {
  id: string; name: string; objectives: string[]; startsOn: string; endsOn: string; cadenceDays: number; sessionMinutes: number;
  topics: string[]; programLearningsEnabled: boolean; retentionDays: number; reminderSchedule?: ReminderSchedule; etag: string;
}

export interface Participant {
  id: string; name: string; email?: string; role: PairRole; skills: string[]; interests: string[]; department?: string;
  trainingAcknowledged: boolean; paired: boolean;
}

export interface DirectoryPerson { id: string; name: string; email?: string; department?: string; jobTitle?: string }

export interface ImportRow {
  line: number; name: string; email: string; role: string; skills: string[]; interests: string[]; department?: string;
  managerEmail?: string; userId?: string; existing: boolean; errors: { field: string; message: string }[];
}
export interface ImportResult { rows: ImportRow[]; fileErrors: { field: string; message: string }[]; errorCount: number; imported: number }

export interface Suggestion { mentorId: string; menteeId: string; score: number; reasons: string[] }
export interface MatchResult { pairs: Suggestion[]; unmatched: { id: string; reason: string }[] }

export interface PairHealth {
  id: string; mentor: { id: string; name: string }; mentee: { id: string; name: string }; status: PairStatus; createdAt: string; etag: string;
  confidentialityAcknowledged: { mentor: boolean; mentee: boolean };
  health: { sessionsHeld: number; sessionsExpected: number; onCadence: boolean; lastSessionAt: string | null; goals: number; goalProgressAverage: number | null };
}

export interface DeliveryPerson {
  userId: string; name: string; reachable: boolean; lastDeliveredAt?: string; lastFailure?: { at: string; reason: string; fix: string };
}

interface InsightsBase { programId: string; pairCount: number; minimumPairs: number }
export type Insights =
  | (InsightsBase & { suppressed: true; reason: string })
  | (InsightsBase & {
      suppressed: false;
      pairs: { active: number; paused: number; ended: number };
      sessions: { planned: number; held: number; cancelled: number; expectedByCadence: number };
      cadence: { pairsDue: number; onCadence: number; percent: number | null };
      goals: { total: number; achieved: number; atRisk: number; progress: { from: number; to: number; goals: number }[] };
      commitments: { made: number; kept: number; open: number };
      feedback: { responses: number; averageRating: number | null };
      learnings: { text: string; sharedOn: string }[];
    });
