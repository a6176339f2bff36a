import { defineWorkflow, nextSteps, type Machine } from '../../lib/workflow';
import type { AlertStatus, DataRequestStatus, WorkTaskStatus } from './__generated__/resolvers-types';
import { dataRequestNextDueAt } from './deadlines';
import {
  alertOpenKey, AlertModel, DataRequestModel, WorkTaskModel, type AlertRecordedDoc, type DataRequestDoc, type WorkTaskDoc,
} from './models';
import { JOINT_OFFICE_CODE } from './policies';

const jointOffice = { by: () => JOINT_OFFICE_CODE, roles: ['liaison_admin'] } as const;
const requester = { by: (r: DataRequestDoc) => r.requesterCode };
const providerSupervisor = { by: (r: DataRequestDoc) => r.providerCode, roles: ['supervisor'] } as const;
const eitherParty = { by: (r: DataRequestDoc) => [r.requesterCode, r.providerCode] };

/**
 * 共享申请 (docs/domain.md#data-requests). The joint office checks compliance; the provider's supervisor
 * decides; either party may take a dispute or a denial to the joint meeting once, whose decision the
 * joint office records; the requester may withdraw before a decision. GRANTED, WITHDRAWN and a denial
 * after coordination are final (a grant is ended by revokeGrant, not by the workflow).
 */
export const DATA_REQUEST_MACHINE: Machine<DataRequestStatus, DataRequestDoc> = {
  SUBMITTED: { COMPLIANCE_CHECK: jointOffice, WITHDRAWN: requester },
  COMPLIANCE_CHECK: { PROVIDER_REVIEW: jointOffice, DENIED: jointOffice, WITHDRAWN: requester },
  PROVIDER_REVIEW: { GRANTED: providerSupervisor, DENIED: providerSupervisor, COORDINATION: eitherParty, WITHDRAWN: requester },
  DENIED: { COORDINATION: eitherParty },
  COORDINATION: { GRANTED: jointOffice, DENIED: jointOffice, WITHDRAWN: requester },
  GRANTED: {},
  WITHDRAWN: {},
};

/** The joint meeting is asked once: a request escalated before cannot go back to it. */
function settledByMeeting(r: DataRequestDoc): string | null {
  if (!r.escalatedAt) return null;
  const allowed = nextSteps(DATA_REQUEST_MACHINE, r.status).filter((s) => s !== 'COORDINATION');
  return `this data request is ${r.status} and cannot move to COORDINATION this way (the joint meeting has settled it already); allowed next: ${allowed.join(', ') || 'none (final)'}`;
}

export const dataRequests = defineWorkflow<DataRequestStatus, DataRequestDoc>({
  resourceType: 'DATA_REQUEST',
  label: 'data request',
  model: DataRequestModel,
  machine: DATA_REQUEST_MACHINE,
  unless: { COORDINATION: settledByMeeting },
  dates: ['submittedAt', 'complianceStartedAt', 'providerReviewStartedAt', 'decidedAt', 'escalatedAt', 'withdrawnAt'],
  derive: (r) => ({ nextDueAt: dataRequestNextDueAt(r) }),
});

const lead = { by: (t: WorkTaskDoc) => t.leadAgencyCode };

/** 年度工作要点 (docs/domain.md#work-tasks): the lead unit (牵头单位) starts and completes its task. */
export const WORK_TASK_MACHINE: Machine<WorkTaskStatus, WorkTaskDoc> = {
  PLANNED: { IN_PROGRESS: lead },
  IN_PROGRESS: { DONE: lead },
  DONE: {},
};

/** Its due date is set by the joint office (updateWorkTask), not derived. */
export const workTasks = defineWorkflow<WorkTaskStatus, WorkTaskDoc>({
  resourceType: 'WORK_TASK',
  label: 'work task',
  model: WorkTaskModel,
  machine: WORK_TASK_MACHINE,
  dates: ['startedAt', 'completedAt'],
});

/**
 * Who handles an alert: its agency (officer or supervisor) or the joint office (liaison_admin). The machine names
 * both agencies with the roles of either; the steps' resolvers read the alert first under its read rule
 * (policies.ts alertRule: its agency, the joint office's liaison_admin), so at the joint office's seat only the
 * liaison admins reach another agency's alert, and others learn nothing of it (FORBIDDEN, as for a missing id).
 */
const alertHandler = { by: (a: AlertRecordedDoc) => [a.agencyCode, JOINT_OFFICE_CODE], roles: ['officer', 'supervisor', 'liaison_admin'] } as const;

/** 提前预警 (docs/domain.md#early-warning-rules): taken up, then resolved; a rule's run also resolves an alert whose condition cleared. */
export const ALERT_MACHINE: Machine<AlertStatus, AlertRecordedDoc> = {
  OPEN: { ACKNOWLEDGED: alertHandler, RESOLVED: alertHandler },
  ACKNOWLEDGED: { RESOLVED: alertHandler },
  RESOLVED: {},
};

/** Raised by the rules (alerts/runner.ts, through `create`); the unique open key is derived on every write. */
export const alerts = defineWorkflow<AlertStatus, AlertRecordedDoc>({
  resourceType: 'ALERT',
  label: 'alert',
  model: AlertModel,
  machine: ALERT_MACHINE,
  dates: ['raisedAt', 'acknowledgedAt', 'resolvedAt'],
  derive: (a) => ({ openKey: alertOpenKey(a) }),
});
