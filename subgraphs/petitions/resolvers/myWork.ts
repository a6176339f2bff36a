import { defineWork, policyReader, workOf, workRecord, workScope } from '../../../lib/workflow/work';
import type { Resolvers, ResolversTypes } from '../__generated__/resolvers-types';
import { hotlineTicketPolicy, petitionPolicy } from '../policies';
import { hotlineTickets, petitions } from '../workflow';

// 待办 (docs/domain.md#my-work): this subgraph's part of an agency's WorkList, from its two workflows.

/**
 * 信访: the handling agency (or the 信访局) accepts, handles and answers; 县政府办 (or the 信访局) reviews. The review's
 * decision is owed once; extensions, procedural replies and hearings are the handler's options, not work.
 */
export const petitionWork = defineWork(petitions, {
  typename: 'Petition',
  label: (p) => p.number,
  agencyFields: ['handlingAgencyCode'],
  duties: { decideReview: ['reviewDecidedAt'] },
});

/** 热线工单: the agency it is dispatched to accepts (or returns) and feeds back; the line's centre revisits and rates. */
export const ticketWork = defineWork(hotlineTickets, {
  typename: 'HotlineTicket',
  label: (t) => t.number,
  agencyFields: ['dispatchedToCode'],
  // The centre of a ticket follows from its line, and is stored (derived by the workflow) as centreCode.
  via: { line: 'centreCode' },
});

export const myWork: Pick<Resolvers, 'WorkList' | 'WorkItem' | 'WorkRecord'> = {
  WorkList: {
    __resolveReference: (ref) => ({ agency: ref.agency, first: ref.first }),
    petitions: ({ agency, first }, _, ctx) => {
      const scope = workScope(ctx.identity, { agency, first });
      return workOf(scope, first, [
        () => petitionWork.find(scope, policyReader(ctx.access, petitionPolicy, scope), first),
        () => ticketWork.find(scope, policyReader(ctx.access, hotlineTicketPolicy, scope), first),
      ]);
    },
  },
  WorkItem: { record: (item) => workRecord(item) as unknown as ResolversTypes['WorkRecord'] },
  WorkRecord: { __resolveType: (r) => (r as unknown as { __typename: 'Petition' | 'HotlineTicket' }).__typename },
};
