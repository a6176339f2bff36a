import type { PublicInterestStatus } from '../../subgraphs/procuratorate/models';
import { publicInterestCases, type PublicInterestCaseDoc } from '../../subgraphs/procuratorate/workflow';
import type { Random } from '../random';
import { suggestionPlan, type SugEvent } from './suggestions';
import { NOTES } from './vocabulary';
import { between, type Event } from './walk';

// 公益诉讼: a case's timeline with its pre-suit suggestion's steps, and the cases left resting in each status.

/** Issuing the termination notice: an act that keeps TERMINATED (the forced cases cut a plan after it). */
export const issueNotice = publicInterestCases.definition.acts!.issueNotice;

/** One event of a public-interest case's timeline: a step of the case or of its pre-suit suggestion. */
export type PiEvent =
  | ({ kind: 'case' } & Event<PublicInterestStatus, PublicInterestCaseDoc>)
  | ({ kind: 'suggestion' } & SugEvent);
export type PiVariant = 'terminatedEarly' | 'terminated' | 'litigated';

/**
 * A public-interest case's timeline: filing, 磋商, then either an early termination or a pre-suit suggestion
 * (issued, approved, served, answered or escalated), follow-up, and termination (with its notice) or suit.
 */
export function publicInterestPlan(rng: Random, variant: PiVariant, harmSpreading: boolean, target: string, notice = rng.chance(0.85)): PiEvent[] {
  const plan: PiEvent[] = [{ kind: 'case', to: 'FILED', gap: between(rng, [3, 20]), set: (at) => ({ filedAt: at }) }];
  if (variant !== 'terminated' || rng.chance(0.8)) {
    plan.push({ kind: 'case', to: 'CONSULTATION', gap: between(rng, [3, 15]), note: NOTES.consult, set: (at) => ({ consultationStartedAt: at, consultationAgencyCode: target }) });
  }
  const terminate = (gap: [number, number]): PiEvent[] => {
    const reason = rng.pick(NOTES.terminated);
    const events: PiEvent[] = [{ kind: 'case', to: 'TERMINATED', gap: between(rng, gap), note: reason, set: (at) => ({ terminatedAt: at, closedAt: at, terminationReason: reason }) }];
    if (notice) {
      events.push({ kind: 'case', to: 'TERMINATED', act: issueNotice, gap: between(rng, rng.chance(0.85) ? [1, 6] : [8, 12]), set: (at) => ({ noticeIssuedAt: at }) });
    }
    return events;
  };
  if (variant === 'terminatedEarly') return [...plan, ...terminate([10, 40])];

  const s = suggestionPlan(rng, variant === 'litigated' ? 'late' : 'main', harmSpreading);
  const [approve, serve, ...rest] = s;
  plan.push(
    { kind: 'suggestion', to: 'DRAFT', gap: between(rng, [5, 40]) }, // issued: the suggestion's creation
    { kind: 'suggestion', ...approve },
    { kind: 'suggestion', ...serve },
    { kind: 'case', to: 'PRE_SUIT_SUGGESTION', gap: between(rng, [0, 2]) }, // its set is filled in by seedPublicInterest
  );
  const answer = rest.findIndex((e) => e.to === 'REPLIED');
  const escalated = rest.filter((e) => e.to === 'ESCALATED');
  const afterAnswer = rest.slice(answer + 1);
  plan.push(...escalated.map((e) => ({ kind: 'suggestion' as const, ...e })));
  if (variant === 'litigated') {
    plan.push(
      { kind: 'case', to: 'FOLLOW_UP', gap: between(rng, [3, 10]), note: NOTES.followUp, set: (at) => ({ followUpAt: at, followUpNote: NOTES.followUp }) },
      { kind: 'case', to: 'LITIGATED', gap: between(rng, rng.chance(0.85) ? [10, 40] : [70, 90]), set: (at) => ({ litigatedAt: at, court: '渑池县人民法院' }) },
    );
    return plan;
  }
  plan.push(
    { kind: 'suggestion', ...rest[answer] },
    { kind: 'case', to: 'FOLLOW_UP', gap: between(rng, [5, 20]), note: NOTES.followUp, set: (at) => ({ followUpAt: at, followUpNote: NOTES.followUp }) },
    ...afterAnswer.slice(0, 1).map((e) => ({ kind: 'suggestion' as const, ...e })),
    ...terminate([10, 40]),
    ...afterAnswer.slice(1).map((e) => ({ kind: 'suggestion' as const, ...e })),
  );
  return plan;
}

/** Public-interest cases left resting in each status, `ago` days after their last step. */
export const FORCED_PUBLIC_INTEREST: { target: PublicInterestStatus | 'NOTICE'; variant: PiVariant; ago: number }[] = [
  { target: 'TERMINATED', variant: 'terminated', ago: 30 }, // termination notice overdue
  { target: 'CLUE', variant: 'terminated', ago: 5 },
  { target: 'FILED', variant: 'terminated', ago: 10 }, // decision clock running
  { target: 'FILED', variant: 'terminated', ago: 120 }, // decision overdue
  { target: 'CONSULTATION', variant: 'terminated', ago: 20 },
  { target: 'PRE_SUIT_SUGGESTION', variant: 'terminated', ago: 10 },
  { target: 'FOLLOW_UP', variant: 'terminated', ago: 30 },
  { target: 'FOLLOW_UP', variant: 'terminated', ago: 150 }, // suit decision overdue
  { target: 'TERMINATED', variant: 'terminatedEarly', ago: 3 }, // notice clock running
  { target: 'NOTICE', variant: 'terminated', ago: 40 },
  { target: 'LITIGATED', variant: 'litigated', ago: 20 },
];
