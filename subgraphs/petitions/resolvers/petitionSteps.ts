import { chinaDate } from '../../../lib/calendar';
import { badInput, conflict } from '../../../lib/errors';
import type { Identity } from '../../../lib/identity';
import { check } from '../../../lib/validate';
import { nextSteps, transition } from '../../../lib/workflow';
import type { MutationResolvers, PetitionStatus } from '../__generated__/resolvers-types';
import { MAX_EXTENSION_DAYS, petitionClocks, petitionDerived } from '../deadlines';
import { PetitionModel, type HearingDoc, type PetitionDoc } from '../models';
import { petitionCounterparts } from '../policies';
import { act, PETITION_ACTS, PETITION_MACHINE } from '../workflow';

const LABEL = 'petition';

/** The latest dated step of a petition, and its name (a new step must not come before it). */
function latestStep(p: PetitionDoc): [Date, string] {
  const steps: [Date | null | undefined, string][] = [
    [p.receivedAt, 'receivedAt'], [p.acceptedAt, 'acceptedAt'], [p.notAcceptedAt, 'notAcceptedAt'],
    [p.handlingStartedAt, 'handlingStartedAt'], [p.extendedAt, 'the extension'], [p.proceduralRepliedAt, 'proceduralRepliedAt'],
    [p.answeredAt, 'answeredAt'], [p.reviewAppliedAt, 'reviewAppliedAt'], [p.reviewDecidedAt, 'reviewDecidedAt'],
    [p.reReviewAppliedAt, 'reReviewAppliedAt'], [p.reReviewDecidedAt, 'reReviewDecidedAt'], [p.closedAt, 'closedAt'],
    ...(p.hearings ?? []).flatMap((h): [Date | null | undefined, string][] => [[h.from, 'the hearing'], [h.to, 'the end of the hearing']]),
  ];
  let latest: [Date, string] = [p.receivedAt, 'receivedAt'];
  for (const [at, name] of steps) if (at && at > latest[0]) latest = [at, name];
  return latest;
}

/** The date of a step (now when not given): not in the future, not before the petition's latest step. */
function stepDate(field: string, value: Date | null | undefined, p: PetitionDoc): Date {
  const at = check.notFuture(field, value ?? new Date());
  const [last, name] = latestStep(p);
  if (at < last) throw badInput(field, `must not be before ${name} (${chinaDate(last)})`);
  return at;
}

/** Open hearings end with the step that ends the stage they paused. */
function closeHearings(p: PetitionDoc, at: Date): { hearings?: HearingDoc[] } {
  return p.hearings.some((h) => !h.to) ? { hearings: p.hearings.map((h) => (h.to ? h : { ...h, to: at })) } : {};
}

/** `set` plus the derived fields of the petition after it. */
function withDerived(p: PetitionDoc, set: Record<string, unknown>, status: PetitionStatus = p.status): Record<string, unknown> {
  return { ...set, ...petitionDerived({ ...p, ...set, status } as PetitionDoc) };
}

/** A status move through lib/workflow `transition`; `step` validates against the current petition and dates the move. */
function move(identity: Identity, id: string, version: number, to: PetitionStatus, note: string | null | undefined,
  step: (p: PetitionDoc) => { at: Date; set: Record<string, unknown> }) {
  return transition<PetitionStatus, PetitionDoc>({
    model: PetitionModel, machine: PETITION_MACHINE, label: LABEL, id, version, to, identity, note,
    set: (p) => {
      const { at, set } = step(p);
      return withDerived(p, { ...closeHearings(p, at), ...set }, to);
    },
  });
}

/** A step that keeps the status (see PETITION_ACTS). */
function keep(identity: Identity, id: string, version: number, which: keyof typeof PETITION_ACTS, name: string, note: string | null | undefined,
  set: (p: PetitionDoc) => Record<string, unknown>) {
  return act<PetitionStatus, PetitionDoc>({
    model: PetitionModel, machine: PETITION_MACHINE, act: PETITION_ACTS[which], name, label: LABEL, id, version, identity, note,
    set: (p) => withDerived(p, set(p)),
  });
}

