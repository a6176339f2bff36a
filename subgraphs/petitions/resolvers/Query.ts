import type { QueryFilter } from 'mongoose';
import { paginate } from '../../../lib/pagination';
import type { HotlineTicketFilter, PetitionFilter, QueryResolvers } from '../__generated__/resolvers-types';
import { HotlineTicketModel, OPEN_TICKET_STATUSES, PetitionModel, type HotlineTicketDoc, type PetitionDoc } from '../models';

function dateRange(from?: Date | null, to?: Date | null) {
  if (!from && !to) return undefined;
  return { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) };
}

function petitionFilter(f: PetitionFilter = {}): QueryFilter<PetitionDoc> {
  const q: QueryFilter<PetitionDoc> = {};
  if (f.status) q.status = f.status;
  if (f.channel) q.channel = f.channel;
  if (f.handlingAgencyCode) q.handlingAgencyCode = f.handlingAgencyCode;
  if (f.petitionerId) q.petitionerId = f.petitionerId;
  const received = dateRange(f.receivedFrom, f.receivedTo);
  if (received) q.receivedAt = received;
  // nextDueAt is the deadline of the open stage; null once the stage is closed.
  const now = new Date();
  if (f.overdue === true) q.nextDueAt = { $lt: now };
  if (f.overdue === false) q.$or = [{ nextDueAt: null }, { nextDueAt: { $gte: now } }];
  return q;
}

function ticketFilter(f: HotlineTicketFilter = {}): QueryFilter<HotlineTicketDoc> {
  const q: QueryFilter<HotlineTicketDoc> = {};
  if (f.status) q.status = f.status;
  if (f.line) q.line = f.line;
  if (f.dispatchedToCode) q.dispatchedToCode = f.dispatchedToCode;
  if (f.callerId) q.callerId = f.callerId;
  const dispatched = dateRange(f.dispatchedFrom, f.dispatchedTo);
  if (dispatched) q.dispatchedAt = dispatched;
  const now = new Date();
  if (f.overdue === true) q.$and = [{ status: { $in: OPEN_TICKET_STATUSES } }, { handlingDueAt: { $lt: now } }];
  if (f.overdue === false) q.$or = [{ status: { $nin: OPEN_TICKET_STATUSES } }, { handlingDueAt: { $gte: now } }];
  return q;
}

export const Query: QueryResolvers = {
  petition: (_, { id }, { loaders }) => loaders.petition.load(id),
  petitions: (_, { filter, first, after }) =>
    paginate<PetitionDoc>(PetitionModel, petitionFilter(filter ?? {}), { first, after }, 'receivedAt'),
  hotlineTickets: (_, { filter, first, after }) =>
    paginate<HotlineTicketDoc>(HotlineTicketModel, ticketFilter(filter ?? {}), { first, after }, 'dispatchedAt'),
};
