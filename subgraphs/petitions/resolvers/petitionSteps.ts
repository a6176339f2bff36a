import { chinaDate } from '../../../lib/calendar';
import { badInput } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import { noteOf, required } from '../../../lib/workflow';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { MAX_EXTENSION_DAYS, petitionClocks } from '../deadlines';
import type { HearingDoc, PetitionDoc } from '../models';
import { petitions } from '../workflow';

const dateOf = petitions.stepDate;

/** Open hearings end with the step that ends the stage they paused: every move, and the review decision. */
function closeHearings(p: PetitionDoc, at: Date): { hearings?: HearingDoc[] } {
  return p.hearings.some((h) => !h.to) ? { hearings: p.hearings.map((h) => (h.to ? h : { ...h, to: at })) } : {};
}

type PetitionSteps = Pick<MutationResolvers,
  | 'acceptPetition' | 'declinePetition' | 'startPetitionHandling' | 'extendPetition' | 'holdPetitionHearing' | 'endPetitionHearing'
  | 'recordProceduralReply' | 'answerPetition' | 'applyPetitionReview' | 'decidePetitionReview' | 'applyPetitionReReview'
  | 'decidePetitionReReview' | 'closePetition'>;

// Inputs that need no record are checked before the step (a blank reason is BAD_USER_INPUT in any status).
export const petitionSteps: PetitionSteps = {
  acceptPetition: (_, { id, version, acceptedAt, note }, ctx) =>
    petitions.move(ctx, 'ACCEPTED', {
      id, version, note: noteOf(note),
      set: (p) => {
        const at = dateOf('acceptedAt', acceptedAt, p);
        return { ...closeHearings(p, at), acceptedAt: at };
      },
    }),

  declinePetition: (_, { id, version, reason, decidedAt }, ctx) => {
    const why = required('reason', reason);
    return petitions.move(ctx, 'NOT_ACCEPTED', {
      id, version, note: why,
      set: (p) => {
        const at = dateOf('decidedAt', decidedAt, p);
        return { ...closeHearings(p, at), notAcceptedAt: at, notAcceptedReason: why };
      },
    });
  },

  startPetitionHandling: (_, { id, version, startedAt, note }, ctx) =>
    petitions.move(ctx, 'HANDLING', {
      id, version, note: noteOf(note),
      set: (p) => {
        const at = dateOf('startedAt', startedAt, p);
        return { ...closeHearings(p, at), handlingStartedAt: at };
      },
    }),

  extendPetition: (_, { id, version, days, reason, extendedAt }, ctx) => {
    const max = MAX_EXTENSION_DAYS.petitionHandling;
    if (!Number.isInteger(days) || days < 1 || days > max) throw badInput('days', `must be 1 to ${max} days`);
    const why = required('reason', reason, 500);
    return petitions.act(ctx, 'extend', {
      id, version, note: `延期 ${days} 日：${why}`,
      set: (p) => {
        if (p.extensionDays) throw petitions.refuse(p, 'the handling period can be extended only once');
        const at = dateOf('extendedAt', extendedAt, p);
        const due = petitionClocks(p, at).handling!.dueAt;
        if (at > due) throw badInput('extendedAt', `the handling period ended on ${chinaDate(due)}: extend it before it ends`);
        return { extensionDays: days, extensionReason: why, extendedAt: at };
      },
    });
  },

  holdPetitionHearing: (_, { id, version, hearingFrom, hearingTo, note }, ctx) =>
    petitions.act(ctx, 'hearing', {
      id, version, note: noteOf(note) ?? '公开听证',
      set: (p) => {
        if (p.hearings.some((h) => !h.to)) throw petitions.refuse(p, 'a hearing is still open: end it first (endPetitionHearing)');
        if (p.status === 'REVIEW' && p.reviewDecidedAt) throw petitions.refuse(p, 'the review is decided: no clock of an agency runs that a hearing could stop');
        const from = dateOf('hearingFrom', hearingFrom, p);
        const to = hearingTo ? check.notFuture('hearingTo', hearingTo) : null;
        check.order('hearingTo', from, to, 'hearingFrom');
        return { hearings: [...p.hearings, { from, to, note: noteOf(note) }] };
      },
    }),

  endPetitionHearing: (_, { id, version, hearingTo }, ctx) =>
    petitions.act(ctx, 'hearing', {
      id, version, note: '听证结束',
      set: (p) => {
        if (!p.hearings.some((h) => !h.to)) throw petitions.refuse(p, 'no hearing of this petition is open');
        return closeHearings(p, dateOf('hearingTo', hearingTo, p));
      },
    }),

  recordProceduralReply: (_, { id, version, repliedAt, note }, ctx) =>
    petitions.act(ctx, 'proceduralReply', {
      id, version, note: noteOf(note) ?? '程序性回复',
      set: (p) => {
        if (!p.procuratorateHandled) throw petitions.refuse(p, 'only a petition handled by the procuratorate owes a procedural reply');
        if (p.proceduralRepliedAt) throw petitions.refuse(p, 'the procedural reply is already recorded');
        return { proceduralRepliedAt: dateOf('repliedAt', repliedAt, p) };
      },
    }),

  answerPetition: (_, { id, version, answer, answeredAt }, ctx) => {
    const text = required('answer', answer, 5000);
    return petitions.move(ctx, 'ANSWERED', {
      id, version,
      set: (p) => {
        const at = dateOf('answeredAt', answeredAt, p);
        return { ...closeHearings(p, at), answeredAt: at, answer: text };
      },
    });
  },

  // 县政府办 becomes a counterpart with the application (workflow.ts derives counterpartCodes).
  applyPetitionReview: (_, { id, version, appliedAt, note }, ctx) =>
    petitions.move(ctx, 'REVIEW', {
      id, version, note: noteOf(note),
      set: (p) => {
        const at = dateOf('appliedAt', appliedAt, p);
        const due = petitionClocks(p, at).reviewApplication!.dueAt;
        if (at > due) throw badInput('appliedAt', `the 30-day period to apply for review ended on ${chinaDate(due)}`);
        return { ...closeHearings(p, at), reviewAppliedAt: at };
      },
    }),

  decidePetitionReview: (_, { id, version, decision, decidedAt }, ctx) => {
    const text = required('decision', decision, 5000);
    return petitions.act(ctx, 'decideReview', {
      id, version, note: '复查意见',
      set: (p) => {
        if (p.reviewDecidedAt) throw petitions.refuse(p, 'the review is already decided');
        const at = dateOf('decidedAt', decidedAt, p);
        return { ...closeHearings(p, at), reviewDecidedAt: at, reviewDecision: text };
      },
    });
  },

  // Refused in the step rather than closed as a next step: REVIEW lists RE_REVIEW before the decision too.
  applyPetitionReReview: (_, { id, version, appliedAt, note }, ctx) =>
    petitions.move(ctx, 'RE_REVIEW', {
      id, version, note: noteOf(note),
      set: (p) => {
        if (!p.reviewDecidedAt) throw petitions.refuse(p, 'the review is not decided yet (decidePetitionReview)');
        const at = dateOf('appliedAt', appliedAt, p);
        const due = petitionClocks(p, at).reReviewApplication!.dueAt;
        if (at > due) throw badInput('appliedAt', `the 30-day period to apply for re-review ended on ${chinaDate(due)}`);
        return { ...closeHearings(p, at), reReviewAppliedAt: at };
      },
    }),

  decidePetitionReReview: (_, { id, version, decision, decidedAt }, ctx) => {
    const text = required('decision', decision, 5000);
    return petitions.move(ctx, 'FINAL', {
      id, version, note: '复核意见',
      set: (p) => {
        if (p.status !== 'RE_REVIEW') throw petitions.refuse(p, `this petition is ${p.status}: only a re-review can be decided`);
        const at = dateOf('decidedAt', decidedAt, p);
        return { ...closeHearings(p, at), reReviewDecidedAt: at, reReviewDecision: text, closedAt: at };
      },
    });
  },

  closePetition: (_, { id, version, petitionerAccepted, closedAt, note }, ctx) =>
    petitions.move(ctx, 'FINAL', {
      id, version, note: noteOf(note) ?? (petitionerAccepted ? '信访人认可' : '申请期限届满'),
      set: (p) => {
        if (p.status === 'RE_REVIEW') throw petitions.refuse(p, 'a re-review ends with its decision (decidePetitionReReview)');
        if (p.status === 'REVIEW' && !p.reviewDecidedAt) throw petitions.refuse(p, 'the review is not decided yet (decidePetitionReview)');
        const at = dateOf('closedAt', closedAt, p);
        const clocks = petitionClocks(p, at);
        const window = p.status === 'ANSWERED' ? clocks.reviewApplication! : clocks.reReviewApplication!;
        if (!petitionerAccepted && at <= window.dueAt) {
          throw badInput('petitionerAccepted', `the petitioner may apply until ${chinaDate(window.dueAt)}; close earlier only when the petitioner accepts`);
        }
        return { ...closeHearings(p, at), closedAt: at, petitionerAccepted: !!petitionerAccepted };
      },
    }),
};
