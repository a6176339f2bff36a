import { oneBy, manyBy } from '../../lib/loaders';
import { HotlineTicketModel, PetitionModel, type HotlineTicketDoc, type PetitionDoc } from './models';

/** This subgraph's per-request loaders (lib/subgraph.ts makes a fresh set for every request). */
export function createLoaders() {
  return {
    petition: oneBy<PetitionDoc>(PetitionModel),
    hotlineTicket: oneBy<HotlineTicketDoc>(HotlineTicketModel),
    petitionsByPerson: manyBy<PetitionDoc>(PetitionModel, 'petitionerId'),
    ticketsByCaller: manyBy<HotlineTicketDoc>(HotlineTicketModel, 'callerId'),
    repeatsOf: manyBy<PetitionDoc>(PetitionModel, 'repeatOfId'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
