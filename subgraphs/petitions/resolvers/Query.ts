import type { QueryFilter } from 'mongoose';
import { dateRange } from '../../../lib/filters';
import { paginate } from '../../../lib/pagination';
import type { HotlineTicketFilter, PetitionFilter, QueryResolvers } from '../__generated__/resolvers-types';
import { HotlineTicketModel, PetitionModel, type HotlineTicketDoc, type PetitionDoc } from '../models';

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
  petition: (_, { id }, { loaders }) => loaders.petition.load(id),
  petitions: (_, { filter, first, after }) =>
    paginate<PetitionDoc>(PetitionModel, petitionFilter(filter ?? {}), { first, after }, 'receivedAt'),
  hotlineTicket: (_, { id }, { loaders }) => loaders.hotlineTicket.load(id),
  hotlineTickets: (_, { filter, first, after }) =>
    paginate<HotlineTicketDoc>(HotlineTicketModel, ticketFilter(filter ?? {}), { first, after }, 'dispatchedAt'),
};
