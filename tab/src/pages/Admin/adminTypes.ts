// Response shapes of the admin API: the types inferred from the server's response schemas
// (bot/src/api/responses.ts), imported as types only.
export type {
  AuditEntry,
  CsvFile,
  DeliveryPerson,
  DirectoryPerson,
  Figure,
  ImportResult,
  ImportRow,
  Insights,
  MatchResult,
  PairHealth,
  Participant,
  Program,
  RetentionPreview,
  Suggestion,
} from '../../../../bot/src/api/responses';
export type { PairRole, PairStatus, ReminderSchedule } from '../../../../bot/src/domain/model';
