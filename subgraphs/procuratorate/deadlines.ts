import { addDays, addMonths, MS } from '../../lib/calendar';
import { clock, deadlineRules, periodEnd, type Clock, type Pause, type RuleName } from '../../lib/deadlines';
import type { ProcuratorateCaseStatus, ReverseReferralStatus, SuggestionStatus } from './__generated__/resolvers-types';
import type { ProcuratorateCaseDoc, ReverseReferralDoc, SuggestionDoc } from './models';

// Which legal clock of each procuratorate record runs in which status, from which date, stopped by which
// date. The periods are lib/deadlines DEFAULT_RULES (or DEADLINE_RULES); the arithmetic is lib/calendar's.

/** A clock of a record; `running`: it runs in the record's current status and has not been stopped. */
export interface RecordClock extends Clock {
  rule: RuleName;
  running: boolean;
}

interface ClockSpec {
  rule: RuleName;
  start: Date | null | undefined;
  stop: Date | null | undefined;
  runsIn: boolean;
  pauses?: readonly Pause[];
}

function clocksOf(specs: ClockSpec[], now: Date): RecordClock[] {
  return specs
    .filter((c): c is ClockSpec & { start: Date } => !!c.start)
    .map((c) => ({ rule: c.rule, running: c.runsIn && !c.stop, ...clock(c.rule, c.start, c.stop ?? null, { now, pauses: c.pauses }) }));
}

/** The clocks running in the current status (`deadlines`), earliest due first. */
export function running(clocks: RecordClock[]): RecordClock[] {
  return clocks.filter((c) => c.running).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The clock of the step owed now (`dueAt` / `overdue`), or null. */
export function main(clocks: RecordClock[]): RecordClock | null {
  return running(clocks)[0] ?? null;
}

const openPause = (pauses: readonly Pause[] | undefined) => (pauses ?? []).some((p) => !p.to);

// ── 检察建议 ────────────────────────────────────────────────────────────────────────────────────

type SuggestionTimes = Pick<SuggestionDoc, 'status' | 'kind' | 'harmSpreading' | 'servedAt' | 'repliedAt' | 'withdrawnAt'>;

/** Statuses in which the target agency owes its reply. */
export const REPLY_OWED: readonly SuggestionStatus[] = ['SERVED', 'OBJECTED', 'UPHELD', 'AMENDED', 'ESCALATED'];

/** 回复期限: two months; a pre-suit suggestion whose harm is spreading, 15 days. */
export function replyRule(s: Pick<SuggestionDoc, 'kind' | 'harmSpreading'>): RuleName {
  return s.kind === 'PUBLIC_INTEREST_PRE_SUIT' && s.harmSpreading ? 'suggestionReplyHarmSpreading' : 'suggestionReply';
}

/** The end of the reply period, once served (an objection does not stop or restart it). */
export function suggestionReplyDueAt(s: Pick<SuggestionDoc, 'kind' | 'harmSpreading' | 'servedAt'>): Date | null {
  return s.servedAt ? periodEnd(s.servedAt, deadlineRules()[replyRule(s)]) : null;
}

export function suggestionClocks(s: SuggestionTimes, now = new Date()): RecordClock[] {
  return clocksOf([{ rule: replyRule(s), start: s.servedAt, stop: s.repliedAt ?? s.withdrawnAt, runsIn: REPLY_OWED.includes(s.status) }], now);
}

/** The stored due date of the reply owed now (the `overdue` filter), recomputed on every write. */
export function suggestionNextDueAt(s: SuggestionTimes): Date | null {
  return main(suggestionClocks(s))?.dueAt ?? null;
}

// ── 公益诉讼 ────────────────────────────────────────────────────────────────────────────────────

type CaseTimes = Pick<ProcuratorateCaseDoc, 'type' | 'status' | 'filedAt' | 'preSuitSuggestionAt' | 'preSuitReplyDueAt' | 'terminatedAt' | 'noticeIssuedAt' | 'litigatedAt'>;
const inStatus = (s: ProcuratorateCaseStatus, ...of: ProcuratorateCaseStatus[]) => of.includes(s);

/**
 * A public-interest case: decide (pre-suit suggestion or termination) within 3 months of filing; decide on suit
 * within 2 months after the pre-suit suggestion's reply period; the termination notice within 7 days.
 */
export function caseClocks(c: CaseTimes, now = new Date()): RecordClock[] {
  if (c.type !== 'PUBLIC_INTEREST') return [];
  return clocksOf([
    { rule: 'publicInterestDecision', start: c.filedAt, stop: c.preSuitSuggestionAt ?? c.terminatedAt ?? c.litigatedAt, runsIn: inStatus(c.status, 'FILED', 'CONSULTATION') },
    { rule: 'publicInterestSuitDecision', start: c.preSuitReplyDueAt, stop: c.litigatedAt ?? c.terminatedAt, runsIn: inStatus(c.status, 'PRE_SUIT_SUGGESTION', 'FOLLOW_UP') },
    { rule: 'terminationNotice', start: c.terminatedAt, stop: c.noticeIssuedAt, runsIn: c.status === 'TERMINATED' },
  ], now);
}

export function caseNextDueAt(c: CaseTimes): Date | null {
  return main(caseClocks(c))?.dueAt ?? null;
}

/** Cases accepted on or before this instant are old enough to be 挂案 at `now` (rule pendingTooLong). */
export function pendingThreshold(now = new Date()): Date {
  const p = deadlineRules().pendingTooLong;
  if (p.months) return addMonths(now, -p.months);
  if (p.hours) return new Date(now.getTime() - p.hours * MS.hour);
  return addDays(now, -(p.days ?? p.workingDays ?? 0));
}

/** 挂案: a company-related case still open pendingTooLong after acceptance. */
export function isPendingTooLong(c: Pick<ProcuratorateCaseDoc, 'creditCodes' | 'closedAt' | 'acceptedAt'>, now = new Date()): boolean {
  return c.creditCodes.length > 0 && !c.closedAt && c.acceptedAt <= pendingThreshold(now);
}

// ── 行刑反向衔接 ────────────────────────────────────────────────────────────────────────────────

type ReferralTimes = Pick<ReverseReferralDoc, 'status' | 'nonProsecutedAt' | 'referredAt' | 'opinionIssuedAt' | 'terminatedAt' | 'agencyDecidedAt' | 'pauses'>;
const REVIEWING: readonly ReverseReferralStatus[] = ['REFERRED', 'UNDER_REVIEW', 'SUSPENDED'];

/**
 * Referred to the administrative procuratorial department within 3 working days of the non-prosecution decision;
 * reviewed within 10 working days of the referral, not counting suspensions (复议/申诉); the competent agency decides
 * on the 检察意见 within two months of it (reverseOpinionReply).
 */
export function referralClocks(r: ReferralTimes, now = new Date()): RecordClock[] {
  return clocksOf([
    { rule: 'reverseReferral', start: r.nonProsecutedAt, stop: r.referredAt, runsIn: r.status === 'NON_PROSECUTED' },
    { rule: 'reverseReview', start: r.referredAt, stop: r.opinionIssuedAt ?? r.terminatedAt, runsIn: REVIEWING.includes(r.status), pauses: r.pauses },
    { rule: 'reverseOpinionReply', start: r.opinionIssuedAt, stop: r.agencyDecidedAt, runsIn: r.status === 'OPINION_ISSUED' },
  ], now);
}

/** Null while suspended: a paused clock is never overdue, and its end moves with the pause. */
export function referralNextDueAt(r: ReferralTimes): Date | null {
  if (openPause(r.pauses)) return null;
  return main(referralClocks(r))?.dueAt ?? null;
}
