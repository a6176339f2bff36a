import { entityKey } from '../../../lib/federation';
import { parsePeriod } from '../../../lib/period';
import type { DashboardResolvers, EnforcementStatsResolvers } from '../__generated__/resolvers-types';
import { CriminalTransferModel, EnforcementCaseModel } from '../models';
import { countByStatus } from '../../../lib/stats';

export const Dashboard: DashboardResolvers = {
  __resolveReference: (ref) => parsePeriod(entityKey(ref, 'period')),
  enforcement: (p) => p,
};

export const EnforcementStats: EnforcementStatsResolvers = {
  casesFiled: (p) => EnforcementCaseModel.countDocuments({ filedAt: { $gte: p.from, $lt: p.to } }).exec(),
  casesByField: (p) => countByStatus(EnforcementCaseModel, 'field', { filedAt: { $gte: p.from, $lt: p.to } }),
  transfersSent: (p) => CriminalTransferModel.countDocuments({ sentAt: { $gte: p.from, $lt: p.to } }).exec(),
  transfersFiled: (p) => CriminalTransferModel.countDocuments({ filedAt: { $gte: p.from, $lt: p.to } }).exec(),
};
