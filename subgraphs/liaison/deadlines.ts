import { addDays } from '../../lib/calendar';
import { clock, type RuleName } from '../../lib/deadlines';
import type { DataRequestDoc, WorkTaskDoc } from './models';

// Which clock of each joint-office record runs in which status (docs/domain.md#data-requests). The periods
// are lib/deadlines DEFAULT_RULES (or DEADLINE_RULES); the arithmetic is lib/calendar's.

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

/** Not done and past its due date. */
export function isTaskOverdue(t: Pick<WorkTaskDoc, 'status' | 'dueAt'>, now = new Date()): boolean {
  return t.status !== 'DONE' && t.dueAt < now;
}

/** The task's due date while it is not done. */
export function workTaskClocks(t: WorkTaskDoc, now = new Date()): RunningClock[] {
  return t.status === 'DONE' ? [] : [{ rule: 'workTaskDue', dueAt: t.dueAt, overdue: isTaskOverdue(t, now) }];
}
