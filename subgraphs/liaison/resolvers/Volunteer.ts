import { translateWriteError } from '../../../lib/errors';
import { paginate } from '../../../lib/pagination';
import { check } from '../../../lib/validate';
import type { MutationResolvers, QueryResolvers, VolunteerResolvers } from '../__generated__/resolvers-types';
import { requireJointOffice } from '../policies';
import { VolunteerModel, type VolunteerDoc } from '../models';
import { caseIds } from './SpecialAssistant';

export const Volunteer: VolunteerResolvers = {
  id: (v) => v._id,
};

export const volunteerQuery: Pick<QueryResolvers, 'volunteers'> = {
  volunteers: (_, { filter, first, after }) =>
    paginate<VolunteerDoc>(VolunteerModel, filter?.township?.trim() ? { township: filter.township.trim() } : {}, { first, after }, 'joinedAt'),
};

export const volunteerMutations: Pick<MutationResolvers, 'createVolunteer'> = {
  createVolunteer: async (_, { input }, { identity }) => {
    requireJointOffice(identity);
    try {
      const stored = await VolunteerModel.create({
        name: check.nonEmpty('name', input.name, 100),
        township: check.nonEmpty('township', input.township, 100),
        joinedAt: check.notFuture('joinedAt', input.joinedAt ?? new Date()),
        casesHelped: caseIds('casesHelped', input.casesHelped),
      });
      return stored.toObject() as VolunteerDoc;
    } catch (e) {
      translateWriteError(e);
    }
  },
};
