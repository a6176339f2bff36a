import type { QueryFilter } from 'mongoose';
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
  if (f.appliedFrom || f.appliedTo) {
    q.appliedAt = { ...(f.appliedFrom ? { $gte: f.appliedFrom } : {}), ...(f.appliedTo ? { $lt: f.appliedTo } : {}) };
  }
  return q;
}

function referralFilter(f: SupportReferralFilter = {}): QueryFilter<SupportReferralDoc> {
  const q: QueryFilter<SupportReferralDoc> = {};
  if (f.kind) q.kind = f.kind;
  if (f.receivingAgencyCode) q.receivingAgencyCode = f.receivingAgencyCode;
  if (f.status) q.status = f.status;
  return q;
}

export const Query: QueryResolvers = {
  rescueApplication: (_, { id }, { loaders }) => loaders.application.load(id),
  rescueApplications: (_, { filter, first, after }) =>
    paginate<RescueApplicationDoc>(RescueApplicationModel, applicationFilter(filter ?? {}), { first, after }, 'appliedAt'),
  supportReferrals: (_, { filter, first, after }) =>
    paginate<SupportReferralDoc>(SupportReferralModel, referralFilter(filter ?? {}), { first, after }, 'referredAt'),
};
