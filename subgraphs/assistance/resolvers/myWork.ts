import { agencyName, defineWork, policyReader, workOf, workRecord, workScope } from '../../../lib/workflow/work';
import type { Resolvers, ResolversTypes } from '../__generated__/resolvers-types';
import { rescueApplicationPolicy, supportReferralPolicy } from '../policies';
import { applications, referrals } from '../workflow';

// 待办 (docs/domain.md#my-work): this subgraph's part of an agency's WorkList, from its two workflows.

/** 司法救助: every step by the handling procuratorate, the decision by a supervisor (检察长). */
export const applicationWork = defineWork(applications, {
  typename: 'RescueApplication',
  label: (a) => a.number ?? '司法救助(已告知, 未申请)',
  agencyFields: ['agencyCode'],
  // The follow-up (回访) comes after the applicant was told of the funds.
  openWhen: { FOLLOW_UP: () => ({ notifiedAt: { $ne: null } }) },
});

/** 多元化救助: the receiving agency accepts or declines, then completes. No clock runs: undated. */
export const supportReferralWork = defineWork(referrals, {
  typename: 'SupportReferral',
  label: (r) => `多元救助转介→${agencyName(r.receivingAgencyCode)}`,
  agencyFields: ['receivingAgencyCode'],
});

export const myWork: Pick<Resolvers, 'WorkList' | 'WorkItem' | 'WorkRecord'> = {
  WorkList: {
    __resolveReference: (ref) => ({ agency: ref.agency, first: ref.first }),
    assistance: ({ agency, first }, _, ctx) => {
      const scope = workScope(ctx.identity, { agency, first });
      return workOf(scope, first, [
        () => applicationWork.find(scope, policyReader(ctx.access, rescueApplicationPolicy, scope), first),
        () => supportReferralWork.find(scope, policyReader(ctx.access, supportReferralPolicy, scope), first),
      ]);
    },
  },
  WorkItem: { record: (item) => workRecord(item) as unknown as ResolversTypes['WorkRecord'] },
  WorkRecord: { __resolveType: (r) => (r as unknown as { __typename: 'RescueApplication' | 'SupportReferral' }).__typename },
};
