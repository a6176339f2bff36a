import type { QueryFilter } from 'mongoose';
import { dateRange } from '../../../lib/filters';
import { paginate } from '../../../lib/pagination';
import type { QueryResolvers, RescueApplicationFilter, SupportReferralFilter } from '../__generated__/resolvers-types';
import { RescueApplicationModel, SupportReferralModel, type RescueApplicationDoc, type SupportReferralDoc } from '../models';
import { rescueApplicationPolicy, supportReferralPolicy } from '../policies';

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

// Lists are filtered in the query (so totalCount counts only what the caller may see); a direct lookup
// the caller may not see is FORBIDDEN, audited (docs/access-guide.md).
export const Query: QueryResolvers = {
  rescueApplication: async (_, { id }, { loaders, access }) => access.one(rescueApplicationPolicy, await loaders.application.load(id)),
  rescueApplications: async (_, { filter, first, after }, { access }) => {
    const visible = await access.filter(rescueApplicationPolicy);
    const page = await paginate<RescueApplicationDoc>(RescueApplicationModel, { $and: [applicationFilter(filter ?? {}), visible] }, { first, after }, 'listedAt');
    return access.page(rescueApplicationPolicy, page);
  },
  supportReferrals: async (_, { filter, first, after }, { access }) => {
    const visible = await access.filter(supportReferralPolicy);
    const page = await paginate<SupportReferralDoc>(SupportReferralModel, { $and: [referralFilter(filter ?? {}), visible] }, { first, after }, 'referredAt');
    return access.page(supportReferralPolicy, page);
  },
};
