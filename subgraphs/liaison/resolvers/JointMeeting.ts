import { chinaYear } from '../../../lib/calendar';
import { translateWriteError } from '../../../lib/errors';
import { connectionFromList, paginate } from '../../../lib/pagination';
import { check } from '../../../lib/validate';
import type { JointMeetingResolvers, MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { requireJointOffice } from '../policies';
import { JointMeetingModel, type JointMeetingDoc } from '../models';
import { agenciesOf, agencyCodes } from './Agency';

export const JointMeeting: JointMeetingResolvers = {
  id: (m) => m._id,
  attendees: (m, _, { loaders }) => agenciesOf(loaders, m.attendeeCodes),
  tasks: async (m, args, { loaders }) => {
    const tasks = [...(await loaders.tasksByMeeting.load(m._id))];
    tasks.sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime() || (a._id < b._id ? 1 : -1));
    return connectionFromList(tasks, args);
  },
};

export const jointMeetingQuery: Pick<QueryResolvers, 'jointMeetings'> = {
  jointMeetings: (_, { filter, first, after }) => {
    const q: Record<string, unknown> = {};
    if (filter?.year != null) q.year = filter.year;
    if (filter?.attendeeCode) q.attendeeCodes = filter.attendeeCode;
    return paginate<JointMeetingDoc>(JointMeetingModel, q, { first, after }, 'date');
  },
};

export const jointMeetingMutations: Pick<MutationResolvers, 'createJointMeeting'> = {
  createJointMeeting: async (_, { input }, { identity }) => {
    requireJointOffice(identity);
    const date = check.notFuture('date', input.date);
    try {
      const stored = await JointMeetingModel.create({
        title: check.nonEmpty('title', input.title, 200),
        date,
        year: chinaYear(date),
        attendeeCodes: agencyCodes('attendeeCodes', input.attendeeCodes),
        minutes: check.nonEmpty('minutes', input.minutes, 20000),
        decisions: input.decisions.map((d) => check.nonEmpty('decisions', d, 2000)),
      });
      return stored.toObject() as JointMeetingDoc;
    } catch (e) {
      translateWriteError(e);
    }
  },
};
