import { entityKey } from '../../../lib/federation';
import { parsePeriod } from '../../../lib/period';
import { countByStatus } from '../../../lib/stats';
import type { DashboardResolvers, LiaisonStatsResolvers } from '../__generated__/resolvers-types';
import { AlertModel, DataRequestModel, WorkTaskModel } from '../models';

export const Dashboard: DashboardResolvers = {
  __resolveReference: (ref) => parsePeriod(entityKey(ref, 'period')),
  liaison: (p) => p,
};

export const LiaisonStats: LiaisonStatsResolvers = {
  dataRequestsByStatus: (p) => countByStatus(DataRequestModel, 'status', { submittedAt: { $gte: p.from, $lt: p.to } }),
  workTasksDone: (p) => WorkTaskModel.countDocuments({ status: 'DONE', dueAt: { $gte: p.from, $lt: p.to } }).exec(),
  workTasksOverdue: (p) => {
    const until = new Date(Math.min(p.to.getTime(), Date.now()));
    return WorkTaskModel.countDocuments({ status: { $ne: 'DONE' }, dueAt: { $gte: p.from, $lt: until } }).exec();
  },
  openAlerts: (p) => AlertModel.countDocuments({ resolvedAt: null, raisedAt: { $gte: p.from, $lt: p.to } }).exec(),
};
