import { badInput } from '../../lib/errors';
import type { RescueExclusion, RescueStatus, SupportReferralStatus } from './__generated__/resolvers-types';
import { MAX_MONTHS } from './config';
import { EXCLUSIONS, type RescueApplicationDoc } from './models';

/** Statuses an application may move to from each status. */
export const NEXT_STATUS: Record<RescueStatus, RescueStatus[]> = {
  NOTIFIED: ['APPLIED'],
  APPLIED: ['UNDER_REVIEW', 'APPROVED', 'REJECTED'],
  UNDER_REVIEW: ['APPROVED', 'REJECTED'],
  APPROVED: ['FUNDS_REQUESTED'],
  REJECTED: [],
  FUNDS_REQUESTED: ['DISBURSED'],
  DISBURSED: ['FOLLOW_UP'],
  FOLLOW_UP: [],
};
export const UNDECIDED: RescueStatus[] = ['NOTIFIED', 'APPLIED', 'UNDER_REVIEW'];
export const APPROVED_OR_LATER: RescueStatus[] = ['APPROVED', 'FUNDS_REQUESTED', 'DISBURSED', 'FOLLOW_UP'];
export const PAID: RescueStatus[] = ['DISBURSED', 'FOLLOW_UP'];

export const NEXT_REFERRAL_STATUS: Record<SupportReferralStatus, SupportReferralStatus[]> = {
  REFERRED: ['ACCEPTED', 'COMPLETED', 'DECLINED'],
  ACCEPTED: ['COMPLETED', 'DECLINED'],
  COMPLETED: [],
  DECLINED: [],
};

/** Every exclusion must be listed as checked; returns them deduplicated in a fixed order. */
export function checkExclusions(checked: readonly RescueExclusion[]): RescueExclusion[] {
  const missing = EXCLUSIONS.filter((e) => !checked.includes(e));
  if (missing.length) throw badInput('exclusionsChecked', `check all six exclusions before applying; not yet checked: ${missing.join(', ')}`);
  return [...EXCLUSIONS];
}

/** 1..36 months, more only with a recorded over-cap approval. */
export function checkMonths(months: number, overCapApproved: boolean): number {
  if (months < 1) throw badInput('months', 'must be at least 1');
  if (months > MAX_MONTHS && !overCapApproved) {
    throw badInput('months', `more than ${MAX_MONTHS} months needs an over-cap approval (overCapApproved)`);
  }
  return months;
}

/** months × monthlyWage, in yuan to the cent. */
export function amountOf(a: Pick<RescueApplicationDoc, 'months' | 'monthlyWage'>): number {
  return Math.round(a.months * a.monthlyWage * 100) / 100;
}

/** Undecided past decisionDueAt, or decided after it. */
export function isOverdue(a: RescueApplicationDoc, now = new Date()): boolean {
  if (a.status === 'NOTIFIED') return false;
  const decided = a.decidedAt ?? (UNDECIDED.includes(a.status) ? now : null);
  return decided !== null && decided > a.decisionDueAt;
}
