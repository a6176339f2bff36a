import type { QueryFilter } from 'mongoose';
import { badInput } from '../../../lib/errors';
import { dateRange } from '../../../lib/filters';
import { MAX_PAGE } from '../../../lib/pagination';
import type { ProcuratorateCaseFilter, ReverseReferralFilter, SuggestionFilter } from '../__generated__/resolvers-types';
import { pendingThreshold } from '../deadlines';
import type { ProcuratorateCaseDoc, ReverseReferralDoc, SuggestionDoc } from '../models';

/**
 * The `overdue` filter on the stored `nextDueAt` (the due date of the step owed now; null when none is owed):
 * Each write stores it, so the overdue filter is one indexed field, not an $expr comparing two.
 */
function overdueClause<T>(overdue: boolean | null | undefined, now: Date): QueryFilter<T> | null {
  if (overdue === true) return { nextDueAt: { $lt: now } } as QueryFilter<T>;
  if (overdue === false) return { $or: [{ nextDueAt: null }, { nextDueAt: { $gte: now } }] } as QueryFilter<T>;
  return null;
}

/** Joins clauses that may each carry an $or. */
function all<T>(clauses: QueryFilter<T>[]): QueryFilter<T> {
  return clauses.length === 1 ? clauses[0] : ({ $and: clauses } as QueryFilter<T>);
}

export function caseFilter(f: ProcuratorateCaseFilter = {}, now = new Date()): QueryFilter<ProcuratorateCaseDoc> {
  const q: QueryFilter<ProcuratorateCaseDoc> = {};
  if (f.caseNumbers) {
    if (f.caseNumbers.length > MAX_PAGE) throw badInput('caseNumbers', `at most ${MAX_PAGE} numbers`);
    q.caseNumber = { $in: f.caseNumbers.map((n) => n.trim()) };
  }
  if (f.status) q.status = f.status;
  if (f.type) q.type = f.type;
  if (f.agencyCode) q.agencyCode = f.agencyCode;
  if (f.creditCode) q.creditCodes = f.creditCode.trim().toUpperCase();
  const acceptedAt = dateRange(f.acceptedFrom, f.acceptedTo);
  if (acceptedAt) q.acceptedAt = acceptedAt;
  const clauses: QueryFilter<ProcuratorateCaseDoc>[] = [q];
  if (f.personId) clauses.push({ $or: [{ personIds: f.personId }, { victimIds: f.personId }] });
  const old = pendingThreshold(now);
  if (f.pendingTooLong === true) {
    clauses.push({ 'creditCodes.0': { $exists: true }, closedAt: null, acceptedAt: { $lte: old } });
  } else if (f.pendingTooLong === false) {
    clauses.push({ $or: [{ 'creditCodes.0': { $exists: false } }, { closedAt: { $ne: null } }, { acceptedAt: { $gt: old } }] });
  }
  const due = overdueClause<ProcuratorateCaseDoc>(f.overdue, now);
  if (due) clauses.push(due);
  return all<ProcuratorateCaseDoc>(clauses);
}

export function suggestionFilter(f: SuggestionFilter = {}, now = new Date()): QueryFilter<SuggestionDoc> {
  const q: QueryFilter<SuggestionDoc> = {};
  if (f.status) q.status = f.status;
  if (f.kind) q.kind = f.kind;
  if (f.targetAgencyCode) q.targetAgencyCode = f.targetAgencyCode;
  const issuedAt = dateRange(f.issuedFrom, f.issuedTo);
  if (issuedAt) q.issuedAt = issuedAt;
  const due = overdueClause<SuggestionDoc>(f.overdue, now);
  return due ? all<SuggestionDoc>([q, due]) : q;
}

export function referralFilter(f: ReverseReferralFilter = {}, now = new Date()): QueryFilter<ReverseReferralDoc> {
  const q: QueryFilter<ReverseReferralDoc> = {};
  if (f.status) q.status = f.status;
  if (f.competentAgencyCode) q.competentAgencyCode = f.competentAgencyCode;
  if (f.procuratorateCaseId) q.procuratorateCaseId = f.procuratorateCaseId;
  const referredAt = dateRange(f.referredFrom, f.referredTo);
  if (referredAt) q.referredAt = referredAt;
  const due = overdueClause<ReverseReferralDoc>(f.overdue, now);
  return due ? all<ReverseReferralDoc>([q, due]) : q;
}
