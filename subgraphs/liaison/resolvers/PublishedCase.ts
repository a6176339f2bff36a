import { translateWriteError } from '../../../lib/errors';
import { paginate } from '../../../lib/pagination';
import { check } from '../../../lib/validate';
import type { MutationResolvers, PublishedCaseResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { requireJointOffice } from '../policies';
import { PublishedCaseModel, type PublishedCaseDoc } from '../models';
import { agenciesOf, agencyCodes } from './Agency';
import { datedFilter } from './Consultation';

export const PublishedCase: PublishedCaseResolvers = {
  id: (c) => c._id,
  agencies: (c, _, { loaders }) => agenciesOf(loaders, c.agencyCodes),
};

export const publishedCaseQuery: Pick<QueryResolvers, 'publishedCases'> = {
  publishedCases: (_, { filter, first, after }) =>
    paginate<PublishedCaseDoc>(PublishedCaseModel, datedFilter(filter, 'publishedAt'), { first, after }, 'publishedAt'),
};

export const publishedCaseMutations: Pick<MutationResolvers, 'createPublishedCase'> = {
  createPublishedCase: async (_, { input }, { identity }) => {
    requireJointOffice(identity);
    try {
      const stored = await PublishedCaseModel.create({
        title: check.nonEmpty('title', input.title, 300),
        summary: check.nonEmpty('summary', input.summary, 20000),
        agencyCodes: agencyCodes('agencyCodes', input.agencyCodes),
        publishedAt: check.notFuture('publishedAt', input.publishedAt ?? new Date()),
      });
      return stored.toObject() as PublishedCaseDoc;
    } catch (e) {
      translateWriteError(e);
    }
  },
};
