import { entityKey } from '../../../lib/federation';
import type { HotlineReturnResolvers, HotlineTicketResolvers } from '../__generated__/resolvers-types';
import { mainClock, runningClocks, ticketClocks } from '../deadlines';
import { centreOf, hotlineTicketPolicy } from '../policies';
import { hotlineTickets } from '../workflow';

export const HotlineTicket: HotlineTicketResolvers = {
  __resolveReference: async (ref, { loaders, access }) => access.one(hotlineTicketPolicy, await loaders.hotlineTicket.load(entityKey(ref, 'id'))),
  id: (t) => t._id,
  caller: (t) => (t.callerId ? { id: t.callerId } : null),
  dispatchedTo: (t) => ({ code: t.dispatchedToCode }),
  hotlineCentre: (t) => ({ code: t.centreCode ?? centreOf(t.line) }),
  returnDueAt: (t) => ticketClocks(t).return.dueAt,
  returns: (t) => t.returns ?? [],
  handlingDueAt: (t) => ticketClocks(t).handling.dueAt,
  history: (t) => t.history ?? [],
  allowedNextSteps: (t) => hotlineTickets.nextSteps(t),
  deadlines: (t) => runningClocks(ticketClocks(t)),
  dueAt: (t) => mainClock(ticketClocks(t))?.dueAt ?? null,
  overdue: (t) => mainClock(ticketClocks(t))?.overdue ?? false,
};

export const HotlineReturn: HotlineReturnResolvers = {
  agency: (r) => ({ code: r.agencyCode }),
};
