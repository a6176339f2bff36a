import type { ReverseReferralStatus } from '../../subgraphs/procuratorate/__generated__/resolvers-types';
import type { ReverseReferralDoc } from '../../subgraphs/procuratorate/models';
import { REFERRAL_MACHINE, referrals } from '../../subgraphs/procuratorate/workflow';
import type { Random } from '../random';
import { NOTES } from './vocabulary';
import { between, dated, walk, type Event } from './walk';

// 行刑反向衔接: a referral's plan after 不起诉, and the referrals left resting in each status.

export type RefEvent = Event<ReverseReferralStatus, ReverseReferralDoc>;

export function referralPlan(rng: Random, opts: { late?: boolean; suspended?: boolean; terminated?: boolean } = {}): RefEvent[] {
  const plan: RefEvent[] = [
    { to: 'REFERRED', gap: between(rng, opts.late ? [6, 9] : [0, 2]), set: (at) => ({ referredAt: at }) },
    { to: 'UNDER_REVIEW', gap: between(rng, [0, 2]), set: (at) => ({ reviewStartedAt: at }) },
  ];
  if (opts.suspended) {
    plan.push(
      { to: 'SUSPENDED', gap: between(rng, [1, 5]), note: NOTES.referralSuspended, set: (at, r) => ({ pauses: [...r.pauses, { from: at, to: null, reason: NOTES.referralSuspended }] }) },
      { to: 'UNDER_REVIEW', gap: between(rng, [5, 30]), set: (at, r) => ({ pauses: r.pauses.map((p) => (p.to ? p : { ...p, to: at })) }) },
    );
  }
  if (opts.terminated) {
    plan.push({ to: 'TERMINATED', gap: between(rng, [3, 9]), note: NOTES.referralTerminated, set: (at) => ({ terminatedAt: at, terminationReason: NOTES.referralTerminated }) });
    return plan;
  }
  const kind = rng.weighted([['ADMINISTRATIVE_PENALTY', 8], ['DISCIPLINARY_SANCTION', 1], ['NO_PENALTY', 1]] as const);
  const decision = kind === 'DISCIPLINARY_SANCTION' ? NOTES.agencyDecision[2] : kind === 'NO_PENALTY' ? '违法情节轻微并及时改正，不予行政处罚' : rng.pick(NOTES.agencyDecision.slice(0, 2));
  plan.push(
    { to: 'OPINION_ISSUED', gap: between(rng, [3, 9]), set: (at) => ({ opinionIssuedAt: at, opinion: NOTES.opinion }) },
    { to: 'AGENCY_DECIDED', gap: between(rng, [15, 60]), set: (at) => ({ agencyDecidedAt: at, agencyDecisionKind: kind, agencyDecision: decision }) },
    { to: 'RESULT_REPORTED', gap: between(rng, [1, 15]), note: NOTES.result, set: (at) => ({ resultReportedAt: at, result: NOTES.result }) },
  );
  return plan;
}

/** A referral walked along its plan up to today, as stored: the workflow derives its due date. */
export function walkReferral(base: Omit<ReverseReferralDoc, 'status' | 'history' | 'version' | 'pauses'>, plan: RefEvent[], today: Date): ReverseReferralDoc {
  const doc = walk(REFERRAL_MACHINE, { ...base, pauses: [], status: 'NON_PROSECUTED', history: [], version: 0 } as ReverseReferralDoc,
    base.nonProsecutedAt, base.agencyCode, dated(base.nonProsecutedAt, plan), today);
  return referrals.prepare(doc);
}

/** Referrals left resting in each status, `ago` days after their last step (some past their clock). */
export const FORCED_REFERRALS: { target: ReverseReferralStatus; ago: number; suspended?: boolean; terminated?: boolean }[] = [
  { target: 'NON_PROSECUTED', ago: 1 }, // referral clock running
  { target: 'NON_PROSECUTED', ago: 20 }, // not referred in 3 working days
  { target: 'REFERRED', ago: 2 },
  { target: 'UNDER_REVIEW', ago: 3 },
  { target: 'UNDER_REVIEW', ago: 40 }, // review overdue
  { target: 'SUSPENDED', ago: 10, suspended: true }, // paused: not overdue
  { target: 'OPINION_ISSUED', ago: 10 }, // the agency's reply clock running
  { target: 'OPINION_ISSUED', ago: 75 }, // no decision two months after the opinion
  { target: 'TERMINATED', ago: 30, terminated: true },
  { target: 'AGENCY_DECIDED', ago: 5 },
  { target: 'RESULT_REPORTED', ago: 15, suspended: true },
];
