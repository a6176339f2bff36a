import DataLoader from 'dataloader';
import { oneBy, manyBy } from '../../lib/loaders';
import {
  ProcuratorateCaseModel,
  ReverseReferralModel,
  SuggestionModel,
  type ProcuratorateCaseDoc,
  type ReverseReferralDoc,
  type SuggestionDoc,
} from './models';

/** Cases where each person is a suspect or a victim: one query for the whole batch, newest accepted first. */
function casesByParty(): DataLoader<string, ProcuratorateCaseDoc[]> {
  return new DataLoader<string, ProcuratorateCaseDoc[]>(async (keys) => {
    const ids = [...keys];
    const docs = await ProcuratorateCaseModel.find({ $or: [{ personIds: { $in: ids } }, { victimIds: { $in: ids } }] })
      .sort({ acceptedAt: -1, _id: -1 })
      .lean<ProcuratorateCaseDoc[]>();
    return ids.map((id) => docs.filter((d) => d.personIds.includes(id) || d.victimIds.includes(id)));
  });
}

/** This subgraph's per-request loaders (lib/subgraph.ts makes a fresh set for every request). */
export function createLoaders() {
  return {
    procuratorateCase: oneBy<ProcuratorateCaseDoc>(ProcuratorateCaseModel),
    caseByTransfer: oneBy<ProcuratorateCaseDoc>(ProcuratorateCaseModel, 'sourceTransferId'),
    casesByParty: casesByParty(),
    casesByEnterprise: manyBy<ProcuratorateCaseDoc>(ProcuratorateCaseModel, 'creditCodes'),
    suggestion: oneBy<SuggestionDoc>(SuggestionModel),
    referral: oneBy<ReverseReferralDoc>(ReverseReferralModel),
    referralsByCase: manyBy<ReverseReferralDoc>(ReverseReferralModel, 'procuratorateCaseId'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
