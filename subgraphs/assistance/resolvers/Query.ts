import type { QueryFilter } from 'mongoose';
import { dateRange } from '../../../lib/filters';
import { paginate } from '../../../lib/pagination';
import type { QueryResolvers, RescueApplicationFilter, SupportReferralFilter } from '../__generated__/resolvers-types';
import { RescueApplicationModel, SupportReferralModel, type RescueApplicationDoc, type SupportReferralDoc } from '../models';

function applicationFilter(f: RescueApplicationFilter = {}): QueryFilter<RescueApplicationDoc> {
  const q: QueryFilter<RescueApplicationDoc> = {};
  if (f.status) q.status = f.status;
  if (f.situation) q.situation = f.situation;
  if (f.agencyCode) q.agencyCode = f.agencyCode;
  if (f.applicantId) q.applicantId = f.applicantId;
  if (f.procuratorateCaseId) q.procuratorateCaseId = f.procuratorateCaseId;
  const applied = dateRange(f.appliedFrom, f.appliedTo);
  if (applied) q.appliedAt = applied;
  // nextDueAt is the earliest running deadline, stored with every step.
  if (f.overdue === true) q.nextDueAt = { $lt: new Date() };
  if (f.overdue === false) q.$or = [{ nextDueAt: null }, { nextDueAt: { $gte: new Date() } }];
  return q;
}

function referralFilter(f: SupportReferralFilter = {}): QueryFilter<SupportReferralDoc> {
  const q: QueryFilter<SupportReferralDoc> = {};
  if (f.kind) q.kind = f.kind;
  if (f.receivingAgencyCode) q.receivingAgencyCode = f.receivingAgencyCode;
  if (f.status) q.status = f.status;
  if (f.applicationId) q.applicationId = f.applicationId;
  return q;
}

export const Query: QueryResolvers = {
  rescueApplication: (_, { id }, { loaders }) => loaders.application.load(id),
  rescueApplications: (_, { filter, first, after }) =>
    paginate<RescueApplicationDoc>(RescueApplicationModel, applicationFilter(filter ?? {}), { first, after }, 'listedAt'),
  supportReferrals: (_, { filter, first, after }) =>
    paginate<SupportReferralDoc>(SupportReferralModel, referralFilter(filter ?? {}), { first, after }, 'referredAt'),
};
