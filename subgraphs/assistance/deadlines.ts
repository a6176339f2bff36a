import { clock, type Clock, type RuleName } from '../../lib/deadlines';
import type { RescueApplicationDoc } from './models';

// The legal clocks of a rescue application. The periods are lib/deadlines DEFAULT_RULES (or DEADLINE_RULES);
// the working-day arithmetic is lib/calendar's.

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
