import { conflict } from '../../../lib/errors';
import type { Identity } from '../../../lib/identity';
import { nextSteps, transition } from '../../../lib/workflow';
import type { MutationResolvers, ReverseReferralStatus } from '../__generated__/resolvers-types';
import { referralNextDueAt } from '../deadlines';
import { REFERRAL_DATES, ReverseReferralModel, type ReverseReferralDoc, type ReviewPause } from '../models';
import { REFERRAL_MACHINE } from '../workflow';
import { historyNote, latestStep, noteOf, required, stepDate } from './steps';

const LABEL = 'reverse referral';

/** The date of a step: now by default, not in the future, not before the latest step (suspensions included). */
function dateOf(field: string, value: Date | null | undefined, r: ReverseReferralDoc): Date {
  const pauses = (r.pauses ?? []).flatMap((p, i): [Date | null | undefined, string][] => [[p.from, `pauses[${i}].from`], [p.to, `pauses[${i}].to`]]);
  return stepDate(field, value, latestStep(r, REFERRAL_DATES, pauses));
}

function withDue(r: ReverseReferralDoc, set: Record<string, unknown>, status: ReverseReferralStatus): Record<string, unknown> {
  return { ...set, nextDueAt: referralNextDueAt({ ...r, ...set, status } as ReverseReferralDoc) };
}

function move(identity: Identity, id: string, version: number, to: ReverseReferralStatus, note: string | null,
  set: (r: ReverseReferralDoc) => Record<string, unknown>) {
  return transition<ReverseReferralStatus, ReverseReferralDoc>({
    model: ReverseReferralModel, machine: REFERRAL_MACHINE, label: LABEL, id, version, to, identity, note,
    set: (r) => withDue(r, set(r), to),
  });
}

/** UNDER_REVIEW is reached two ways: starting the review (from REFERRED) and resuming it (from SUSPENDED). */
function requireFrom(r: ReverseReferralDoc, from: ReverseReferralStatus, what: string): void {
  if (r.status !== from) {
    throw conflict(`this ${LABEL} is ${r.status}: ${what} needs it ${from}; allowed next: ${nextSteps(REFERRAL_MACHINE, r.status).join(', ') || 'none (final)'}`, {
      currentStatus: r.status,
      allowed: nextSteps(REFERRAL_MACHINE, r.status),
    });
  }
}

type ReferralSteps = Pick<MutationResolvers,
  | 'referReverseReferral' | 'startReverseReview' | 'suspendReverseReview' | 'resumeReverseReview' | 'issueReverseOpinion'
  | 'terminateReverseReview' | 'recordReverseAgencyDecision' | 'reportReverseReferralResult'>;

export const referralSteps: ReferralSteps = {
  referReverseReferral: (_, { id, version, referredAt, note }, { identity }) =>
    move(identity, id, version, 'REFERRED', noteOf(note), (r) => ({ referredAt: dateOf('referredAt', referredAt, r) })),

  startReverseReview: (_, { id, version, startedAt, note }, { identity }) =>
    move(identity, id, version, 'UNDER_REVIEW', noteOf(note), (r) => {
      requireFrom(r, 'REFERRED', 'starting the review');
      return { reviewStartedAt: dateOf('startedAt', startedAt, r) };
    }),

  suspendReverseReview: (_, { id, version, reason, suspendedAt }, { identity }) =>
    move(identity, id, version, 'SUSPENDED', historyNote(reason), (r) => {
      const why = required('reason', reason);
      const pauses: ReviewPause[] = [...(r.pauses ?? []), { from: dateOf('suspendedAt', suspendedAt, r), to: null, reason: why }];
      return { pauses };
    }),

  resumeReverseReview: (_, { id, version, resumedAt, note }, { identity }) =>
    move(identity, id, version, 'UNDER_REVIEW', noteOf(note), (r) => {
      requireFrom(r, 'SUSPENDED', 'resuming the review');
      const at = dateOf('resumedAt', resumedAt, r);
      return { pauses: r.pauses.map((p) => (p.to ? p : { ...p, to: at })) };
    }),

  issueReverseOpinion: (_, { id, version, opinion, issuedAt }, { identity }) =>
    move(identity, id, version, 'OPINION_ISSUED', null, (r) => ({
      opinion: required('opinion', opinion, 5000),
      opinionIssuedAt: dateOf('issuedAt', issuedAt, r),
    })),

  terminateReverseReview: (_, { id, version, reason, terminatedAt }, { identity }) =>
    move(identity, id, version, 'TERMINATED', historyNote(reason), (r) => ({
      terminationReason: required('reason', reason),
      terminatedAt: dateOf('terminatedAt', terminatedAt, r),
    })),

  recordReverseAgencyDecision: (_, { id, version, kind, decision, decidedAt }, { identity }) =>
    move(identity, id, version, 'AGENCY_DECIDED', null, (r) => ({
      agencyDecisionKind: kind,
      agencyDecision: required('decision', decision, 5000),
      agencyDecidedAt: dateOf('decidedAt', decidedAt, r),
    })),

  reportReverseReferralResult: (_, { id, version, result, reportedAt }, { identity }) =>
    move(identity, id, version, 'RESULT_REPORTED', historyNote(result), (r) => ({
      result: required('result', result),
      resultReportedAt: dateOf('reportedAt', reportedAt, r),
    })),
};
