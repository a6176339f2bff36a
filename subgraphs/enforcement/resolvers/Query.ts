import type { QueryFilter } from 'mongoose';
import { dateRange } from '../../../lib/filters';
import { paginate } from '../../../lib/pagination';
import type { QueryResolvers, EnforcementCaseFilter, CriminalTransferFilter } from '../__generated__/resolvers-types';
import { CriminalTransferModel, EnforcementCaseModel, type CriminalTransferDoc, type EnforcementCaseDoc } from '../models';
import { enforcementCasePolicy, transferPolicy } from '../policies';

function caseFilter(f: EnforcementCaseFilter = {}): QueryFilter<EnforcementCaseDoc> {
  const q: QueryFilter<EnforcementCaseDoc> = {};
  if (f.status) q.status = f.status;
  if (f.agencyCode) q.agencyCode = f.agencyCode;
  if (f.field) q.field = f.field;
  if (f.personId) q.personId = f.personId;
  if (f.creditCode) q.creditCode = f.creditCode;
  const filed = dateRange(f.filedFrom, f.filedTo);
  if (filed) q.filedAt = filed;
  return q;
}

function transferFilter(f: CriminalTransferFilter = {}): QueryFilter<CriminalTransferDoc> {
  const q: QueryFilter<CriminalTransferDoc> = {};
  if (f.status) q.status = f.status;
  if (f.agencyCode) q.agencyCode = f.agencyCode;
  if (f.policeAgencyCode) q.policeAgencyCode = f.policeAgencyCode;
  const reported = dateRange(f.reportedFrom, f.reportedTo);
  if (reported) q.reportedAt = reported;
  // nextDueAt is stored on every write (an overdue filter on one indexed field, no $expr): one index query.
  if (f.overdue === true) q.nextDueAt = { $lt: new Date() };
  if (f.overdue === false) q.$or = [{ nextDueAt: null }, { nextDueAt: { $gte: new Date() } }];
  return q;
}

export const Query: QueryResolvers = {
  enforcementCase: async (_, { id }, { loaders, access }) => access.one(enforcementCasePolicy, await loaders.enforcementCase.load(id)),
  enforcementCases: async (_, { filter, first, after }, { access }) => {
    const visible = await access.filter(enforcementCasePolicy);
    const page = await paginate<EnforcementCaseDoc>(EnforcementCaseModel, { $and: [caseFilter(filter ?? {}), visible] }, { first, after }, 'filedAt');
    return access.page(enforcementCasePolicy, page);
  },
  criminalTransfer: async (_, { id }, { loaders, access }) => access.one(transferPolicy, await loaders.transfer.load(id)),
  criminalTransfers: async (_, { filter, first, after }, { access }) => {
    const visible = await access.filter(transferPolicy);
    const page = await paginate<CriminalTransferDoc>(CriminalTransferModel, { $and: [transferFilter(filter ?? {}), visible] }, { first, after }, 'reportedAt');
    return access.page(transferPolicy, page);
  },
};
