// can(), authorize() and the list filters that apply the same rules inside store queries.
import { forbidden, notFound } from '../domain/errors';
import type { Caller } from '../domain/model';
import { pairOf, tenantOf, type ActionOf, type Subject } from './cancan';
import { ACTIONS_BY_KIND, rules } from './rules';

export type { Action, ActionOf, Subject } from './cancan';
export { loadPair, loadPairAndItem, loadPairDashboard, loadPairItem, loadProgram, loadProgramPair } from './access';

/** Tenants first, for every kind: no rule runs on another tenant's subject or on a subject whose pair is another tenant's. */
export function can<S extends Subject>(caller: Caller, action: ActionOf<S['kind']>, subject: S): boolean {
  if (tenantOf(subject) !== caller.tenantId) return false;
  const pair = pairOf(subject);
  if (pair && pair.tenantId !== caller.tenantId) return false;
  return rules.some(
    (rule) =>
      rule.kind === subject.kind &&
      (rule.actions as readonly string[]).includes(action) &&
      rule.condition(caller, subject as never),
  );
}

/**
 * Throws unless allowed. Where the caller may not even read the subject, its existence is
 * confidential: 404, exactly as for an id that does not exist.
 */
export function authorize<S extends Subject>(caller: Caller, action: ActionOf<S['kind']>, subject: S): void {
  if (can(caller, action, subject)) return;
  if (subject.kind === 'programs') throw forbidden('Programme administration needs the ProgramAdmin app role.');
  if (can<Subject>(caller, 'read', subject)) throw forbidden();
  throw notFound(subject.kind === 'program' ? 'programme' : subject.kind);
}

/** The actions the caller may take on a subject, so the tab can hide what is not allowed. */
export function abilities(caller: Caller, subject: Subject): Record<string, boolean> {
  return Object.fromEntries(
    ACTIONS_BY_KIND[subject.kind].map((a) => [a, can<Subject>(caller, a as ActionOf<Subject['kind']>, subject)]),
  );
}

/** A parameterised query condition over documents aliased `c`. */
export interface QueryFilter {
  where: string;
  parameters: { name: string; value: string }[];
}

/** Notes a pair member may read: the same rule as can('read', note), applied in the query. */
export function readableNotesFilter(caller: Caller): QueryFilter {
  return {
    where: "(c.authorId = @callerId OR c.visibility = 'pair')",
    parameters: [{ name: '@callerId', value: caller.userId }],
  };
}

/** Takeaways a pair member may read or must decide on: their own, shared ones, and those awaiting a decision. */
export function visibleTakeawaysFilter(caller: Caller): QueryFilter {
  return {
    where: "(c.authorId = @callerId OR c.status = 'shared' OR c.status = 'awaitingConsent')",
    parameters: [{ name: '@callerId', value: caller.userId }],
  };
}
