import { entityKey } from '../../../lib/federation';
import { parsePeriod, type Period } from '../../../lib/period';
import { countByStatus } from '../../../lib/stats';
import type { DashboardResolvers, ProcuratorateStatsResolvers } from '../__generated__/resolvers-types';
import { pendingThreshold } from '../deadlines';
import { ProcuratorateCaseModel, ReverseReferralModel, SuggestionModel } from '../models';

const within = (p: Period) => ({ $gte: p.from, $lt: p.to });
const accepted = (p: Period) => ({ sealed: false, acceptedAt: within(p) });

export const Dashboard: DashboardResolvers = {
  __resolveReference: (ref) => parsePeriod(entityKey(ref, 'period')),
  procuratorate: (p) => p,
};

// Sealed cases are never counted (DOMAIN.md access rule 4).
export const ProcuratorateStats: ProcuratorateStatsResolvers = {
  casesAccepted: (p) => ProcuratorateCaseModel.countDocuments(accepted(p)).exec(),
  casesByType: (p) => countByStatus(ProcuratorateCaseModel, 'type', accepted(p)),
  suggestionsIssued: (p) => SuggestionModel.countDocuments({ issuedAt: within(p) }).exec(),
  suggestionsReplied: (p) => SuggestionModel.countDocuments({ repliedAt: within(p) }).exec(),
  suggestionsOverdue: (p) => {
    const end = new Date(Math.min(p.to.getTime(), Date.now()));
    return SuggestionModel.countDocuments({ repliedAt: null, status: { $ne: 'WITHDRAWN' }, replyDueAt: { $gte: p.from, $lt: end } }).exec();
  },
  reverseReferrals: (p) => ReverseReferralModel.countDocuments({ referredAt: within(p) }).exec(),
  opinionsIssued: (p) => ReverseReferralModel.countDocuments({ opinionIssuedAt: within(p) }).exec(),
  resultsReported: (p) => ReverseReferralModel.countDocuments({ resultReportedAt: within(p) }).exec(),
  pendingTooLong: (p) => {
    // 挂案 as of the end of the period (or now): company-related, old enough, not closed by then.
    const asOf = new Date(Math.min(p.to.getTime(), Date.now()));
    return ProcuratorateCaseModel.countDocuments({
      sealed: false,
      'creditCodes.0': { $exists: true },
      acceptedAt: { $lte: pendingThreshold(asOf) },
      $or: [{ closedAt: null }, { closedAt: { $gt: asOf } }],
    }).exec();
  },
};
