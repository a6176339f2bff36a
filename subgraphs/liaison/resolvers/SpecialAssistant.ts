import { translateWriteError } from '../../../lib/errors';
import { paginate } from '../../../lib/pagination';
import { check } from '../../../lib/validate';
import type { MutationResolvers, QueryResolvers, SpecialAssistantResolvers } from '../__generated__/resolvers-types';
import { requireJointOffice } from '../policies';
import { SpecialAssistantModel, type SpecialAssistantDoc } from '../models';
import { agencyOf } from './Agency';

/** Case ids given with a helper: trimmed, non-empty, deduplicated. */
export function caseIds(field: string, ids: readonly string[] | null | undefined): string[] {
  return [...new Set((ids ?? []).map((id) => check.nonEmpty(field, id, 200)))];
}

export const SpecialAssistant: SpecialAssistantResolvers = {
  id: (a) => a._id,
  agency: (a, _, { loaders }) => agencyOf(loaders, a.agencyCode),
};

export const specialAssistantQuery: Pick<QueryResolvers, 'specialAssistants'> = {
  specialAssistants: (_, { filter, first, after }) =>
    paginate<SpecialAssistantDoc>(SpecialAssistantModel, filter?.agencyCode ? { agencyCode: filter.agencyCode } : {}, { first, after }, 'appointedAt'),
};

export const specialAssistantMutations: Pick<MutationResolvers, 'createSpecialAssistant'> = {
  createSpecialAssistant: async (_, { input }, { identity }) => {
    requireJointOffice(identity);
    try {
      const stored = await SpecialAssistantModel.create({
        name: check.nonEmpty('name', input.name, 100),
        agencyCode: check.agencyCode('agencyCode', input.agencyCode),
        expertise: check.nonEmpty('expertise', input.expertise, 500),
        appointedAt: check.notFuture('appointedAt', input.appointedAt),
        casesHelped: caseIds('casesHelped', input.casesHelped),
      });
      return stored.toObject() as SpecialAssistantDoc;
    } catch (e) {
      translateWriteError(e);
    }
  },
};
