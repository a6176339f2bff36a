import { entityKey } from '../../../lib/federation';
import { parsePeriod, type Period } from '../../../lib/period';
import { countByStatus } from '../../../lib/stats';
import type { DashboardResolvers, ProcuratorateStatsResolvers } from '../__generated__/resolvers-types';
import { pendingThreshold } from '../deadlines';
import { ProcuratorateCaseModel, ReverseReferralModel, SuggestionModel } from '../models';

const within = (p: Period) => ({ $gte: p.from, $lt: p.to });
/** Sealed juvenile records (and the suggestions and referrals of sealed cases) are never counted. */
const NOT_SEALED = { sealed: { $ne: true } } as const;
const accepted = (p: Period) => ({ ...NOT_SEALED, acceptedAt: within(p) });

export const Dashboard: DashboardResolvers = {
  __resolveReference: (ref) => parsePeriod(entityKey(ref, 'period')),
  procuratorate: (p) => p,
};

// Aggregates for every member agency; sealed records never counted (docs/domain.md#sealed-juvenile-records).
export const ProcuratorateStats: ProcuratorateStatsResolvers = {
  casesAccepted: (p) => ProcuratorateCaseModel.countDocuments(accepted(p)).exec(),
  casesByType: (p) => countByStatus(ProcuratorateCaseModel, 'type', accepted(p)),
  // A discarded draft was never issued.
  suggestionsIssued: (p) => SuggestionModel.countDocuments({ ...NOT_SEALED, status: { $ne: 'DISCARDED' }, issuedAt: within(p) }).exec(),
  suggestionsReplied: (p) => SuggestionModel.countDocuments({ ...NOT_SEALED, repliedAt: within(p) }).exec(),
  suggestionsOverdue: (p) => {
    const end = new Date(Math.min(p.to.getTime(), Date.now()));
    return SuggestionModel.countDocuments({ ...NOT_SEALED, repliedAt: null, status: { $ne: 'WITHDRAWN' }, replyDueAt: { $gte: p.from, $lt: end } }).exec();
  },
  reverseReferrals: (p) => ReverseReferralModel.countDocuments({ ...NOT_SEALED, referredAt: within(p) }).exec(),
  opinionsIssued: (p) => ReverseReferralModel.countDocuments({ ...NOT_SEALED, opinionIssuedAt: within(p) }).exec(),
  resultsReported: (p) => ReverseReferralModel.countDocuments({ ...NOT_SEALED, resultReportedAt: within(p) }).exec(),
  pendingTooLong: (p) => {
    // 挂案 as of the end of the period (or now): company-related, old enough, not closed by then.
    const asOf = new Date(Math.min(p.to.getTime(), Date.now()));
    return ProcuratorateCaseModel.countDocuments({
      ...NOT_SEALED,
      'creditCodes.0': { $exists: true },
      acceptedAt: { $lte: pendingThreshold(asOf) },
      $or: [{ closedAt: null }, { closedAt: { $gt: asOf } }],
    }).exec();
  },
};
