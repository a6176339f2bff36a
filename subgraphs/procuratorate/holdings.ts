import type { HoldingSource } from '../../lib/holdings';
import { ProcuratorateCaseModel } from './models';

/** Records on parties this subgraph holds (discovery and unmasking in the joint office). */
export const holdings: HoldingSource[] = [
  {
    resourceType: 'PROCURATORATE_CASE', model: ProcuratorateCaseModel, owner: 'agencyCode',
    personFields: ['personIds', 'victimIds'], creditFields: ['creditCodes'], sealed: 'sealed',
  },
];
