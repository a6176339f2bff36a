import type { Connection } from '../../../lib/pagination';
import type { Period } from '../../../lib/period';
import type { HotlineTicketDoc } from './hotlineTicket.model';
import type { PetitionDoc } from './petition.model';

export * from './petition.model';
export * from './hotlineTicket.model';
export * from './counter.model';

/** Parent types of the resolvers (codegen mappers, see mappers.json). */
export type PetitionConnectionDoc = Connection<PetitionDoc>;
export type HotlineTicketConnectionDoc = Connection<HotlineTicketDoc>;
export type AgencyRef = { code: string };
export type PersonRef = { id: string };
export type ProcuratorateCaseRef = { __typename: 'ProcuratorateCase'; id: string };
export type EnforcementCaseRef = { __typename: 'EnforcementCase'; id: string };
export type { Period };
export type { StatusChange } from '../../../lib/workflow';