const refuse = (p: PetitionDoc, message: string) => conflict(message, { currentStatus: p.status, allowed: nextSteps(PETITION_MACHINE, p.status) });

/** Optional free text of a step. */
const noteOf = (note: string | null | undefined) => (note == null || !note.trim() ? null : check.nonEmpty('note', note, 2000));

export const petitionSteps: MutationResolvers = {
  acceptPetition: (_, { id, version, acceptedAt, note }, { identity }) =>
    move(identity, id, version, 'ACCEPTED', noteOf(note), (p) => {
      const at = stepDate('acceptedAt', acceptedAt, p);
      return { at, set: { acceptedAt: at } };
    }),

  declinePetition: (_, { id, version, reason, decidedAt }, { identity }) => {
    const why = check.nonEmpty('reason', reason, 2000);
    return move(identity, id, version, 'NOT_ACCEPTED', why, (p) => {
      const at = stepDate('decidedAt', decidedAt, p);
      return { at, set: { notAcceptedAt: at, notAcceptedReason: why } };
    });
  },

  startPetitionHandling: (_, { id, version, startedAt, note }, { identity }) =>
    move(identity, id, version, 'HANDLING', noteOf(note), (p) => {
      const at = stepDate('startedAt', startedAt, p);
      return { at, set: { handlingStartedAt: at } };
    }),

  extendPetition: (_, { id, version, days, reason, extendedAt }, { identity }) => {
    const max = MAX_EXTENSION_DAYS.petitionHandling;
    if (!Number.isInteger(days) || days < 1 || days > max) throw badInput('days', `must be 1 to ${max} days`);
    const why = check.nonEmpty('reason', reason, 500);
    return keep(identity, id, version, 'extend', 'extended', `延期 ${days} 日：${why}`, (p) => {
      if (p.extensionDays) throw refuse(p, 'the handling period can be extended only once');
      const at = stepDate('extendedAt', extendedAt, p);
      const due = petitionClocks(p, at).handling!.dueAt;
      if (at > due) throw badInput('extendedAt', `the handling period ended on ${chinaDate(due)}: extend it before it ends`);
      return { extensionDays: days, extensionReason: why, extendedAt: at };
    });
  },

  holdPetitionHearing: (_, { id, version, hearingFrom, hearingTo, note }, { identity }) =>
    keep(identity, id, version, 'hearing', 'given a hearing', noteOf(note) ?? '公开听证', (p) => {
      if (p.hearings.some((h) => !h.to)) throw refuse(p, 'a hearing is still open: end it first (endPetitionHearing)');
      if (p.status === 'REVIEW' && p.reviewDecidedAt) throw refuse(p, 'the review is decided: no clock of an agency runs that a hearing could stop');
      const from = stepDate('hearingFrom', hearingFrom, p);
      const to = hearingTo ? check.notFuture('hearingTo', hearingTo) : null;
      check.order('hearingTo', from, to, 'hearingFrom');
      return { hearings: [...p.hearings, { from, to, note: noteOf(note) }] };
    }),

  endPetitionHearing: (_, { id, version, hearingTo }, { identity }) =>
    keep(identity, id, version, 'hearing', 'given a hearing', '听证结束', (p) => {
      if (!p.hearings.some((h) => !h.to)) throw refuse(p, 'no hearing of this petition is open');
      return closeHearings(p, stepDate('hearingTo', hearingTo, p));
    }),

  recordProceduralReply: (_, { id, version, repliedAt, note }, { identity }) =>
    keep(identity, id, version, 'proceduralReply', 'given a procedural reply', noteOf(note) ?? '程序性回复', (p) => {
      if (!p.procuratorateHandled) throw refuse(p, 'only a petition handled by the procuratorate owes a procedural reply');
      if (p.proceduralRepliedAt) throw refuse(p, 'the procedural reply is already recorded');
      return { proceduralRepliedAt: stepDate('repliedAt', repliedAt, p) };
    }),

  answerPetition: (_, { id, version, answer, answeredAt }, { identity }) => {
    const text = check.nonEmpty('answer', answer);
    return move(identity, id, version, 'ANSWERED', null, (p) => {
      const at = stepDate('answeredAt', answeredAt, p);
      return { at, set: { answeredAt: at, answer: text } };
    });
  },

  applyPetitionReview: (_, { id, version, appliedAt, note }, { identity }) =>
    move(identity, id, version, 'REVIEW', noteOf(note), (p) => {
      const at = stepDate('appliedAt', appliedAt, p);
      const due = petitionClocks(p, at).reviewApplication!.dueAt;
      if (at > due) throw badInput('appliedAt', `the 30-day period to apply for review ended on ${chinaDate(due)}`);
      // 县政府办 decides the review (and any re-review): from now on it is a counterpart of the petition.
      return { at, set: { reviewAppliedAt: at, counterpartCodes: petitionCounterparts({ ...p, reviewAppliedAt: at }) } };
    }),

  decidePetitionReview: (_, { id, version, decision, decidedAt }, { identity }) => {
    const text = check.nonEmpty('decision', decision);
    return keep(identity, id, version, 'decideReview', 'decided', '复查意见', (p) => {
      if (p.reviewDecidedAt) throw refuse(p, 'the review is already decided');
      const at = stepDate('decidedAt', decidedAt, p);
      return { ...closeHearings(p, at), reviewDecidedAt: at, reviewDecision: text };
    });
  },

  applyPetitionReReview: (_, { id, version, appliedAt, note }, { identity }) =>
    move(identity, id, version, 'RE_REVIEW', noteOf(note), (p) => {
      if (!p.reviewDecidedAt) throw refuse(p, 'the review is not decided yet (decidePetitionReview)');
      const at = stepDate('appliedAt', appliedAt, p);
      const due = petitionClocks(p, at).reReviewApplication!.dueAt;
      if (at > due) throw badInput('appliedAt', `the 30-day period to apply for re-review ended on ${chinaDate(due)}`);
      return { at, set: { reReviewAppliedAt: at } };
    }),

  decidePetitionReReview: (_, { id, version, decision, decidedAt }, { identity }) => {
    const text = check.nonEmpty('decision', decision);
    return move(identity, id, version, 'FINAL', '复核意见', (p) => {
      if (p.status !== 'RE_REVIEW') throw refuse(p, `this petition is ${p.status}: only a re-review can be decided`);
      const at = stepDate('decidedAt', decidedAt, p);
      return { at, set: { reReviewDecidedAt: at, reReviewDecision: text, closedAt: at } };
    });
  },

  closePetition: (_, { id, version, petitionerAccepted, closedAt, note }, { identity }) =>
    move(identity, id, version, 'FINAL', noteOf(note) ?? (petitionerAccepted ? '信访人认可' : '申请期限届满'), (p) => {
      if (p.status === 'RE_REVIEW') throw refuse(p, 'a re-review ends with its decision (decidePetitionReReview)');
      if (p.status === 'REVIEW' && !p.reviewDecidedAt) throw refuse(p, 'the review is not decided yet (decidePetitionReview)');
      const at = stepDate('closedAt', closedAt, p);
      const clocks = petitionClocks(p, at);
      const window = p.status === 'ANSWERED' ? clocks.reviewApplication! : clocks.reReviewApplication!;
      if (!petitionerAccepted && at <= window.dueAt) {
        throw badInput('petitionerAccepted', `the petitioner may apply until ${chinaDate(window.dueAt)}; close earlier only when the petitioner accepts`);
      }
      return { at, set: { closedAt: at, petitionerAccepted: !!petitionerAccepted } };
    }),
};
