import { deliver } from '../../../lib/delivery';
import { entityKey } from '../../../lib/federation';
import type { SharingGrantResolvers } from '../__generated__/resolvers-types';
import { HotlineTicketModel, PetitionModel, type HotlineTicketDoc, type PetitionDoc } from '../models';
import { hotlineTicketPolicy, petitionPolicy } from '../policies';

/** 交付: a grant's petitions and hotline tickets for its grantee (lib/delivery), sorted as the root lists (Query.ts). */
export const SharingGrant: SharingGrantResolvers = {
  __resolveReference: (ref) => ({ id: entityKey(ref, 'id') }),
  petitions: (g, { first, after }, ctx) =>
    deliver<PetitionDoc>(ctx, { grantId: g.id, policy: petitionPolicy, model: PetitionModel, args: { first, after }, sortField: 'receivedAt' }),
  hotlineTickets: (g, { first, after }, ctx) =>
    deliver<HotlineTicketDoc>(ctx, { grantId: g.id, policy: hotlineTicketPolicy, model: HotlineTicketModel, args: { first, after }, sortField: 'dispatchedAt' }),
};
