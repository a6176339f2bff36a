import { entityKey } from '../../../lib/federation';
import type { PetitionResolvers, RelatedCaseResolvers } from '../__generated__/resolvers-types';
import { mainClock, petitionClocks, runningClocks } from '../deadlines';
import type { EnforcementCaseRef, ProcuratorateCaseRef, RelatedCaseRefDoc } from '../models';
import { petitionPolicy } from '../policies';
import { petitions } from '../workflow';

const toRelatedCase = (r: RelatedCaseRefDoc): ProcuratorateCaseRef | EnforcementCaseRef =>
  r.kind === 'PROCURATORATE' ? { __typename: 'ProcuratorateCase', id: r.id } : { __typename: 'EnforcementCase', id: r.id };

export const Petition: PetitionResolvers = {
  __resolveReference: async (ref, { loaders, access }) => access.one(petitionPolicy, await loaders.petition.load(entityKey(ref, 'id'))),
  id: (p) => p._id,
  petitioner: (p) => (p.petitionerId ? { id: p.petitionerId } : null),
  handlingAgency: (p) => ({ code: p.handlingAgencyCode }),
  acceptanceDueAt: (p) => petitionClocks(p).acceptance!.dueAt,
  handlingDueAt: (p) => petitionClocks(p).handling?.dueAt ?? null,
  proceduralReplyDueAt: (p) => petitionClocks(p).proceduralReply?.dueAt ?? null,
  resultDueAt: (p) => petitionClocks(p).result?.dueAt ?? null,
  hearings: (p) => p.hearings ?? [],
  history: (p) => p.history ?? [],
  allowedNextSteps: (p) => petitions.nextSteps(p),
  deadlines: (p) => runningClocks(petitionClocks(p)),
  dueAt: (p) => mainClock(petitionClocks(p))?.dueAt ?? null,
  overdue: (p) => runningClocks(petitionClocks(p)).some((c) => c.duty && c.overdue),
  relatedCases: (p) => (p.relatedCaseRefs ?? []).map(toRelatedCase),
  // A link the caller may not follow is null, not an error; repeats of other agencies are not counted.
  repeatOf: async (p, _, { loaders, access }) => {
    const earlier = p.repeatOfId ? await loaders.petition.load(p.repeatOfId) : null;
    return earlier && (await access.decide(petitionPolicy, earlier)) ? access.one(petitionPolicy, earlier) : null;
  },
  repeatCount: async (p, _, { loaders, access }) => (await access.visible(petitionPolicy, await loaders.repeatsOf.load(p._id))).length,
};

export const RelatedCase: RelatedCaseResolvers = {
  __resolveType: (c) => c.__typename,
};
