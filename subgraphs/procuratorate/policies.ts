import type { Policy } from '../../lib/access';
import type { ProcuratorateCaseDoc, ReverseReferralDoc, SuggestionDoc } from './models';

// How the records of this subgraph are shared (docs/domain.md#record-access, docs/access-guide.md). Every path to a
// record applies its policy through `ctx.access`; sealed juvenile records (未成年人犯罪记录封存) stay the owner's.

/**
 * 检察案件: owned by the handling procuratorate. Workflow counterparts (stored as `counterpartCodes` by the step that
 * links them): the agency that sent its source transfer, the target agencies of its served suggestions and the
 * competent agencies of its referred reverse referrals. A sealed case is for its owner only.
 */
export const procuratorateCasePolicy: Policy<ProcuratorateCaseDoc> = {
  resourceType: 'PROCURATORATE_CASE',
  owner: (c) => c.agencyCode,
  counterparts: (c) => c.counterpartCodes ?? [],
  sealed: (c) => c.sealed === true,
  fields: { owner: 'agencyCode', counterparts: ['counterpartCodes'], sealed: 'sealed' },
};

/**
 * 检察建议: owned by the agency of its case; the target agency is its counterpart from the moment it is served
 * (a draft is the procuratorate's internal work). Stored as `counterpartCodes` (workflow.ts derives it). Sealed with its case.
 */
export const suggestionPolicy: Policy<SuggestionDoc> = {
  resourceType: 'SUGGESTION',
  owner: (s) => s.agencyCode,
  counterparts: (s) => s.counterpartCodes ?? [],
  sealed: (s) => s.sealed === true,
  fields: { owner: 'agencyCode', counterparts: ['counterpartCodes'], sealed: 'sealed' },
};

/**
 * 行刑反向衔接: owned by the agency of its case; the competent agency is its counterpart from the moment the case is
 * referred to it (a 不起诉 case not yet referred is the procuratorate's alone). Stored as `counterpartCodes`
 * (workflow.ts derives it). Sealed with its case.
 */
export const reverseReferralPolicy: Policy<ReverseReferralDoc> = {
  resourceType: 'REVERSE_REFERRAL',
  owner: (r) => r.agencyCode,
  counterparts: (r) => r.counterpartCodes ?? [],
  sealed: (r) => r.sealed === true,
  fields: { owner: 'agencyCode', counterparts: ['counterpartCodes'], sealed: 'sealed' },
};
