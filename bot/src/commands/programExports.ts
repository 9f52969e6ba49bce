// The programme admin's files: participants, insights and the audit trail as CSV, each export recorded in
// the audit trail. Every field is quoted and neutralised against formulas (safeCsv).
import type { Caller, ParticipantDoc, ProgramDoc } from '../domain/model';
import type { Store } from '../store/database';
import { auditEntries, pairsOfPeople, participantsPage } from '../store/queries';
import { actorOf, auditRecorder } from './auditTrail';
import { insightsCsv, programInsights, safeCsv } from './programInsights';

export interface CsvFile {
  filename: string;
  csv: string;
}

/** `<what>-<programme name as a slug>-<today>.csv`. */
export const exportFilename = (what: string, program: Pick<ProgramDoc, 'name'>, now = new Date()) =>
  `${what}-${
    program.name
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'programme'
  }-${now.toISOString().slice(0, 10)}.csv`;

/** For a page of participants: who has accepted the agreement (in any pair) and who is in a pair that has not ended. No content. */
export async function participantStatuses(store: Store, program: ProgramDoc, participants: readonly ParticipantDoc[]) {
  const pairs = await pairsOfPeople(
    store,
    program,
    participants.map((p) => p.userId),
  );
  const acknowledged = new Set(pairs.flatMap((p) => Object.keys(p.confidentialityAcknowledged ?? {})));
  const paired = new Set(pairs.filter((p) => p.status !== 'ended').flatMap((p) => [p.mentor.id, p.mentee.id]));
  return { acknowledged: (userId: string) => acknowledged.has(userId), paired: (userId: string) => paired.has(userId) };
}

/** The chosen participants: name, role, department, agreement accepted, paired. */
export async function participantsExporter(
  store: Store,
  caller: Caller,
  program: ProgramDoc,
  userIds: string[],
): Promise<CsvFile> {
  const page = await participantsPage(store, program, { userIds, pageSize: userIds.length });
  const status = await participantStatuses(store, program, page.items);
  const yes = (value: boolean) => (value ? 'yes' : 'no');
  const csv = safeCsv([
    ['name', 'role', 'department', 'agreement accepted', 'paired'],
    ...page.items.map((p) => [
      p.name,
      p.role,
      p.department ?? '',
      yes(status.acknowledged(p.userId)),
      yes(status.paired(p.userId)),
    ]),
  ]);
  await auditRecorder(store, program, actorOf(caller), { action: 'participants.export', count: page.items.length });
  return { filename: exportFilename('participants', program), csv };
}

/** The insights, withheld figures with the reason. */
export async function insightsExporter(store: Store, caller: Caller, program: ProgramDoc): Promise<CsvFile> {
  const csv = insightsCsv(program, await programInsights(store, program));
  await auditRecorder(store, program, actorOf(caller), { action: 'insights.export' });
  return { filename: exportFilename('insights', program), csv };
}

/** The audit trail, newest first; the export is recorded first, so the file lists it too. */
export async function auditExporter(store: Store, caller: Caller, program: ProgramDoc): Promise<CsvFile> {
  await auditRecorder(store, program, actorOf(caller), { action: 'audit.export' });
  const entries = await auditEntries(store, program);
  const csv = safeCsv([
    ['at', 'actor id', 'actor', 'action', 'pair', 'person', 'target', 'changes', 'count'],
    ...entries.map((e) => [
      e.at,
      e.actor.id,
      e.actor.name,
      e.action,
      e.target?.pairId ?? '',
      e.target?.userId ?? '',
      e.target?.name ?? '',
      (e.changes ?? []).map((c) => `${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`).join('; '),
      e.count ?? '',
    ]),
  ]);
  return { filename: exportFilename('audit', program), csv };
}
