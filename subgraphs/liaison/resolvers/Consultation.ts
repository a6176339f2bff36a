import { translateWriteError } from '../../../lib/errors';
import { dateRange } from '../../../lib/filters';
import { paginate } from '../../../lib/pagination';
import { check } from '../../../lib/validate';
import type { ConsultationResolvers, DatedFilter, MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { requireJointOffice } from '../policies';
import { ConsultationModel, type ConsultationDoc } from '../models';
import { agenciesOf, agencyCodes } from './Agency';

/** Filter of the dated joint-office lists: an agency among `agencyCodes`, a date in [from, to). */
export function datedFilter(f: DatedFilter | null | undefined, dateField: string): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  if (f?.agencyCode) q.agencyCodes = f.agencyCode;
  const range = dateRange(f?.from, f?.to);
  if (range) q[dateField] = range;
  return q;
}

export const Consultation: ConsultationResolvers = {
  id: (c) => c._id,
  agencies: (c, _, { loaders }) => agenciesOf(loaders, c.agencyCodes),
};

export const consultationQuery: Pick<QueryResolvers, 'consultations'> = {
  consultations: (_, { filter, first, after }) => paginate<ConsultationDoc>(ConsultationModel, datedFilter(filter, 'date'), { first, after }, 'date'),
};

export const consultationMutations: Pick<MutationResolvers, 'createConsultation'> = {
  createConsultation: async (_, { input }, { identity }) => {
    requireJointOffice(identity);
    try {
      const stored = await ConsultationModel.create({
        subject: check.nonEmpty('subject', input.subject, 500),
        agencyCodes: agencyCodes('agencyCodes', input.agencyCodes),
        date: check.notFuture('date', input.date),
        conclusion: check.nonEmpty('conclusion', input.conclusion, 10000),
      });
      return stored.toObject() as ConsultationDoc;
    } catch (e) {
      translateWriteError(e);
    }
  },
};
