import { agencyName, defineWork, policyReader, workOf, workRecord, workScope } from '../../../lib/workflow/work';
import type { Resolvers, ResolversTypes } from '../__generated__/resolvers-types';
import { procuratorateCasePolicy, reverseReferralPolicy, suggestionPolicy } from '../policies';
import { publicInterestCases, referrals, suggestions, type PublicInterestCaseDoc } from '../workflow';

// 待办 (docs/domain.md#my-work): this subgraph's part of an agency's WorkList, from its three workflows.

/** 检察建议: the procuratorate approves, serves, answers objections, escalates, verifies; the target replies and rectifies. */
export const suggestionWork = defineWork(suggestions, {
  typename: 'Suggestion',
  label: (s) => s.number,
  agencyFields: ['agencyCode', 'targetAgencyCode'],
  // A draft awaits its approval (a supervisor's); discarding it is the procuratorate's option, not owed.
  options: ['DISCARDED'],
  // Escalation is open once the reply is overdue, i.e. past the stored due date of the reply.
  openWhen: { ESCALATED: (now) => ({ nextDueAt: { $lt: now } }) },
  // Rectification is owed, and reported on, as long as the suggestion is RECTIFYING.
  duties: { reportProgress: [] },
});

/** 公益诉讼: every step by the procuratorate; the termination notice is owed once. */
export const publicInterestWork = defineWork(publicInterestCases, {
  typename: 'ProcuratorateCase',
  label: (c) => c.caseNumber,
  agencyFields: ['agencyCode'],
  base: { type: 'PUBLIC_INTEREST' },
  duties: { issueNotice: ['noticeIssuedAt'] },
});

/** 行刑反向衔接: the procuratorate refers and reviews; the competent agency decides and reports. */
export const reverseReferralWork = defineWork(referrals, {
  typename: 'ReverseReferral',
  label: (r) => `反向衔接→${agencyName(r.competentAgencyCode)}`,
  agencyFields: ['agencyCode', 'competentAgencyCode'],
});

export const myWork: Pick<Resolvers, 'WorkList' | 'WorkItem' | 'WorkRecord'> = {
  WorkList: {
    __resolveReference: (ref) => ({ agency: ref.agency, first: ref.first }),
    procuratorate: ({ agency, first }, _, ctx) => {
      const scope = workScope(ctx.identity, { agency, first });
      return workOf(scope, first, [
        () => suggestionWork.find(scope, policyReader(ctx.access, suggestionPolicy, scope), first),
        () => publicInterestWork.find(scope, policyReader<PublicInterestCaseDoc>(ctx.access, procuratorateCasePolicy, scope), first),
        () => reverseReferralWork.find(scope, policyReader(ctx.access, reverseReferralPolicy, scope), first),
      ]);
    },
  },
  WorkItem: { record: (item) => workRecord(item) as unknown as ResolversTypes['WorkRecord'] },
  WorkRecord: { __resolveType: (r) => (r as unknown as { __typename: 'Suggestion' | 'ProcuratorateCase' | 'ReverseReferral' }).__typename },
};
