import { clock, type Clock, type RuleName } from '../../lib/deadlines';
import type { CriminalTransferDoc } from './models';

// Which legal clock of a criminal transfer runs in which status, from which date, stopped by which date.
// The periods are lib/deadlines DEFAULT_RULES (or DEADLINE_RULES).

/**
 * A clock of a transfer. `duty`: an agency owes the step (counts for `dueAt` / `overdue`); otherwise a window
 * the agency may use (the reconsideration request), shown in `deadlines` only. `running`: it runs in the
 * transfer's current status.
 */
export interface TransferClock extends Clock {
  rule: RuleName;
  duty: boolean;
  running: boolean;
}

export type TransferTimes = Omit<CriminalTransferDoc, '_id' | 'enforcementCaseId' | 'agencyCode' | 'policeAgencyCode' | 'suspectedCharge' | 'history' | 'version'>;

/** Every clock of a transfer that has started, in procedure order (stopped ones judged at their stop). */
export function transferClocks(t: TransferTimes, now = new Date()): TransferClock[] {
  const s = t.status;
  const clocks: TransferClock[] = [];
  const add = (rule: RuleName, start: Date | null | undefined, stop: Date | null | undefined, runsIn: boolean, duty = true) => {
    if (start) clocks.push({ rule, duty, running: runsIn && !stop, ...clock(rule, start, stop ?? null, { now }) });
  };
  add('transferApproval', t.reportedAt, t.approvedAt ?? t.refusedAt, s === 'REPORTED');
  add('transferSend', t.approvedAt, t.sentAt, s === 'APPROVED');
  // Counted from the receipt; stopped by the police's first decision.
  add('policeReview', t.receiptedAt, t.notFiledAt ?? t.filedAt, s === 'RECEIPTED' || s === 'POLICE_REVIEW');
  add('reconsiderationRequest', t.notFiledAt, t.reconsiderationRequestedAt ?? t.supervisionStartedAt ?? t.filedAt, s === 'NOT_FILED', false);
  add('reconsiderationDecision', t.reconsiderationRequestedAt, t.reconsiderationDecidedAt ?? t.supervisionStartedAt, s === 'RECONSIDERATION');
  // A supervision closes only after the explanation and never after an order to file (workflow.ts), so neither clock
  // below needs the closing (SUPERVISION_CLOSED runs none) as a stop.
  add('policeExplanation', t.supervisionStartedAt, t.explainedAt ?? t.orderedAt ?? t.filedAt, s === 'PROCURATORATE_SUPERVISION');
  add('fileAfterOrder', t.orderedAt, t.filedAt, s === 'PROCURATORATE_SUPERVISION');
  add('exhibitHandover', t.filedAt, t.exhibitsHandedOverAt, s === 'FILED');
  return clocks;
}

/** The clocks running in the current status (`deadlines`), earliest due first: at most one in this procedure. */
export function runningClocks(t: TransferTimes, now = new Date()): TransferClock[] {
  return transferClocks(t, now)
    .filter((c) => c.running)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The duty of the current status (`dueAt` / `overdue`), or null when none runs. */
export function mainClock(t: TransferTimes, now = new Date()): TransferClock | null {
  return runningClocks(t, now).find((c) => c.duty) ?? null;
}

/** The stored due date of the current status (an index for the `overdue` filter), recomputed on every write. */
export function nextDueAt(t: TransferTimes): Date | null {
  return mainClock(t)?.dueAt ?? null;
}
