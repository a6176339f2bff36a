import type { Connection } from '../../../lib/pagination';
import type { Period } from '../../../lib/period';
import type { RescueApplicationDoc } from './rescueApplication.model';
import type { SupportReferralDoc } from './supportReferral.model';

export * from './rescueApplication.model';
export * from './supportReferral.model';

/** Parent types of the resolvers (codegen mappers, see mappers.json). */
export type RescueApplicationConnectionDoc = Connection<RescueApplicationDoc>;
export type SupportReferralConnectionDoc = Connection<SupportReferralDoc>;
export type AgencyRef = { code: string };
export type PersonRef = { id: string };
export type ProcuratorateCaseRef = { id: string };
export type { Period };
export type { StatusChange } from '../../../lib/workflow';
