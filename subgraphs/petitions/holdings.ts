import type { HoldingSource } from '../../lib/holdings';
import { HotlineTicketModel, PetitionModel } from './models';

/** Records on parties this subgraph holds (discovery and unmasking in the joint office). */
export const holdings: HoldingSource[] = [
  { resourceType: 'PETITION', model: PetitionModel, owner: 'handlingAgencyCode', personFields: ['petitionerId'] },
  { resourceType: 'HOTLINE_TICKET', model: HotlineTicketModel, owner: 'dispatchedToCode', personFields: ['callerId'] },
];
