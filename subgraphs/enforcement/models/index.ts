import type { Connection } from '../../../lib/pagination';
import type { Period } from '../../../lib/period';
import type { CriminalTransferDoc } from './criminalTransfer.model';
import type { EnforcementCaseDoc } from './enforcementCase.model';

export * from './enforcementCase.model';
export * from './criminalTransfer.model';

/** Parent types of the resolvers (codegen mappers, see mappers.json). */
export type EnforcementCaseConnectionDoc = Connection<EnforcementCaseDoc>;
export type CriminalTransferConnectionDoc = Connection<CriminalTransferDoc>;
export type AgencyRef = { code: string };
export type PersonRef = { id: string };
export type EnterpriseRef = { creditCode: string };
export type { Period };
export type { StatusChange } from '../../../lib/workflow';
