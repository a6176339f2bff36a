import { entityKey } from '../../../lib/federation';
import type { HotlineTicketResolvers } from '../__generated__/resolvers-types';
import { OPEN_TICKET_STATUSES } from '../models';

export const HotlineTicket: HotlineTicketResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.hotlineTicket.load(entityKey(ref, 'id')),
  id: (t) => t._id,
  caller: (t) => (t.callerId ? { id: t.callerId } : null),
  dispatchedTo: (t) => ({ code: t.dispatchedToCode }),
  overdue: (t) => OPEN_TICKET_STATUSES.includes(t.status) && t.handlingDueAt.getTime() < Date.now(),
};
