import { entityKey } from '../../../lib/federation';
import type { PetitionResolvers, RelatedCaseResolvers } from '../__generated__/resolvers-types';
import type { EnforcementCaseRef, ProcuratorateCaseRef, RelatedCaseRefDoc } from '../models';

const toRelatedCase = (r: RelatedCaseRefDoc): ProcuratorateCaseRef | EnforcementCaseRef =>
  r.kind === 'PROCURATORATE' ? { __typename: 'ProcuratorateCase', id: r.id } : { __typename: 'EnforcementCase', id: r.id };

export const Petition: PetitionResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.petition.load(entityKey(ref, 'id')),
  id: (p) => p._id,
  petitioner: (p) => (p.petitionerId ? { id: p.petitionerId } : null),
  handlingAgency: (p) => ({ code: p.handlingAgencyCode }),
  overdue: (p) => !!p.nextDueAt && p.nextDueAt.getTime() < Date.now(),
  relatedCases: (p) => (p.relatedCaseRefs ?? []).map(toRelatedCase),
  repeatOf: (p, _, { loaders }) => (p.repeatOfId ? loaders.petition.load(p.repeatOfId) : null),
  repeatCount: async (p, _, { loaders }) => (await loaders.repeatsOf.load(p._id)).length,
};

export const RelatedCase: RelatedCaseResolvers = {
  __resolveType: (c) => c.__typename,
};
