// CSV import of participants: parse (csv-parse), check every row, resolve e-mails to directory ids, and
// write only when no row has an error, so an import is all or nothing.
import { parse } from 'csv-parse/sync';
import { badRequest, type FieldError } from '../domain/errors';
import { LIMITS } from '../domain/limits';
import type { PairRole, ProgramDoc } from '../domain/model';
import { normaliseEmail, type Directory, type DirectoryCaller } from '../directory/directory';
import type { Store } from '../store/database';
import { programParticipants } from '../store/queries';
import { participantAdder } from './participantAdder';

export const IMPORT_MAX_ROWS = 2000;
export const IMPORT_COLUMNS = ['name', 'email', 'role', 'skills', 'interests', 'department', 'manager email'] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

/** Header spellings people use, folded to one column name. */
const HEADER_ALIASES: Record<string, Column> = {
  name: 'name',
  'full name': 'name',
  'display name': 'name',
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  'email address': 'email',
  'e-mail address': 'email',
  role: 'role',
  skills: 'skills',
  interests: 'interests',
  department: 'department',
  'manager email': 'manager email',
  'manager e-mail': 'manager email',
  manageremail: 'manager email',
  manager: 'manager email',
};

const ROLE_WORDS: Record<string, PairRole> = { mentor: 'mentor', mentee: 'mentee', executive: 'mentee' };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface ImportRow {
  /** Line number in the file (the header is line 1). */
  line: number;
  name: string;
  email: string;
  role: string;
  skills: string[];
  interests: string[];
  department?: string;
  managerEmail?: string;
  /** Directory id the e-mail resolved to. */
  userId?: string;
  managerId?: string;
  /** Whether the person is already a participant (the import updates them). */
  existing: boolean;
  errors: FieldError[];
}

export interface ImportResult {
  rows: ImportRow[];
  /** Problems with the file as a whole (not CSV, a missing column, too many rows): then there are no rows. */
  fileErrors: FieldError[];
  errorCount: number;
  /** Participants written: 0 for a preview. */
  imported: number;
}

const splitList = (value: string | undefined) =>
  (value ?? '')
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter(Boolean);

class FileProblem extends Error {}

function parseCsv(text: string): { records: Record<string, string>[]; lines: number[] } {
  let parsed: { record: Record<string, string>; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((h) => HEADER_ALIASES[h.trim().toLowerCase()] ?? `unknown:${h.trim()}`),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
      max_record_size: 10_000,
    }) as typeof parsed;
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    throw new FileProblem(`not valid CSV${e.lines ? ` near line ${e.lines}` : ''}: ${e.message ?? 'parse error'}`);
  }
  return { records: parsed.map((p) => p.record), lines: parsed.map((p) => p.info.lines) };
}

/**
 * Checks a CSV of participants and, with `commit`, imports it. A preview returns every row with its
 * errors; a commit with any error writes nothing and answers 400 listing them. Identity is the
 * directory id each e-mail resolves to, never the e-mail itself.
 */
export async function participantImporter(
  store: Store,
  directory: Directory,
  caller: DirectoryCaller,
  program: ProgramDoc,
  props: { csv: string; commit: boolean },
): Promise<ImportResult> {
  const file = readImportFile(props.csv);
  if ('problem' in file) {
    const fileErrors = [{ field: 'csv', message: file.problem }];
    if (props.commit) throw badRequest(`Nothing was imported: the file is ${file.problem}.`, fileErrors);
    return { rows: [], fileErrors, errorCount: 1, imported: 0 };
  }
  const rows = await checkRows(store, directory, caller, program, file);
  const errorCount = rows.reduce((n, r) => n + r.errors.length, 0);
  if (!props.commit) return { rows, fileErrors: [], errorCount, imported: 0 };
  if (errorCount > 0) {
    throw badRequest(
      `Nothing was imported: ${errorCount} problem${errorCount === 1 ? '' : 's'} in the file. Fix them and import again.`,
      rows.flatMap((r) => r.errors.map((e) => ({ field: `line ${r.line}: ${e.field}`, message: e.message }))),
    );
  }
  return { rows, fileErrors: [], errorCount: 0, imported: await importRows(store, directory, caller, program, rows) };
}

interface ImportFile {
  records: Record<string, string>[];
  lines: number[];
}

/** The file's rows and their line numbers, or what is wrong with the file as a whole. */
function readImportFile(csv: string): ImportFile | { problem: string } {
  try {
    const parsed = parseCsv(csv);
    if (parsed.records.length === 0) throw new FileProblem('no rows under the header');
    if (parsed.records.length > IMPORT_MAX_ROWS)
      throw new FileProblem(`more than ${IMPORT_MAX_ROWS} rows: import them in parts`);
    const headers = Object.keys(parsed.records[0]!);
    const missing = (['name', 'email', 'role'] as const).filter((c) => !headers.includes(c));
    if (missing.length)
      throw new FileProblem(`the header row lacks ${missing.join(', ')} (columns: ${IMPORT_COLUMNS.join(', ')})`);
    return parsed;
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    return { problem: error.message };
  }
}

