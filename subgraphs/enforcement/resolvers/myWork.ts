import { agencyName, defineWork, policyReader, workOf, workRecord, workScope } from '../../../lib/workflow/work';
import type { Resolvers, ResolversTypes } from '../__generated__/resolvers-types';
import { transferPolicy } from '../policies';
import { transfers } from '../workflow';

// 待办 (docs/domain.md#my-work): this subgraph's part of an agency's WorkList, from the transfer workflow.

/**
 * 涉嫌犯罪案件移送: the agency (its head approves), the police, the procuratorate copied. The police owe their
 * explanation and the procuratorate its decision during supervision; the agency owes the exhibits once filed.
 */
export const transferWork = defineWork(transfers, {
  typename: 'CriminalTransfer',
  label: (t) => `${agencyName(t.agencyCode)}移送·${t.suspectedCharge}`,
  agencyFields: ['agencyCode', 'policeAgencyCode', 'procuratorateCopyCode'],
  // Reconsideration is asked once; the supervision closes only on the police's reason and without an order to file.
  openWhen: {
    RECONSIDERATION: () => ({ reconsiderationRequestedAt: null }),
    SUPERVISION_CLOSED: () => ({ orderedAt: null, explainedAt: { $ne: null } }),
  },
  duties: { explain: ['explainedAt', 'orderedAt'], order: ['orderedAt'], handOver: ['exhibitsHandedOverAt'] },
});

export const myWork: Pick<Resolvers, 'WorkList' | 'WorkItem' | 'WorkRecord'> = {
  WorkList: {
    __resolveReference: (ref) => ({ agency: ref.agency, first: ref.first }),
    enforcement: ({ agency, first }, _, ctx) => {
      const scope = workScope(ctx.identity, { agency, first });
      return workOf(scope, first, [() => transferWork.find(scope, policyReader(ctx.access, transferPolicy, scope), first)]);
    },
  },
  WorkItem: { record: (item) => workRecord(item) as unknown as ResolversTypes['WorkRecord'] },
  WorkRecord: { __resolveType: () => 'CriminalTransfer' },
};
