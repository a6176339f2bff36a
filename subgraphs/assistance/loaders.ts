import { oneBy, manyBy } from '../../lib/loaders';
import { RescueApplicationModel, SupportReferralModel, type RescueApplicationDoc, type SupportReferralDoc } from './models';

/** This subgraph's per-request loaders (lib/subgraph.ts makes a fresh set for every request). */
export function createLoaders() {
  return {
    application: oneBy<RescueApplicationDoc>(RescueApplicationModel),
    referral: oneBy<SupportReferralDoc>(SupportReferralModel),
    referralsByApplication: manyBy<SupportReferralDoc>(SupportReferralModel, 'applicationId'),
    applicationsByApplicant: manyBy<RescueApplicationDoc>(RescueApplicationModel, 'applicantId'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
