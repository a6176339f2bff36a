import { entityKey } from '../../../lib/federation';
import { parsePeriod, type Period } from '../../../lib/period';
import { countByStatus } from '../../../lib/stats';
import type { DashboardResolvers, PetitionStatsResolvers } from '../__generated__/resolvers-types';
import { HotlineTicketModel, PetitionModel } from '../models';

const received = (p: Period) => ({ receivedAt: { $gte: p.from, $lt: p.to } });
const dispatched = (p: Period) => ({ dispatchedAt: { $gte: p.from, $lt: p.to } });

export const Dashboard: DashboardResolvers = {
  __resolveReference: (ref) => parsePeriod(entityKey(ref, 'period')),
  petitions: (p) => p,
};

/** Petitions counted by receivedAt in the period, tickets by dispatchedAt. */
export const PetitionStats: PetitionStatsResolvers = {
  received: (p) => PetitionModel.countDocuments(received(p)).exec(),
  acceptedInTime: (p) => PetitionModel.countDocuments({ ...received(p), acceptedInTime: true }).exec(),
  answeredInTime: (p) => PetitionModel.countDocuments({ ...received(p), answeredInTime: true }).exec(),
  repeatPetitions: (p) => PetitionModel.countDocuments({ ...received(p), repeatOfId: { $ne: null } }).exec(),
  hearings: (p) => PetitionModel.countDocuments({ ...received(p), hearingHeld: true }).exec(),
  byChannel: (p) => countByStatus(PetitionModel, 'channel', received(p)),
  hotlineTicketsByStatus: (p) => countByStatus(HotlineTicketModel, 'status', dispatched(p)),
  hotlineOnTime: (p) => HotlineTicketModel.countDocuments({ ...dispatched(p), onTime: true }).exec(),
};
