import type { Connection } from '../../../lib/pagination';
import type { Period } from '../../../lib/period';
import type { ProcuratorateCaseDoc } from './procuratorateCase.model';
import type { ReverseReferralDoc } from './reverseReferral.model';
import type { SuggestionDoc } from './suggestion.model';

export * from './procuratorateCase.model';
export * from './suggestion.model';
export * from './reverseReferral.model';

/** Parent types of the resolvers (codegen mappers, see mappers.json). */
export type ProcuratorateCaseConnectionDoc = Connection<ProcuratorateCaseDoc>;
export type SuggestionConnectionDoc = Connection<SuggestionDoc>;
export type ReverseReferralConnectionDoc = Connection<ReverseReferralDoc>;
export type AgencyRef = { code: string };
export type PersonRef = { id: string };
export type EnterpriseRef = { creditCode: string };
export type TransferRef = { id: string };
export type EnforcementCaseRef = { id: string };
export type { Period };
export type { StatusChange } from '../../../lib/workflow';
