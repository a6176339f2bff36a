import type { QueryFilter } from 'mongoose';
import { dateRange } from '../../../lib/filters';
import { paginate } from '../../../lib/pagination';
import type { HotlineTicketFilter, PetitionFilter, QueryResolvers } from '../__generated__/resolvers-types';
import { HotlineTicketModel, PetitionModel, type HotlineTicketDoc, type PetitionDoc } from '../models';
import { hotlineTicketPolicy, petitionPolicy } from '../policies';

/** nextDueAt is the earliest running duty, null when none runs (or a hearing stops the clocks). */
function overdue(flag: boolean | null | undefined, now = new Date()) {
  if (flag === true) return { nextDueAt: { $lt: now } };
  if (flag === false) return { $or: [{ nextDueAt: null }, { nextDueAt: { $gte: now } }] };
  return {};
}

function petitionFilter(f: PetitionFilter = {}): QueryFilter<PetitionDoc> {
  const q: QueryFilter<PetitionDoc> = { ...overdue(f.overdue) };
  if (f.status) q.status = f.status;
  if (f.channel) q.channel = f.channel;
  if (f.handlingAgencyCode) q.handlingAgencyCode = f.handlingAgencyCode;
  if (f.petitionerId) q.petitionerId = f.petitionerId;
  const received = dateRange(f.receivedFrom, f.receivedTo);
  if (received) q.receivedAt = received;
  return q;
}

function ticketFilter(f: HotlineTicketFilter = {}): QueryFilter<HotlineTicketDoc> {
  const q: QueryFilter<HotlineTicketDoc> = { ...overdue(f.overdue) };
  if (f.status) q.status = f.status;
  if (f.line) q.line = f.line;
  if (f.dispatchedToCode) q.dispatchedToCode = f.dispatchedToCode;
  if (f.callerId) q.callerId = f.callerId;
  const dispatched = dateRange(f.dispatchedFrom, f.dispatchedTo);
  if (dispatched) q.dispatchedAt = dispatched;
  return q;
}

export const Query: QueryResolvers = {
  petition: async (_, { id }, { loaders, access }) => access.one(petitionPolicy, await loaders.petition.load(id)),
  petitions: async (_, { filter, first, after }, { access }) => {
    const visible = await access.filter(petitionPolicy);
    const page = await paginate<PetitionDoc>(PetitionModel, { $and: [petitionFilter(filter ?? {}), visible] }, { first, after }, 'receivedAt');
    return access.page(petitionPolicy, page);
  },
  hotlineTicket: async (_, { id }, { loaders, access }) => access.one(hotlineTicketPolicy, await loaders.hotlineTicket.load(id)),
  hotlineTickets: async (_, { filter, first, after }, { access }) => {
    const visible = await access.filter(hotlineTicketPolicy);
    const page = await paginate<HotlineTicketDoc>(HotlineTicketModel, { $and: [ticketFilter(filter ?? {}), visible] }, { first, after }, 'dispatchedAt');
    return access.page(hotlineTicketPolicy, page);
  },
};
