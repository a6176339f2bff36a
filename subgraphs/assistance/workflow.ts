import { config } from '../../lib/config';
import { badInput } from '../../lib/errors';
import { check } from '../../lib/validate';
import { defineWorkflow, noteOf, type Machine, type Step } from '../../lib/workflow';
import type { RescueExclusionCheckInput, RescueOverCapApprovalInput, RescueStatus, SupportReferralStatus } from './__generated__/resolvers-types';
import { nextDueAt } from './deadlines';
import {
  caseApplicantKey, EXCLUSIONS, numberKey, RescueApplicationModel, SupportReferralModel,
  type ExclusionCheck, type OverCapApproval, type RescueApplicationDoc, type SupportReferralDoc,
} from './models';
import { rescueApplicationPolicy, supportReferralPolicy } from './policies';

// ── 司法救助 (人民检察院国家司法救助工作细则) ──────────────────────────────────────────────────────

// Every step by the handling agency (the procuratorate); the decision by a supervisor (检察长).
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

export const UNDECIDED: RescueStatus[] = ['NOTIFIED', 'APPLIED', 'UNDER_REVIEW'];
export const APPROVED_OR_LATER: RescueStatus[] = ['APPROVED', 'FUNDS_REQUESTED', 'DISBURSED', 'FOLLOW_UP'];

/** The dated steps of an application, in the order they happen. */
export const APPLICATION_DATES = [
  'rightNotifiedAt', 'appliedAt', 'reviewStartedAt', 'decidedAt', 'fundsRequestedAt', 'fundsReceivedAt', 'disbursedAt', 'notifiedAt', 'followedUpAt',
] as const;

/** The monthly wage of new amounts: the previous year's provincial average (ASSISTANCE_MONTHLY_WAGE, validated in lib/config.ts). */
export const MONTHLY_WAGE = config().ASSISTANCE_MONTHLY_WAGE;
/** Months of wages granted without an over-cap approval (细则: 一般不超过三十六个月). */
export const MAX_MONTHS = 36;

type Derived = Pick<RescueApplicationDoc, 'numberKey' | 'caseApplicantKey' | 'listedAt' | 'nextDueAt'>;

/** Every stored derived field of an application: its unique keys (see the model), its list date and its next deadline. */
export function applicationDerived(a: RescueApplicationDoc): Derived {
  return { numberKey: numberKey(a), caseApplicantKey: caseApplicantKey(a), listedAt: (a.appliedAt ?? a.rightNotifiedAt)!, nextDueAt: nextDueAt(a) };
}

export const applications = defineWorkflow<RescueStatus, RescueApplicationDoc>({
  resourceType: 'RESCUE_APPLICATION',
  label: 'rescue application',
  model: RescueApplicationModel,
  policy: rescueApplicationPolicy,
  machine: RESCUE_MACHINE,
  // The follow-up (回访) comes after the applicant was told of the funds.
  unless: { FOLLOW_UP: (a) => (a.notifiedAt ? null : 'notify the applicant of the funds first (notifyRescueApplicant)') },
  dates: APPLICATION_DATES,
  derive: applicationDerived,
});

/** All six exclusions (细则 第八条), each once, with its result; returned in the fixed order. */
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
    return { exclusion: e, applies: c.applies, note: noteOf(c.note, 'exclusionChecks') };
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

// ── 多元化救助 ──────────────────────────────────────────────────────────────────────────────────

// The application's agency refers (the creation); the receiving agency takes every step.
const receiving: Step<SupportReferralDoc> = { by: (r) => r.receivingAgencyCode };

/** REFERRED → ACCEPTED | DECLINED; ACCEPTED → COMPLETED. */
export const REFERRAL_MACHINE: Machine<SupportReferralStatus, SupportReferralDoc> = {
  REFERRED: { ACCEPTED: receiving, DECLINED: receiving },
  ACCEPTED: { COMPLETED: receiving },
  COMPLETED: {},
  DECLINED: {},
};

export const referrals = defineWorkflow<SupportReferralStatus, SupportReferralDoc>({
  resourceType: 'SUPPORT_REFERRAL',
  label: 'support referral',
  model: SupportReferralModel,
  policy: supportReferralPolicy,
  machine: REFERRAL_MACHINE,
  dates: ['referredAt', 'acceptedAt', 'declinedAt', 'completedAt'],
});
