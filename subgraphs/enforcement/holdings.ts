import type { HoldingSource } from '../../lib/holdings';
import { EnforcementCaseModel } from './models';

/** Records on parties this subgraph holds (discovery and unmasking in the joint office). */
export const holdings: HoldingSource[] = [
  { resourceType: 'ENFORCEMENT_CASE', model: EnforcementCaseModel, owner: 'agencyCode', personFields: ['personId'], creditFields: ['creditCode'] },
];
