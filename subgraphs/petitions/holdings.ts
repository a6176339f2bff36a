import type { HoldingSource } from '../../lib/holdings';
import { HotlineTicketModel, PetitionModel } from './models';

/**
 * Records on parties this subgraph holds (discovery and unmasking in the joint office), by their owner as
 * policies.ts defines it: the handling agency of a petition, the hotline centre of a ticket.
 */
export const holdings: HoldingSource[] = [
  { resourceType: 'PETITION', model: PetitionModel, owner: 'handlingAgencyCode', personFields: ['petitionerId'] },
  { resourceType: 'HOTLINE_TICKET', model: HotlineTicketModel, owner: 'centreCode', personFields: ['callerId'] },
];
