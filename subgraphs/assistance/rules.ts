import { clock, type Clock, type RuleName } from '../../lib/deadlines';
import { badInput } from '../../lib/errors';
import { check } from '../../lib/validate';
import type { Machine, Step } from '../../lib/workflow';
import type { RescueExclusionCheckInput, RescueOverCapApprovalInput, RescueStatus, SupportReferralStatus } from './__generated__/resolvers-types';
import { MAX_MONTHS } from './config';
import { EXCLUSIONS, type ExclusionCheck, type OverCapApproval, type RescueApplicationDoc, type SupportReferralDoc } from './models';

// 司法救助: every step by the handling agency (the procuratorate); the decision by a supervisor (检察长).
const handling: Step<RescueApplicationDoc> = { by: (a) => a.agencyCode };
const deciding: Step<RescueApplicationDoc> = { by: (a) => a.agencyCode, roles: ['supervisor'] };

/** NOTIFIED → APPLIED → UNDER_REVIEW → APPROVED | REJECTED; APPROVED → FUNDS_REQUESTED → DISBURSED → FOLLOW_UP. */
export const RESCUE_MACHINE: Machine<RescueStatus, RescueApplicationDoc> = {
  NOTIFIED: { APPLIED: handling },
  APPLIED: { UNDER_REVIEW: handling },
  UNDER_REVIEW: { APPROVED: deciding, REJECTED: deciding },
  APPROVED: { FUNDS_REQUESTED: handling },
  REJECTED: {},
  FUNDS_REQUESTED: { DISBURSED: handling },
  DISBURSED: { FOLLOW_UP: handling },
  FOLLOW_UP: {},
};

// 多元化救助: the application's agency refers (creation); the receiving agency takes every step.
const receiving: Step<SupportReferralDoc> = { by: (r) => r.receivingAgencyCode };

/** REFERRED → ACCEPTED | DECLINED; ACCEPTED → COMPLETED. */
export const REFERRAL_MACHINE: Machine<SupportReferralStatus, SupportReferralDoc> = {
  REFERRED: { ACCEPTED: receiving, DECLINED: receiving },
  ACCEPTED: { COMPLETED: receiving },
  COMPLETED: {},
  DECLINED: {},
};

export const UNDECIDED: RescueStatus[] = ['NOTIFIED', 'APPLIED', 'UNDER_REVIEW'];
export const APPROVED_OR_LATER: RescueStatus[] = ['APPROVED', 'FUNDS_REQUESTED', 'DISBURSED', 'FOLLOW_UP'];
export const PAID: RescueStatus[] = ['DISBURSED', 'FOLLOW_UP'];

/** A legal clock of an application; `running` while its act is not done. */
export interface RescueClock extends Clock {
  rule: RuleName;
  running: boolean;
}

type ClockFields = Pick<RescueApplicationDoc, 'appliedAt' | 'decidedAt' | 'fundsReceivedAt' | 'notifiedAt'>;

/**
 * The clocks that have started: rescueDecision from appliedAt to decidedAt (细则: 十个工作日内作出决定) and
 * rescueNotification from the funds' arrival to the applicant's notification (收到救助金后二个工作日内通知).
 */
export function rescueClocks(a: ClockFields, now = new Date()): { decision: RescueClock | null; notification: RescueClock | null } {
  const decision = a.appliedAt
    ? { rule: 'rescueDecision' as const, ...clock('rescueDecision', a.appliedAt, a.decidedAt ?? null, { now }), running: !a.decidedAt }
    : null;
  const notification = a.fundsReceivedAt
    ? { rule: 'rescueNotification' as const, ...clock('rescueNotification', a.fundsReceivedAt, a.notifiedAt ?? null, { now }), running: !a.notifiedAt }
    : null;
  return { decision, notification };
}

/** The clocks running now, earliest deadline first. */
export function runningClocks(a: ClockFields, now = new Date()): RescueClock[] {
  const { decision, notification } = rescueClocks(a, now);
  return [decision, notification].filter((c): c is RescueClock => !!c?.running).sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime());
}

/** The earliest running deadline, stored as `nextDueAt` for the overdue filter. */
export function nextDueAt(a: ClockFields): Date | null {
  return runningClocks(a)[0]?.dueAt ?? null;
}

/** All six exclusions, each once, with its result; returned in the fixed order. */
export function checkExclusions(checks: readonly RescueExclusionCheckInput[]): ExclusionCheck[] {
  const seen = new Set<string>();
  for (const c of checks) {
    if (seen.has(c.exclusion)) throw badInput('exclusionChecks', `${c.exclusion} is listed twice; give one result per exclusion`);
    seen.add(c.exclusion);
  }
  const missing = EXCLUSIONS.filter((e) => !seen.has(e));
  if (missing.length) throw badInput('exclusionChecks', `check all six exclusions before accepting the application; not yet checked: ${missing.join(', ')}`);
  return EXCLUSIONS.map((e) => {
    const c = checks.find((x) => x.exclusion === e)!;
    return { exclusion: e, applies: c.applies, note: optionalText('exclusionChecks', c.note, 2000) };
  });
}

/** Approval needs every exclusion checked and none applying. */
export function checkNoExclusionApplies(checks: readonly ExclusionCheck[]): void {
  const missing = EXCLUSIONS.filter((e) => !checks.some((c) => c.exclusion === e));
  if (missing.length) throw badInput('exclusionChecks', `not yet checked: ${missing.join(', ')}`);
  const applying = checks.filter((c) => c.applies).map((c) => c.exclusion);
  if (applying.length) throw badInput('exclusionChecks', `${applying.join(', ')} applies: the application cannot be approved; reject it with the reason`);
}

export function checkOverCap(input: RescueOverCapApprovalInput | null | undefined): OverCapApproval | null {
  if (!input) return null;
  return { approver: check.nonEmpty('overCapApproval.approver', input.approver, 200), reason: check.nonEmpty('overCapApproval.reason', input.reason, 2000) };
}

/** 1..36 months, more only with a recorded over-cap approval. */
export function checkMonths(months: number, overCap: OverCapApproval | null | undefined): number {
  if (!Number.isInteger(months) || months < 1) throw badInput('months', 'must be a whole number of at least 1');
  if (months > MAX_MONTHS && !overCap) {
    throw badInput('months', `more than ${MAX_MONTHS} months needs an over-cap approval (overCapApproval with approver and reason)`);
  }
  return months;
}

/** months × monthlyWage, in yuan to the cent; null before months are set. */
export function amountOf(a: Pick<RescueApplicationDoc, 'months' | 'monthlyWage'>): number | null {
  return a.months == null ? null : Math.round(a.months * a.monthlyWage * 100) / 100;
}

/** Trimmed text, or null when absent or blank. */
export function optionalText(field: string, value: string | null | undefined, max = 2000): string | null {
  if (value == null || !value.trim()) return null;
  return check.nonEmpty(field, value, max);
}

/** The date of a step: now when not given; never in the future nor before the previous step. */
export function stepDate(field: string, value: Date | null | undefined, previous: Date | null | undefined, previousName: string): Date {
  const at = value ?? new Date();
  check.notFuture(field, at);
  check.order(field, previous, at, previousName);
  return at;
}
