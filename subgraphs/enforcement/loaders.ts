import { oneBy, manyBy } from '../../lib/loaders';
import { CriminalTransferModel, EnforcementCaseModel, type CriminalTransferDoc, type EnforcementCaseDoc } from './models';

/** This subgraph's per-request loaders (lib/subgraph.ts makes a fresh set for every request). */
export function createLoaders() {
  return {
    enforcementCase: oneBy<EnforcementCaseDoc>(EnforcementCaseModel),
    transfer: oneBy<CriminalTransferDoc>(CriminalTransferModel),
    transferByCase: oneBy<CriminalTransferDoc>(CriminalTransferModel, 'enforcementCaseId'),
    casesByPerson: manyBy<EnforcementCaseDoc>(EnforcementCaseModel, 'personId'),
    casesByEnterprise: manyBy<EnforcementCaseDoc>(EnforcementCaseModel, 'creditCode'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
