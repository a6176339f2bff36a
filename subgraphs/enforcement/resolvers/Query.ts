import type { QueryFilter } from 'mongoose';
import { dateRange } from '../../../lib/filters';
import { paginate } from '../../../lib/pagination';
import type { QueryResolvers, EnforcementCaseFilter, CriminalTransferFilter } from '../__generated__/resolvers-types';
import { CriminalTransferModel, EnforcementCaseModel, type CriminalTransferDoc, type EnforcementCaseDoc } from '../models';

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
  // nextDueAt is stored on every write (FerretDB cannot compare two fields): one index query.
  if (f.overdue === true) q.nextDueAt = { $lt: new Date() };
  if (f.overdue === false) q.$or = [{ nextDueAt: null }, { nextDueAt: { $gte: new Date() } }];
  return q;
}

export const Query: QueryResolvers = {
  enforcementCase: (_, { id }, { loaders }) => loaders.enforcementCase.load(id),
  enforcementCases: (_, { filter, first, after }) =>
    paginate<EnforcementCaseDoc>(EnforcementCaseModel, caseFilter(filter ?? {}), { first, after }, 'filedAt'),
  criminalTransfer: (_, { id }, { loaders }) => loaders.transfer.load(id),
  criminalTransfers: (_, { filter, first, after }) =>
    paginate<CriminalTransferDoc>(CriminalTransferModel, transferFilter(filter ?? {}), { first, after }, 'reportedAt'),
};
