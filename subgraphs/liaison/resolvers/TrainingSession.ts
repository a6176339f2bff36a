import { agencyByCode } from '../../../lib/agencies';
import { badInput, translateWriteError } from '../../../lib/errors';
import { paginate } from '../../../lib/pagination';
import { check } from '../../../lib/validate';
import type {
  MutationResolvers, QueryResolvers, TrainingParticipantsInput, TrainingParticipantsResolvers, TrainingSessionResolvers,
} from '../__generated__/resolvers-types';
import { requireJointOffice } from '../policies';
import { TrainingSessionModel, type TrainingParticipantsDoc, type TrainingSessionDoc } from '../models';
import { agencyOf } from './Agency';
import { datedFilter } from './Consultation';

// 同堂培训 (§五(二)): procurators and administrative law-enforcement staff trained together on case transfer
// procedure, evidence standards and responsibilities. Recorded by the joint office, read by every member agency.

const optional = (field: string, value: string | null | undefined, max: number) => (value?.trim() ? check.nonEmpty(field, value, max) : null);

/** Each agency once with 1–10000 staff; a joint session has the procuratorate's staff and another agency's. */
export function trainingParticipants(input: readonly TrainingParticipantsInput[]): TrainingParticipantsDoc[] {
  const seen = new Set<string>();
  const participants = input.map((p) => {
    const agencyCode = check.agencyCode('participants.agencyCode', p.agencyCode);
    if (seen.has(agencyCode)) throw badInput('participants', `names ${agencyCode} twice; give each agency once with its count`);
    seen.add(agencyCode);
    if (!Number.isInteger(p.count) || p.count < 1 || p.count > 10_000) throw badInput('participants.count', 'must be a whole number from 1 to 10000');
    return { agencyCode, count: p.count };
  });
  const procuratorial = participants.filter((p) => agencyByCode(p.agencyCode)?.type === 'PROCURATORATE');
  if (!procuratorial.length || procuratorial.length === participants.length) {
    throw badInput('participants', 'a joint training session has staff of the procuratorate and of at least one other agency');
  }
  return participants;
}

export const participantTotal = (s: Pick<TrainingSessionDoc, 'participants'>) => s.participants.reduce((n, p) => n + p.count, 0);

export const TrainingSession: TrainingSessionResolvers = {
  id: (s) => s._id,
  organiser: (s, _, { loaders }) => agencyOf(loaders, s.organiserCode),
  participantCount: (s) => participantTotal(s),
};

export const TrainingParticipants: TrainingParticipantsResolvers = {
  agency: (p, _, { loaders }) => agencyOf(loaders, p.agencyCode),
};

export const trainingSessionQuery: Pick<QueryResolvers, 'trainingSessions'> = {
  trainingSessions: (_, { filter, first, after }) => paginate<TrainingSessionDoc>(TrainingSessionModel, datedFilter(filter, 'date'), { first, after }, 'date'),
};

export const trainingSessionMutations: Pick<MutationResolvers, 'createTrainingSession'> = {
  createTrainingSession: async (_, { input }, { identity }) => {
    requireJointOffice(identity);
    const organiserCode = check.agencyCode('organiserCode', input.organiserCode);
    const participants = trainingParticipants(input.participants);
    try {
      const stored = await TrainingSessionModel.create({
        topic: check.nonEmpty('topic', input.topic, 500),
        organiserCode,
        participants,
        agencyCodes: [...new Set([organiserCode, ...participants.map((p) => p.agencyCode)])],
        date: check.notFuture('date', input.date),
        place: optional('place', input.place, 200),
        notes: optional('notes', input.notes, 5000),
      });
      return stored.toObject() as TrainingSessionDoc;
    } catch (e) {
      translateWriteError(e);
    }
  },
};
