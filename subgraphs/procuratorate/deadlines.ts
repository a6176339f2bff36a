import type { ProcuratorateCaseDoc, SuggestionDoc } from './models';

// DOMAIN.md defaults (a locality may set its own; lib/config has no setting for them yet).
export const REPLY_MONTHS = 2;
export const HARM_SPREADING_DAYS = 15;
export const PENDING_TOO_LONG_DAYS = 365;

const DAY = 24 * 3600_000;
// Dates are counted on the calendar of China Standard Time (UTC+8, no daylight saving).
const CST = 8 * 3600_000;

/** `months` calendar months after `date`; a day the target month lacks clamps to its last day. */
export function addMonthsClamped(date: Date, months: number): Date {
  const local = new Date(date.getTime() + CST);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const due = Date.UTC(y, m, day, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds());
  return new Date(due - CST);
}

/** 回复期限: served + 2 months; a pre-suit suggestion with spreading harm: served + 15 days. */
export function replyDueAt(s: Pick<SuggestionDoc, 'servedAt' | 'kind' | 'harmSpreading'>): Date | null {
  if (!s.servedAt) return null;
  if (s.kind === 'PUBLIC_INTEREST_PRE_SUIT' && s.harmSpreading) return new Date(s.servedAt.getTime() + HARM_SPREADING_DAYS * DAY);
  return addMonthsClamped(s.servedAt, REPLY_MONTHS);
}

/** Not replied and past the reply deadline. */
export function isOverdue(s: Pick<SuggestionDoc, 'servedAt' | 'kind' | 'harmSpreading' | 'repliedAt'>, now = new Date()): boolean {
  const due = replyDueAt(s);
  return !s.repliedAt && due !== null && now > due;
}

/** Cases accepted on or before this instant are old enough to be 挂案 at `now`. */
export function pendingThreshold(now = new Date()): Date {
  return new Date(now.getTime() - PENDING_TOO_LONG_DAYS * DAY);
}

/** 挂案: a company-related case still open PENDING_TOO_LONG_DAYS after acceptance. */
export function isPendingTooLong(c: Pick<ProcuratorateCaseDoc, 'creditCodes' | 'closedAt' | 'acceptedAt'>, now = new Date()): boolean {
  return c.creditCodes.length > 0 && !c.closedAt && c.acceptedAt <= pendingThreshold(now);
}
