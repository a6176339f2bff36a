import type { HoldingSource } from '../../lib/holdings';
import { RescueApplicationModel } from './models';

/** Records on parties this subgraph holds (discovery and unmasking in the joint office). */
export const holdings: HoldingSource[] = [
  { resourceType: 'RESCUE_APPLICATION', model: RescueApplicationModel, owner: 'agencyCode', personFields: ['applicantId'] },
];
