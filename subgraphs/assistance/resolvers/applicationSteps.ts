import { badInput, conflict } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import { historyNote, noteOf, required } from '../../../lib/workflow';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { RescueApplicationModel } from '../models';
import { applications, checkExclusions, checkMonths, checkNoExclusionApplies, checkOverCap, MONTHLY_WAGE } from '../workflow';

const dateOf = applications.stepDate;

/** A clearer answer than the unique index's for a number already in use. */
async function numberIsFree(number: string): Promise<string> {
  if (await RescueApplicationModel.exists({ numberKey: number })) throw conflict(`an application numbered ${number} already exists`, { fields: ['number'] });
  return number;
}

type ApplicationSteps = Pick<MutationResolvers,
  | 'receiveRescueApplication' | 'startRescueReview' | 'approveRescueApplication' | 'rejectRescueApplication'
  | 'requestRescueFunds' | 'disburseRescueFunds' | 'followUpRescue'>;

export const applicationSteps: ApplicationSteps = {
  // The victim notified earlier applies: the application is recorded on the NOTIFIED record.
  receiveRescueApplication: (_, { id, version, input }, ctx) =>
    applications.move(ctx, 'APPLIED', {
      id, version, note: noteOf(input.note),
      set: async (a) => {
        const overCapApproval = checkOverCap(input.overCapApproval);
        const appliedAt = dateOf('appliedAt', input.appliedAt, a);
        const number = await numberIsFree(check.nonEmpty('number', input.number, 100));
        return {
          number,
          appliedAt,
          situation: input.situation ?? a.situation,
          groups: input.groups ? [...new Set(input.groups)] : a.groups,
          exclusionChecks: checkExclusions(input.exclusionChecks),
          months: checkMonths(input.months, overCapApproval),
          overCapApproval,
          monthlyWage: MONTHLY_WAGE,
        };
      },
    }),

  startRescueReview: (_, { id, version, reviewStartedAt, note }, ctx) =>
    applications.move(ctx, 'UNDER_REVIEW', { id, version, note: noteOf(note), set: (a) => ({ reviewStartedAt: dateOf('reviewStartedAt', reviewStartedAt, a) }) }),

  approveRescueApplication: (_, { id, version, decidedAt, months, overCapApproval, note }, ctx) =>
    applications.move(ctx, 'APPROVED', {
      id, version, note: noteOf(note),
      set: (a) => {
        checkNoExclusionApplies(a.exclusionChecks);
        const overCap = checkOverCap(overCapApproval) ?? a.overCapApproval ?? null;
        const m = months ?? a.months;
        if (m == null) throw badInput('months', 'is required to approve');
        return { months: checkMonths(m, overCap), overCapApproval: overCap, decidedAt: dateOf('decidedAt', decidedAt, a) };
      },
    }),

  rejectRescueApplication: (_, { id, version, reason, decidedAt }, ctx) =>
    applications.move(ctx, 'REJECTED', {
      id, version, note: historyNote(reason),
      set: (a) => ({ rejectionReason: required('reason', reason), decidedAt: dateOf('decidedAt', decidedAt, a) }),
    }),

  requestRescueFunds: (_, { id, version, fundsRequestedAt, note }, ctx) =>
    applications.move(ctx, 'FUNDS_REQUESTED', { id, version, note: noteOf(note), set: (a) => ({ fundsRequestedAt: dateOf('fundsRequestedAt', fundsRequestedAt, a) }) }),

  // The applicant may be told of the funds (notifiedAt) on their arrival, before they are paid out.
  disburseRescueFunds: (_, { id, version, fundsReceivedAt, disbursedAt, notifiedAt, note }, ctx) =>
    applications.move(ctx, 'DISBURSED', {
      id, version, note: noteOf(note),
      set: (a) => {
        const received = { ...a, fundsReceivedAt: dateOf('fundsReceivedAt', fundsReceivedAt, a) };
        return {
          fundsReceivedAt: received.fundsReceivedAt,
          disbursedAt: dateOf('disbursedAt', disbursedAt, received),
          notifiedAt: notifiedAt ? dateOf('notifiedAt', notifiedAt, received) : null,
        };
      },
    }),

  followUpRescue: (_, { id, version, note, followedUpAt }, ctx) =>
    applications.move(ctx, 'FOLLOW_UP', {
      id, version, note: historyNote(note),
      set: (a) => ({ followUpNote: required('note', note), followedUpAt: dateOf('followedUpAt', followedUpAt, a) }),
    }),
};
