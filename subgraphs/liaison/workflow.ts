import { AGENCIES } from '../../lib/agencies';
import { addDays } from '../../lib/calendar';
import { clock, type RuleName } from '../../lib/deadlines';
import { nextSteps, type Machine } from '../../lib/workflow';
import type { DataRequestStatus, WorkTaskStatus } from './__generated__/resolvers-types';
import type { DataRequestDoc, WorkTaskDoc } from './models';

/** The seat of the joint office (联席办, seed §五(一)): the county procuratorate. */
export const JOINT_OFFICE_CODE = AGENCIES.find((a) => a.isJointOffice)!.code;

const jointOffice = { by: () => JOINT_OFFICE_CODE, roles: ['liaison_admin'] } as const;
const requester = { by: (r: DataRequestDoc) => r.requesterCode };
const providerSupervisor = { by: (r: DataRequestDoc) => r.providerCode, roles: ['supervisor'] } as const;
const eitherParty = { by: (r: DataRequestDoc) => [r.requesterCode, r.providerCode] };

/**
 * 共享申请 (DOMAIN.md "Liaison subgraph"). The joint office checks compliance; the provider's supervisor
 * decides; either party may take a dispute or a denial to the joint meeting once, whose decision the
 * joint office records; the requester may withdraw before a decision. GRANTED, WITHDRAWN and a denial
 * after coordination are final (a grant is ended by revokeGrant, not by the workflow).
 */
export const dataRequestMachine: Machine<DataRequestStatus, DataRequestDoc> = {
  SUBMITTED: { COMPLIANCE_CHECK: jointOffice, WITHDRAWN: requester },
  COMPLIANCE_CHECK: { PROVIDER_REVIEW: jointOffice, DENIED: jointOffice, WITHDRAWN: requester },
  PROVIDER_REVIEW: { GRANTED: providerSupervisor, DENIED: providerSupervisor, COORDINATION: eitherParty, WITHDRAWN: requester },
  DENIED: { COORDINATION: eitherParty },
  COORDINATION: { GRANTED: jointOffice, DENIED: jointOffice, WITHDRAWN: requester },
  GRANTED: {},
  WITHDRAWN: {},
};

/** The next statuses of a request: as the machine says, except that the joint meeting is asked only once. */
export function dataRequestNextSteps(r: DataRequestDoc): DataRequestStatus[] {
  return nextSteps(dataRequestMachine, r.status).filter((s) => !(s === 'COORDINATION' && r.escalatedAt));
}

export interface RunningClock {
  rule: RuleName | 'workTaskDue';
  dueAt: Date;
  overdue: boolean;
}

/** The provider's period: 5 working days, 10 when the resource is not yet catalogued. */
export function providerRule(r: Pick<DataRequestDoc, 'catalogued'>): RuleName {
  return r.catalogued === false ? 'dataRequestProviderReviewUncatalogued' : 'dataRequestProviderReview';
}

/**
 * The clock running in the request's current state: the joint office's 2 working days from submission
 * while SUBMITTED or COMPLIANCE_CHECK; the provider's 5 (or 10) working days from passing the check
 * while PROVIDER_REVIEW. No legal period runs in COORDINATION or a final state.
 */
export function dataRequestClocks(r: DataRequestDoc, now = new Date()): RunningClock[] {
  switch (r.status) {
    case 'SUBMITTED':
    case 'COMPLIANCE_CHECK':
      return [{ rule: 'dataRequestCompliance', ...clock('dataRequestCompliance', r.submittedAt, null, { now }) }];
    case 'PROVIDER_REVIEW': {
      const rule = providerRule(r);
      return [{ rule, ...clock(rule, r.providerReviewStartedAt ?? r.submittedAt, null, { now }) }];
    }
    default:
      return [];
  }
}

/** What `nextDueAt` stores for a request in its (new) state: the due date of its running clock. */
export function dataRequestNextDueAt(r: DataRequestDoc): Date | null {
  return dataRequestClocks(r)[0]?.dueAt ?? null;
}

/** Days a grant lasts when the records it covers all lie in the past (periodTo before the decision). */
export const GRANT_DAYS_FOR_PAST_PERIOD = 90;

/**
 * The longest validity of the grant a request produces, decided at `decidedAt`: until the request's
 * periodTo while that is still ahead (records keep coming in during the requested period), otherwise
 * GRANT_DAYS_FOR_PAST_PERIOD days (time to read records that already exist). The provider may shorten it.
 */
export function maxValidUntil(r: Pick<DataRequestDoc, 'periodTo'>, decidedAt: Date): Date {
  return r.periodTo > decidedAt ? r.periodTo : addDays(decidedAt, GRANT_DAYS_FOR_PAST_PERIOD);
}

const lead = { by: (t: WorkTaskDoc) => t.leadAgencyCode };

/** 年度工作要点: the lead unit (牵头单位) starts and completes its task. */
export const workTaskMachine: Machine<WorkTaskStatus, WorkTaskDoc> = {
  PLANNED: { IN_PROGRESS: lead },
  IN_PROGRESS: { DONE: lead },
  DONE: {},
};

/** Not done and past its due date. */
export function isTaskOverdue(t: Pick<WorkTaskDoc, 'status' | 'dueAt'>, now = new Date()): boolean {
  return t.status !== 'DONE' && t.dueAt < now;
}

/** The task's due date while it is not done. */
export function workTaskClocks(t: WorkTaskDoc, now = new Date()): RunningClock[] {
  return t.status === 'DONE' ? [] : [{ rule: 'workTaskDue', dueAt: t.dueAt, overdue: isTaskOverdue(t, now) }];
}