interface RowContext {
  /** Directory people by normalised e-mail (the rows' and their managers'). */
  found: Map<string, { id: string }>;
  /** Who is already a participant. */
  existingIds: Set<string>;
  /** The first line each person appeared on (a later line with them is an error). */
  firstLineOf: Map<string, number>;
}

/** Every row checked, with the directory ids its e-mails resolve to: one directory lookup for the whole file. */
async function checkRows(
  store: Store,
  directory: Directory,
  caller: DirectoryCaller,
  program: ProgramDoc,
  file: ImportFile,
): Promise<ImportRow[]> {
  const emails = file.records
    .flatMap((r) => [r.email, r['manager email']])
    .filter((e): e is string => Boolean(e && EMAIL.test(e)));
  const [found, existing] = await Promise.all([
    directory.findByEmails(caller, emails),
    programParticipants(store, program),
  ]);
  const context: RowContext = { found, existingIds: new Set(existing.map((p) => p.userId)), firstLineOf: new Map() };
  return file.records.map((record, i) => checkRow(record, file.lines[i]!, context));
}

function checkRow(r: Record<string, string>, line: number, { found, existingIds, firstLineOf }: RowContext): ImportRow {
  const errors: FieldError[] = [];
  const error = (field: string, message: string) => errors.push({ field, message });
  const name = (r.name ?? '').trim();
  const email = (r.email ?? '').trim();
  const role = (r.role ?? '').trim();
  const skills = splitList(r.skills);
  const interests = splitList(r.interests);
  const department = r.department?.trim() || undefined;
  const managerEmail = r['manager email']?.trim() || undefined;

  if (!name) error('name', 'missing');
  else if (name.length > LIMITS.nameLength) error('name', `longer than ${LIMITS.nameLength} characters`);
  if (!ROLE_WORDS[role.toLowerCase()]) error('role', 'must be mentor, mentee or executive');
  for (const [field, list] of [
    ['skills', skills],
    ['interests', interests],
  ] as const) {
    if (list.length > LIMITS.listItems) error(field, `more than ${LIMITS.listItems} items`);
    if (list.some((s) => s.length > LIMITS.listItemLength))
      error(field, `an item is longer than ${LIMITS.listItemLength} characters`);
  }
  if (department && department.length > LIMITS.nameLength)
    error('department', `longer than ${LIMITS.nameLength} characters`);

  const person = EMAIL.test(email) ? found.get(normaliseEmail(email)) : undefined;
  if (!email) error('email', 'missing');
  else if (!EMAIL.test(email)) error('email', 'not an e-mail address');
  else if (!person) error('email', 'not found in the directory');
  if (person) {
    const first = firstLineOf.get(person.id);
    if (first !== undefined) error('email', `the same person as line ${first}`);
    else firstLineOf.set(person.id, line);
  }
  const manager = managerEmail && EMAIL.test(managerEmail) ? found.get(normaliseEmail(managerEmail)) : undefined;
  if (managerEmail && !EMAIL.test(managerEmail)) error('manager email', 'not an e-mail address');
  else if (managerEmail && !manager) error('manager email', 'not found in the directory');
  else if (manager && person && manager.id === person.id)
    error('manager email', 'a person cannot be their own manager');

  return {
    line,
    name,
    email,
    role: ROLE_WORDS[role.toLowerCase()] ?? role,
    skills,
    interests,
    ...(department ? { department } : {}),
    ...(managerEmail ? { managerEmail } : {}),
    ...(person ? { userId: person.id } : {}),
    ...(manager ? { managerId: manager.id } : {}),
    existing: person ? existingIds.has(person.id) : false,
    errors,
  };
}

/** Writes rows that all passed, four at a time. Upserts keyed by directory id, so a retry after a failure completes the import. */
async function importRows(
  store: Store,
  directory: Directory,
  caller: DirectoryCaller,
  program: ProgramDoc,
  rows: ImportRow[],
): Promise<number> {
  let imported = 0;
  const queue = [...rows];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const managerChain = row.managerId
        ? [row.managerId, ...(await directory.managerChain(caller, row.managerId))]
        : await directory.managerChain(caller, row.userId!);
      await participantAdder(store, program, {
        id: row.userId!,
        name: row.name,
        email: row.email,
        role: row.role as PairRole,
        skills: row.skills,
        interests: row.interests,
        ...(row.department ? { department: row.department } : {}),
        ...(managerChain[0] ? { managerId: managerChain[0] } : {}),
        managerChain: managerChain.filter((id) => id !== row.userId),
      });
      imported++;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return imported;
}
