import type { SuggestionStatus } from '../../subgraphs/procuratorate/__generated__/resolvers-types';
import type { SuggestionDoc } from '../../subgraphs/procuratorate/models';
import { SUGGESTION_MACHINE, suggestions } from '../../subgraphs/procuratorate/workflow';
import type { Random } from '../random';
import { NOTES } from './vocabulary';
import { between, walk, type Event } from './walk';

// 检察建议: their plans, and those left resting in each status.

export type SugEvent = Event<SuggestionStatus, SuggestionDoc>;

/**
 * A suggestion's plan: approval and service, then (by variant) an objection and its outcome, a late reply
 * escalated upward, or a reply in time; then rectification, 回头看 and closing.
 */
export function suggestionPlan(rng: Random, variant: 'main' | 'objection' | 'late', harmSpreading: boolean, outcome?: 'UPHELD' | 'AMENDED' | 'WITHDRAWN'): SugEvent[] {
  const plan: SugEvent[] = [
    { to: 'APPROVED', gap: between(rng, [0, 2]), set: (at) => ({ approvedAt: at }) },
    { to: 'SERVED', gap: between(rng, [1, 4]), set: (at) => ({ servedAt: at }) },
  ];
  const replyGap: [number, number] = harmSpreading ? [3, 12] : [15, 50];
  if (variant === 'objection') {
    const o = outcome ?? rng.weighted([['UPHELD', 5], ['AMENDED', 3], ['WITHDRAWN', 2]] as const);
    const reason = rng.pick(NOTES.objection);
    plan.push({ to: 'OBJECTED', gap: between(rng, [2, 6]), note: reason, set: (at) => ({ objectedAt: at, objectionReason: reason }) });
    if (o === 'WITHDRAWN') {
      plan.push({ to: 'WITHDRAWN', gap: between(rng, [2, 8]), note: NOTES.withdrawn, set: (at) => ({ withdrawnAt: at, objectionDecidedAt: at, withdrawalReason: NOTES.withdrawn }) });
      return plan;
    }
    plan.push(o === 'UPHELD'
      ? { to: 'UPHELD', gap: between(rng, [2, 8]), note: NOTES.upheld, set: (at) => ({ objectionDecidedAt: at, objectionAnswer: NOTES.upheld }) }
      : { to: 'AMENDED', gap: between(rng, [2, 8]), note: NOTES.amended, set: (at, s) => ({ objectionDecidedAt: at, objectionAnswer: NOTES.amended, originalContent: s.content, content: `${s.content}（已修改）` }) });
    replyGap[0] = 3;
    replyGap[1] = harmSpreading ? 5 : 30;
  }
  if (variant === 'late') {
    // Past the reply period (two months, or 15 days) with no reply: reported upward, then answered.
    plan.push({ to: 'ESCALATED', gap: between(rng, harmSpreading ? [18, 30] : [66, 80]), note: NOTES.escalated, set: (at) => ({ escalatedAt: at, escalatedTo: '县人民政府', escalationReason: NOTES.escalated }) });
    replyGap[0] = 5;
    replyGap[1] = 30;
  }
  const reply = rng.pick(NOTES.reply);
  plan.push(
    { to: 'REPLIED', gap: between(rng, replyGap), set: (at) => ({ repliedAt: at, reply }) },
    { to: 'RECTIFYING', gap: between(rng, [2, 10]), set: (at) => ({ rectificationStartedAt: at, rectificationPlan: NOTES.plan }) },
  );
  if (rng.chance(0.6)) {
    plan.push({ to: 'RECTIFYING', act: suggestions.definition.acts!.reportProgress, gap: between(rng, [10, 30]), note: NOTES.progress, set: (at) => ({ rectificationReportedAt: at, rectificationProgress: NOTES.progress }) });
  }
  plan.push(
    { to: 'VERIFIED', gap: between(rng, [20, 60]), note: NOTES.verified, set: (at) => ({ verifiedAt: at, verificationNote: NOTES.verified }) },
    { to: 'CLOSED', gap: between(rng, [1, 10]), set: (at) => ({ closedAt: at }) },
  );
  return plan;
}

/** A draft the procuratorate does not pursue: discarded before approval (作废). */
export function discardPlan(rng: Random): SugEvent[] {
  return [{ to: 'DISCARDED', gap: between(rng, [1, 10]), note: NOTES.discarded, set: (at) => ({ discardedAt: at, discardReason: NOTES.discarded }) }];
}

/** A suggestion walked along its dated events up to today, as stored: the workflow derives its due dates. */
export function walkSuggestion(base: Omit<SuggestionDoc, 'status' | 'history' | 'version'>, events: (SugEvent & { at: Date })[], today: Date): SuggestionDoc {
  const doc = walk(SUGGESTION_MACHINE, { ...base, status: 'DRAFT', history: [], version: 0 } as SuggestionDoc, base.issuedAt, base.agencyCode, events, today);
  return suggestions.prepare(doc);
}

/** Suggestions left resting in each status, `ago` days after their last step (some past their reply date). */
export const FORCED_SUGGESTIONS: { target: SuggestionStatus; variant: 'main' | 'objection' | 'late'; outcome?: 'UPHELD' | 'AMENDED' | 'WITHDRAWN'; ago: number }[] = [
  { target: 'DRAFT', variant: 'main', ago: 2 },
  { target: 'DISCARDED', variant: 'main', ago: 12 },
  { target: 'APPROVED', variant: 'main', ago: 1 },
  { target: 'SERVED', variant: 'main', ago: 10 }, // reply clock running
  { target: 'SERVED', variant: 'main', ago: 80 }, // reply overdue
  { target: 'OBJECTED', variant: 'objection', ago: 5 },
  { target: 'UPHELD', variant: 'objection', outcome: 'UPHELD', ago: 70 }, // reply overdue after the objection
  { target: 'AMENDED', variant: 'objection', outcome: 'AMENDED', ago: 5 },
  { target: 'WITHDRAWN', variant: 'objection', outcome: 'WITHDRAWN', ago: 20 },
  { target: 'ESCALATED', variant: 'late', ago: 3 },
  { target: 'REPLIED', variant: 'main', ago: 4 },
  { target: 'RECTIFYING', variant: 'main', ago: 15 },
  { target: 'VERIFIED', variant: 'main', ago: 3 },
  { target: 'CLOSED', variant: 'main', ago: 30 },
];
