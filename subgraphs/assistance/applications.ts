import type { GraphQLError } from 'graphql';
import { agencyByCode } from '../../lib/agencies';
import { requireWriterOf } from '../../lib/access';
import { badInput, conflict } from '../../lib/errors';
import type { Identity } from '../../lib/identity';
import { newId } from '../../lib/mongo';
import { check } from '../../lib/validate';
import { definedOnly } from '../../lib/versioned';
import type { RescueApplicationInput, RescueApplicationUpdate } from './__generated__/resolvers-types';
import type { RescueApplicationDoc } from './models';
import { checkExclusions, checkMonths, checkOverCap, MONTHLY_WAGE, UNDECIDED } from './workflow';

/** The handling agency: a procuratorate, by default the caller's; the caller must write for it. */
export function handlingAgency(identity: Identity, given: string | null | undefined): string {
  const code = check.agencyCode('agencyCode', given ?? identity.agency);
  if (agencyByCode(code)?.type !== 'PROCURATORATE') throw badInput('agencyCode', 'judicial rescue is handled by the procuratorate');
  requireWriterOf(identity, code);
  return code;
}

/** A new application's fields; its id is chosen here because its unique keys are derived from it (workflow.ts). */
export type NewApplication = Omit<RescueApplicationDoc, 'numberKey' | 'caseApplicantKey' | 'listedAt' | 'history' | 'version'>;

/** A new APPLIED application from createRescueApplication's input (or an imported ledger row): its checks and access rule, in one place. */
export function newApplication(identity: Identity, input: RescueApplicationInput): NewApplication {
  const agencyCode = handlingAgency(identity, input.agencyCode);
  const overCapApproval = checkOverCap(input.overCapApproval);
  const appliedAt = check.notFuture('appliedAt', input.appliedAt);
  return {
    _id: newId(),
    agencyCode,
    number: check.nonEmpty('number', input.number, 100),
    applicantId: check.personId('applicantId', input.applicantId),
    procuratorateCaseId: input.procuratorateCaseId ? check.nonEmpty('procuratorateCaseId', input.procuratorateCaseId, 200) : null,
    situation: input.situation,
    exclusionChecks: checkExclusions(input.exclusionChecks),
    groups: [...new Set(input.groups ?? [])],
    months: checkMonths(input.months, overCapApproval),
    monthlyWage: MONTHLY_WAGE,
    overCapApproval,
    status: 'APPLIED',
    appliedAt,
  };
}

/** The refusal of a second application of one person in one case (one per case and person). */
export function caseApplicantTaken(clash: Pick<RescueApplicationDoc, 'status'>, details: Record<string, unknown> = {}): GraphQLError {
  const hint = clash.status === 'NOTIFIED' ? '; the victim was notified: record the application on that record (receiveRescueApplication)' : '';
  return conflict(`this person already has a rescue application for this case (one per case and person)${hint}`, { fields: ['procuratorateCaseId', 'applicantId'], ...details });
}

/** updateRescueApplication's rule: the details of an application change only before the decision. */
export function requireUndecided(current: Pick<RescueApplicationDoc, 'status'>): void {
  if (!UNDECIDED.includes(current.status)) {
    throw conflict(`this rescue application is ${current.status}: its details can change only before the decision`, { currentStatus: current.status });
  }
}

/**
 * The fields updateRescueApplication sets (or an imported row's changes), after its checks: all six exclusions, months
 * within the cap unless an over-cap approval is recorded. Derived fields are added by the write.
 */
export function applicationDetails(current: RescueApplicationDoc, input: Omit<RescueApplicationUpdate, 'version'>): Partial<RescueApplicationDoc> {
  const overCapApproval = checkOverCap(input.overCapApproval) ?? undefined;
  const months = input.months ?? current.months;
  if (months != null) checkMonths(months, overCapApproval ?? current.overCapApproval);
  else if (input.overCapApproval) throw badInput('overCapApproval', 'set months first');
  return definedOnly({
    situation: input.situation ?? undefined,
    groups: input.groups ? [...new Set(input.groups)] : undefined,
    exclusionChecks: input.exclusionChecks ? checkExclusions(input.exclusionChecks) : undefined,
    months: input.months ?? undefined,
    overCapApproval,
  });
}
